"""Monitoring of an approved HDR (stage 5): periodic entries per action with its status, percent done,
indicator value, a comment and an optional evidence file. Each action points at its latest entry, so that the
overdue and at-risk actions of thousands of engagements are found without reading their histories."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rozwoj.core.files import PrivateUploadTo
from rozwoj.core.models import TimeStampedModel
from rozwoj.people.models import Person

from .hdr import HdrAction


class MonitoringStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    ON_TRACK = "on_track", _("on track")
    AT_RISK = "at_risk", _("at risk")
    DELAYED = "delayed", _("delayed")
    DONE = "done", _("done")


class MonitoringEntry(TimeStampedModel):
    """What the team or the advisers saw of one action on one day."""

    action = models.ForeignKey(
        HdrAction, on_delete=models.CASCADE, related_name="monitoring_entries", verbose_name=_("HDR action")
    )
    date = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=20, choices=MonitoringStatus.choices)
    percent_done = models.PositiveSmallIntegerField(
        _("percent done"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    indicator_value = models.CharField(_("indicator value"), max_length=100, blank=True)
    comment = models.TextField(_("comment"), max_length=5000, blank=True)
    evidence = models.FileField(
        _("evidence"), upload_to=PrivateUploadTo("advisory/evidence"), max_length=300, blank=True
    )
    evidence_type = models.CharField(_("evidence file type"), max_length=10, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("monitoring entry")
        verbose_name_plural = _("monitoring entries")
        ordering = ["action", "-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent_done__gte=0) & Q(percent_done__lte=100),
                name="advisory_monitoring_percent_range",
            ),
        ]
        indexes = [models.Index(fields=["action", "-date", "-id"], name="advisory_monitoring_latest")]

    def __str__(self) -> str:
        return f"{self.action} — {self.date}"


class MonitoringDigest(models.Model):
    """A weekly digest claimed for a person: written before the e-mail, so that nobody gets one twice."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    week = models.DateField(_("week starting"))
    actions = models.PositiveIntegerField(_("actions listed"), default=0)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("monitoring digest")
        verbose_name_plural = _("monitoring digests")
        constraints = [
            models.UniqueConstraint(fields=["person", "week"], name="advisory_monitoring_digest_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.week}"
