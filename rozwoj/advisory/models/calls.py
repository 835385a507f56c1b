"""Calls for local governments (nabory) and their applications."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from rozwoj.core.models import TimeStampedModel
from rozwoj.organisations.models import LocalGovernment, LocalGovernmentKind
from rozwoj.programmes.models import Programme

from .catalogues import SupportArea

MAX_CALL_PLACES = 3000  # every local government in Poland (~2,800) and some
TEAM_MIN = 3
TEAM_MAX = 5


class Call(TimeStampedModel):
    """A call (nabór) in a programme: who may apply, until when, for how many places; one advisory cycle."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="advisory_calls", verbose_name=_("programme")
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    opens_on = models.DateField(_("applications open on"))
    closes_on = models.DateField(_("applications close on"))
    cycle_starts_on = models.DateField(_("cycle starts on"))
    cycle_ends_on = models.DateField(_("cycle ends on"))
    places = models.PositiveSmallIntegerField(
        _("places"), validators=[MinValueValidator(1), MaxValueValidator(MAX_CALL_PLACES)]
    )
    accepted_count = models.PositiveSmallIntegerField(_("accepted"), default=0, editable=False)
    eligible_kinds = models.JSONField(
        _("types of local government that may apply"),
        default=list,
        blank=True,
        help_text=_("Empty: every type."),
    )
    eligible_voivodeships = models.ManyToManyField(
        LocalGovernment,
        verbose_name=_("voivodeships that may apply"),
        blank=True,
        related_name="+",
        limit_choices_to={"kind": LocalGovernmentKind.VOIVODESHIP},
        help_text=_("None chosen: the whole country."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="advisory_call_dates_ordered"
            ),
            models.CheckConstraint(
                condition=Q(cycle_ends_on__gte=F("cycle_starts_on")), name="advisory_call_cycle_ordered"
            ),
            models.CheckConstraint(
                condition=Q(places__gte=1) & Q(places__lte=MAX_CALL_PLACES), name="advisory_call_places_range"
            ),
            models.CheckConstraint(
                condition=Q(accepted_count__lte=F("places")), name="advisory_call_not_overfilled"
            ),
        ]
        indexes = [
            models.Index(fields=["is_published", "opens_on", "closes_on"], name="advisory_call_open_idx")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def places_left(self) -> int:
        return max(self.places - self.accepted_count, 0)


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    ACCEPTED = "accepted", _("accepted")
    WAITING = "waiting", _("on the waiting list")
    REJECTED = "rejected", _("rejected")


class Application(TimeStampedModel):
    """A local government's application to a call: contact person, team, preferred support area."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="applications", verbose_name=_("call")
    )
    local_government = models.ForeignKey(
        LocalGovernment,
        on_delete=models.PROTECT,
        related_name="advisory_applications",
        verbose_name=_("local government"),
    )
    contact_first_name = models.CharField(_("contact person's first name"), max_length=100)
    contact_last_name = models.CharField(_("contact person's last name"), max_length=100)
    contact_email = models.EmailField(_("contact person's e-mail"))
    contact_phone = models.CharField(_("contact person's phone"), max_length=20, blank=True)
    contact_position = models.CharField(_("contact person's position"), max_length=150, blank=True)
    preferred_area = models.ForeignKey(
        SupportArea,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("preferred support area"),
    )
    motivation = models.TextField(_("motivation"), max_length=5000)
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    decision_reason = models.TextField(_("reason"), max_length=2000, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "local_government"],
                name="advisory_application_once_per_call",
                violation_error_message=_("This local government has already applied to this call."),
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(decision_reason=""),
                name="advisory_application_rejection_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["call", "status"], name="advisory_app_status_idx")]

    def __str__(self) -> str:
        return f"{self.local_government.display_name} — {self.call}"

    @property
    def contact_name(self) -> str:
        return f"{self.contact_first_name} {self.contact_last_name}"


class TeamRole(models.TextChoices):
    OFFICIAL = "official", _("official")
    SCHOOL_DIRECTOR = "school_director", _("school director")
    COUNCILLOR = "councillor", _("councillor")
    OTHER = "other", _("other")


class ApplicationMember(models.Model):
    """A member of the team a local government proposes in its application (3–5 people)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="members")
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    role = models.CharField(_("role in the team"), max_length=20, choices=TeamRole.choices)
    position = models.CharField(_("position"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"
