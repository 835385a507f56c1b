"""An engagement: one local government's advisory cycle with its team, advisers and stages."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rozwoj.core.models import TimeStampedModel
from rozwoj.experts.models import ExpertProfile
from rozwoj.organisations.models import LocalGovernment
from rozwoj.people.models import Person
from rozwoj.surveys.models import Questionnaire

from .calls import Application, Call, TeamRole
from .catalogues import StageKind, SupportArea


class EngagementStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("engagement status", "active")
    CLOSED = "closed", pgettext_lazy("engagement status", "closed")


class Engagement(TimeStampedModel):
    """One local government in one cycle (a call): at most one, enforced by the database."""

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="engagements", verbose_name=_("cycle")
    )
    local_government = models.ForeignKey(
        LocalGovernment,
        on_delete=models.PROTECT,
        related_name="advisory_engagements",
        verbose_name=_("local government"),
    )
    application = models.OneToOneField(
        Application,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="engagement",
        verbose_name=_("application"),
    )
    support_area = models.ForeignKey(
        SupportArea,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="engagements",
        verbose_name=_("support area"),
    )
    ros_expert = models.ForeignKey(
        ExpertProfile,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ros_engagements",
        verbose_name=_("education development adviser"),
    )
    pro_expert = models.ForeignKey(
        ExpertProfile,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pro_engagements",
        verbose_name=_("organisational development adviser"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EngagementStatus.choices,
        default=EngagementStatus.ACTIVE,
        db_index=True,
    )
    diagnosis_questionnaire = models.ForeignKey(
        Questionnaire,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("self-diagnosis questionnaire"),
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        ordering = ["local_government__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "local_government"],
                name="advisory_engagement_once_per_cycle",
                violation_error_message=_("This local government already has an engagement in this cycle."),
            ),
            models.CheckConstraint(
                condition=Q(ros_expert__isnull=True)
                | Q(pro_expert__isnull=True)
                | ~Q(ros_expert=F("pro_expert")),
                name="advisory_engagement_two_advisers",
            ),
        ]
        indexes = [
            models.Index(fields=["ros_expert", "status"], name="advisory_eng_ros_idx"),
            models.Index(fields=["pro_expert", "status"], name="advisory_eng_pro_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.local_government.display_name} — {self.call}"


class EngagementMember(models.Model):
    """A person of the local government's team in an engagement."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="advisory_memberships", verbose_name=_("person")
    )
    role = models.CharField(_("role in the team"), max_length=20, choices=TeamRole.choices)
    position = models.CharField(_("position"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "person"], name="advisory_engagement_member_unique")
        ]

    def __str__(self) -> str:
        return str(self.person)


class StageStatus(models.TextChoices):
    NOT_STARTED = "not_started", pgettext_lazy("stage status", "not started")
    IN_PROGRESS = "in_progress", pgettext_lazy("stage status", "in progress")
    CLOSED = "closed", pgettext_lazy("stage status", "closed")


class EngagementStage(models.Model):
    """One stage of an engagement; it closes only when its output exists (see services)."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="stages")
    kind = models.PositiveSmallIntegerField(_("stage"), choices=StageKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=StageStatus.choices, default=StageStatus.NOT_STARTED
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    display_name = ""  # the programme's name for the stage, set by the selectors that show it

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["engagement", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "kind"], name="advisory_engagement_stage_unique"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="advisory_stage_dates_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_at__isnull=False), name="advisory_stage_closed_when"
            ),
        ]

    def __str__(self) -> str:
        return str(StageKind(self.kind).label)


class Finding(TimeStampedModel):
    """An expert's finding in the needs diagnosis."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="findings")
    text = models.TextField(_("finding"), max_length=5000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Priority(TimeStampedModel):
    """A development priority from the diagnosis, ranked (1 = most important)."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="priorities")
    title = models.CharField(_("priority"), max_length=255)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    rank = models.PositiveSmallIntegerField(_("rank"))

    class Meta:
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        ordering = ["engagement", "rank", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rank__gte=1) & Q(rank__lte=1000), name="advisory_priority_rank_range"
            ),
        ]

    def __str__(self) -> str:
        return self.title
