"""The support log: every meeting, workshop and piece of advice given to a local government."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rozwoj.core.models import TimeStampedModel
from rozwoj.events.models import Event
from rozwoj.experts.models import ExpertProfile
from rozwoj.people.models import Person

from .catalogues import SupportForm
from .engagement import Engagement, EngagementMember

MIN_HOURS = Decimal("0.25")
MAX_HOURS = Decimal("100")


class SupportLogEntry(TimeStampedModel):
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="log_entries")
    form = models.ForeignKey(
        SupportForm, on_delete=models.PROTECT, related_name="log_entries", verbose_name=_("form of support")
    )
    date = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(MIN_HOURS), MaxValueValidator(MAX_HOURS)],
    )
    experts = models.ManyToManyField(ExpertProfile, blank=True, related_name="+", verbose_name=_("experts"))
    attendees = models.ManyToManyField(
        EngagementMember,
        blank=True,
        related_name="log_entries",
        verbose_name=_("people of the local government present"),
    )
    event = models.ForeignKey(
        Event,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advisory_log_entries",
        verbose_name=_("event of the cycle"),
        help_text=_("For meetings of the whole cycle: attendance is taken from the event."),
    )
    notes = models.TextField(_("notes"), max_length=10000, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("support-log entry")
        verbose_name_plural = _("support log")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gte=MIN_HOURS) & Q(hours__lte=MAX_HOURS), name="advisory_log_hours_range"
            ),
        ]
        indexes = [
            models.Index(fields=["engagement", "-date"], name="advisory_log_eng_date_idx"),
            models.Index(fields=["form", "date"], name="advisory_log_form_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.form} {self.date}"


class FollowUp(models.Model):
    """Something agreed at a meeting, with who does it and by when."""

    entry = models.ForeignKey(SupportLogEntry, on_delete=models.CASCADE, related_name="follow_ups")
    text = models.CharField(_("what was agreed"), max_length=500)
    owner = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="advisory_follow_ups", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["owner", "done_at", "due_on"], name="advisory_followup_owner_idx"),
            # the overdue follow-ups of the coordinator's dashboard, the longest overdue first
            models.Index(
                fields=["due_on", "id"], condition=Q(done_at__isnull=True), name="advisory_followup_open_due"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class SupportHours(models.Model):
    """An engagement's logged hours summed per form of support (`expert` empty) or per expert (`form` empty),
    counted again from its entries in the transaction of every change (`services.support_log.hours_recount`,
    called by the signals): the dashboard adds up a few rows per engagement instead of scanning the support log.
    A daily job counts them all again from the entries (`advisory.recount_support_hours`)."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="+")
    form = models.ForeignKey(SupportForm, null=True, on_delete=models.CASCADE, related_name="+")
    expert = models.ForeignKey(ExpertProfile, null=True, on_delete=models.CASCADE, related_name="+")
    hours = models.DecimalField(max_digits=12, decimal_places=2)
    entries = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(form__isnull=True, expert__isnull=False)
                | Q(form__isnull=False, expert__isnull=True),
                name="advisory_hours_form_or_expert",
            ),
            models.UniqueConstraint(fields=["engagement", "form"], name="advisory_hours_engagement_form"),
            models.UniqueConstraint(fields=["engagement", "expert"], name="advisory_hours_engagement_expert"),
        ]

    def __str__(self) -> str:
        return f"{self.engagement_id}: {self.hours}"
