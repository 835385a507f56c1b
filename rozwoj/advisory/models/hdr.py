"""The development action schedule (HDR, harmonogram działań rozwojowych) of an engagement: its context, goals
and actions tied to the diagnosis's ranked priorities; its saved versions and comments; its publication."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rozwoj.core.models import TimeStampedModel

from .catalogues import ManagementTool
from .engagement import Engagement, Priority


class HdrStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted for approval")
    APPROVED = "approved", _("approved")
    PUBLISHED = "published", pgettext_lazy("HDR status", "published")


class Hdr(TimeStampedModel):
    """One HDR per engagement. `revision` grows with every save: a save that read an older revision is a
    conflict (optimistic locking), never a silent overwrite."""

    engagement = models.OneToOneField(
        Engagement, on_delete=models.CASCADE, related_name="hdr", verbose_name=_("engagement")
    )
    title = models.CharField(_("title"), max_length=255)
    context = models.TextField(_("context"), max_length=20000, blank=True)
    goals = models.TextField(_("goals"), max_length=10000, blank=True, help_text=_("One goal per line."))
    status = models.CharField(
        _("status"), max_length=20, choices=HdrStatus.choices, default=HdrStatus.DRAFT, db_index=True
    )
    revision = models.PositiveIntegerField(_("revision"), default=1)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("development action schedule")
        verbose_name_plural = _("development action schedules")
        ordering = ["-published_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="advisory_hdr_published_when",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == HdrStatus.PUBLISHED

    def goal_list(self) -> list[str]:
        return [line.strip() for line in self.goals.splitlines() if line.strip()]


class ActionOrigin(models.TextChoices):
    PRIORITY = "priority", _("from a priority of the diagnosis")
    COPIED = "copied", _("copied from a published HDR")
    DEBATE = "debate", _("a recommendation of a debate")


class HdrAction(TimeStampedModel):
    """One action of the schedule."""

    hdr = models.ForeignKey(Hdr, on_delete=models.CASCADE, related_name="actions")
    priority = models.ForeignKey(
        Priority,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hdr_actions",
        verbose_name=_("priority"),
    )
    title = models.CharField(_("action"), max_length=255)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    owner = models.CharField(_("who is responsible"), max_length=200, blank=True)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("to"), null=True, blank=True)
    resources = models.TextField(_("resources"), max_length=2000, blank=True)
    expected_effect = models.TextField(_("expected effect"), max_length=2000, blank=True)
    indicator = models.CharField(_("indicator"), max_length=255, blank=True)
    baseline = models.CharField(_("baseline value"), max_length=100, blank=True)
    target = models.CharField(_("target value"), max_length=100, blank=True)
    management_tool = models.ForeignKey(
        ManagementTool,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hdr_actions",
        verbose_name=_("management tool"),
    )
    origin = models.CharField(
        _("origin"), max_length=20, choices=ActionOrigin.choices, default=ActionOrigin.PRIORITY
    )
    source_action = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        verbose_name=_("copied from"),
    )
    source_label = models.CharField(_("source"), max_length=300, blank=True)
    source_recommendation = models.ForeignKey(
        "advisory.Recommendation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hdr_actions",
        verbose_name=_("recommendation of a debate"),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    latest_entry = models.ForeignKey(
        "MonitoringEntry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("latest monitoring entry"),
    )

    # set by the monitoring selectors that flag it (selectors/monitoring.py)
    is_overdue = False
    is_at_risk = False
    result: Any = None  # its IndicatorResult, set by the evaluation's selectors

    class Meta:
        verbose_name = _("HDR action")
        verbose_name_plural = _("HDR actions")
        ordering = ["hdr", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="advisory_hdr_action_dates_ordered",
            ),
        ]
        # the overdue and at-risk actions of the coordinator's dashboard, the nearest deadline first
        indexes = [models.Index(fields=["ends_on", "id"], name="advisory_hdr_action_deadline")]

    def __str__(self) -> str:
        return self.title


class HdrVersion(models.Model):
    """A frozen copy of the HDR's content, taken on each submission, approval or "save as version"."""

    hdr = models.ForeignKey(Hdr, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("content"))
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        verbose_name = _("HDR version")
        verbose_name_plural = _("HDR versions")
        ordering = ["hdr", "-number"]
        constraints = [models.UniqueConstraint(fields=["hdr", "number"], name="advisory_hdr_version_unique")]

    def __str__(self) -> str:
        return f"{self.hdr} v{self.number}"


class HdrComment(models.Model):
    """A comment of the local government's team or the advisers on the HDR (optionally on a version)."""

    hdr = models.ForeignKey(Hdr, on_delete=models.CASCADE, related_name="comments")
    version = models.ForeignKey(
        HdrVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments"
    )
    text = models.TextField(_("comment"), max_length=5000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("HDR comment")
        verbose_name_plural = _("HDR comments")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]
