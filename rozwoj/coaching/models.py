"""Coaching (issue #12, parts 1–4): the techniques toolkit, pilot groups per partner and country, coaching
agreements with their goals and sessions, and the coach's supervision.

A session's private notes are stored encrypted (rozwoj.coaching.crypto, Fernet with keys from the environment):
the column holds a token, never the text, and only the agreement's coach may have it decrypted.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from rozwoj.core.files import PrivateUploadTo
from rozwoj.core.models import TimeStampedModel
from rozwoj.core.prepared_exports import PreparedExport
from rozwoj.experts.models import ExpertProfile
from rozwoj.organisations.models import Organisation
from rozwoj.people.models import Person
from rozwoj.programmes.models import Programme

MAX_SESSIONS_PLANNED = 100
MAX_SESSION_MINUTES = 600
MAX_GROUP_SIZE = 200
MAX_GROUP_CAPACITY = 500
PROGRESS_MIN, PROGRESS_MAX = 1, 10

# The languages of the partnership: a technique has a version in each (the English one usually the original).
TECHNIQUE_LANGUAGES = [("en", "English"), ("pl", "polski"), ("lv", "latviešu"), ("el", "Ελληνικά")]


class Visibility(models.TextChoices):
    PUBLIC = "public", _("public")
    PARTNERS = "partners", _("partners only")


class Technique(TimeStampedModel):
    """One coaching technique of the toolkit, in one language; translations point to their original."""

    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(_("purpose"))
    steps = models.TextField(_("steps"), help_text=_("Markdown: one step a line or a numbered list."))
    when_to_use = models.TextField(_("when to use it"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    language = models.CharField(_("language"), max_length=7, choices=TECHNIQUE_LANGUAGES)
    original = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="translations",
        limit_choices_to={"original__isnull": True},
    )
    visibility = models.CharField(
        _("visible to"), max_length=10, choices=Visibility.choices, default=Visibility.PARTNERS
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("coaching technique")
        verbose_name_plural = _("coaching techniques")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "language",
                name="technique_name_language_unique",
                violation_error_message=_("A technique with this name already exists in this language."),
            ),
            models.UniqueConstraint(
                fields=["original", "language"],
                name="technique_one_translation_per_language",
                violation_error_message=_("This technique already has a version in this language."),
            ),
            models.CheckConstraint(
                condition=Q(original__isnull=True) | ~Q(original=F("id")),
                name="technique_not_own_translation",
            ),
        ]
        indexes = [models.Index(fields=["visibility", "language"], name="technique_visibility_idx")]

    def __str__(self) -> str:
        return self.name


class PilotGroup(TimeStampedModel):
    """A pilot group run by a partner organisation in one country, with its coaches and members."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="pilot_groups"
    )
    partner = models.ForeignKey(
        Organisation, verbose_name=_("partner organisation"), on_delete=models.PROTECT, related_name="+"
    )
    country = CountryField(_("country"))
    name = models.CharField(_("name"), max_length=200)
    capacity = models.PositiveSmallIntegerField(
        _("places"), validators=[MinValueValidator(1), MaxValueValidator(MAX_GROUP_CAPACITY)]
    )
    schedule = models.TextField(
        _("schedule"), blank=True, help_text=_("E.g. every second Tuesday, 10:00–12:00.")
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    coaches = models.ManyToManyField(
        ExpertProfile, verbose_name=_("coaches"), blank=True, related_name="pilot_groups"
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("pilot group")
        verbose_name_plural = _("pilot groups")
        ordering = ["country", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                "programme",
                Lower("name"),
                name="pilot_group_name_unique",
                violation_error_message=_("This programme already has a pilot group of this name."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=MAX_GROUP_CAPACITY),
                name="pilot_group_capacity",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="pilot_group_dates_ordered",
                violation_error_message=_("The end date cannot be earlier than the start date."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PilotGroupMember(models.Model):
    group = models.ForeignKey(PilotGroup, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="pilot_group_memberships"
    )
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("pilot group member")
        verbose_name_plural = _("pilot group members")
        ordering = ["person__sort_key", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "person"],
                name="pilot_group_member_unique",
                violation_error_message=_("This person is already a member of the group."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.group}"


class PracticeKind(models.TextChoices):
    PAID = "paid", _("paid")
    PRO_BONO = "pro_bono", _("pro bono")


class Agreement(TimeStampedModel):
    """A coaching agreement (kontrakt coachingowy) between a coach and a coachee."""

    coach = models.ForeignKey(
        ExpertProfile, verbose_name=_("coach"), on_delete=models.PROTECT, related_name="coaching_agreements"
    )
    coachee = models.ForeignKey(
        Person, verbose_name=_("coachee"), on_delete=models.PROTECT, related_name="coaching_agreements"
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coaching_agreements",
    )
    pilot_group = models.ForeignKey(
        PilotGroup,
        verbose_name=_("pilot group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreements",
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=PracticeKind.choices, default=PracticeKind.PRO_BONO
    )
    sessions_planned = models.PositiveSmallIntegerField(
        _("sessions planned"), validators=[MinValueValidator(1), MaxValueValidator(MAX_SESSIONS_PLANNED)]
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    confidentiality_terms = models.TextField(_("confidentiality terms"))
    coachee_consent = models.BooleanField(
        _("the coachee consents to the agreement and to the processing of their data"), default=False
    )
    sponsor_name = models.CharField(
        _("sponsor (line manager)"), max_length=200, blank=True, help_text=_("Optional.")
    )
    sponsor_approved_on = models.DateField(_("sponsor approved on"), null=True, blank=True)
    feedback_questionnaire = models.ForeignKey(
        "surveys.Questionnaire",
        verbose_name=_("feedback questionnaire"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Sent to the coachee after the agreement's last session."),
    )
    feedback_sent_at = models.DateTimeField(_("feedback questionnaire sent"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("coaching agreement")
        verbose_name_plural = _("coaching agreements")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sessions_planned__gte=1) & Q(sessions_planned__lte=MAX_SESSIONS_PLANNED),
                name="agreement_sessions_planned_range",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="agreement_dates_ordered",
                violation_error_message=_("The end date cannot be earlier than the start date."),
            ),
            models.CheckConstraint(
                condition=Q(sponsor_approved_on__isnull=True) | ~Q(sponsor_name=""),
                name="agreement_sponsor_named",
                violation_error_message=_("Name the sponsor who approved the agreement."),
            ),
        ]
        indexes = [models.Index(fields=["coach", "-start_date"], name="agreement_coach_idx")]

    def __str__(self) -> str:
        return f"{self.coachee} — {self.coach}"


class Goal(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class SessionMode(models.TextChoices):
    ON_SITE = "on_site", _("on site")
    ONLINE = "online", _("online")


class Session(TimeStampedModel):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("date"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(MAX_SESSION_MINUTES)]
    )
    mode = models.CharField(
        _("held"), max_length=10, choices=SessionMode.choices, default=SessionMode.ON_SITE
    )
    group_size = models.PositiveSmallIntegerField(
        _("participants"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_GROUP_SIZE)],
        help_text=_("1 for an individual session; more for a group session."),
    )
    techniques = models.ManyToManyField(
        Technique, verbose_name=_("techniques used"), blank=True, related_name="sessions"
    )
    shared_notes = models.TextField(_("notes shared with the coachee"), blank=True)
    # A Fernet token (rozwoj.coaching.crypto); never the text. Read only through session_private_notes().
    private_notes_token = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = _("coaching session")
        verbose_name_plural = _("coaching sessions")
        ordering = ["held_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1) & Q(duration_minutes__lte=MAX_SESSION_MINUTES),
                name="coaching_session_duration_range",
            ),
            models.CheckConstraint(
                condition=Q(group_size__gte=1) & Q(group_size__lte=MAX_GROUP_SIZE),
                name="coaching_session_group_size_range",
            ),
        ]
        indexes = [models.Index(fields=["agreement", "held_on"], name="coaching_session_idx")]

    def __str__(self) -> str:
        return f"{self.agreement} — {self.held_on}"

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.duration_minutes) / 60).quantize(Decimal("0.01"))


class GoalProgress(models.Model):
    """How far the coachee rates themselves on one goal at one session (1–10)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="progress")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="progress")
    rating = models.PositiveSmallIntegerField(
        _("progress"), validators=[MinValueValidator(PROGRESS_MIN), MaxValueValidator(PROGRESS_MAX)]
    )

    class Meta:
        verbose_name = _("progress on a goal")
        verbose_name_plural = _("progress on goals")
        constraints = [
            models.UniqueConstraint(fields=["session", "goal"], name="goal_progress_unique"),
            models.CheckConstraint(
                condition=Q(rating__gte=PROGRESS_MIN) & Q(rating__lte=PROGRESS_MAX),
                name="goal_progress_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.goal}: {self.rating}"


class SupervisionRecord(models.Model):
    """Hours of supervision a coach received."""

    coach = models.ForeignKey(ExpertProfile, on_delete=models.CASCADE, related_name="supervision")
    held_on = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("24"))],
    )
    supervisor = models.CharField(_("supervisor"), max_length=200)

    class Meta:
        verbose_name = _("supervision")
        verbose_name_plural = _("supervision")
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gte=Decimal("0.25")) & Q(hours__lte=24), name="supervision_hours_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.held_on}: {self.hours}"


class SupervisionRequirement(models.Model):
    """The supervision a coach needs (one row, edited by coordinators). Defaults: 10 hours a year and one
    hour for every 20 hours of practice — common practice of coaching bodies; the platform's own choice."""

    hours_per_year = models.DecimalField(
        _("supervision hours a year"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("10"),
        validators=[MinValueValidator(0), MaxValueValidator(Decimal("500"))],
    )
    practice_hours_per_supervision_hour = models.PositiveSmallIntegerField(
        _("practice hours for each hour of supervision"),
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
    )

    class Meta:
        verbose_name = _("supervision requirement")
        verbose_name_plural = _("supervision requirements")
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_per_year__gte=0), name="supervision_req_hours_non_negative"
            ),
            models.CheckConstraint(
                condition=Q(practice_hours_per_supervision_hour__gte=1), name="supervision_req_ratio_positive"
            ),
        ]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class LogExport(PreparedExport):
    """The coach's log as an XLSX in the ICF shape, prepared in the background and kept privately for a week
    (rozwoj.core.prepared_exports)."""

    coach = models.ForeignKey(ExpertProfile, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(upload_to=PrivateUploadTo("coaching/log-exports"), max_length=255, blank=True)

    class Meta(PreparedExport.Meta):
        verbose_name = _("prepared export of the coach's log")
        verbose_name_plural = _("prepared exports of the coach's log")
        constraints = [
            models.CheckConstraint(
                condition=Q(rows_done__lte=F("rows_total")), name="coaching_log_export_progress"
            )
        ]

    def __str__(self) -> str:
        return f"{self.coach_id} ({self.created_at:%Y-%m-%d %H:%M})"
