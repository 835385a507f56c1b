"""The transnational partnership (issue #12, parts 5, 6 and 8): partners' reports per programme and period, the
coordinator's synthesis that quotes them, and the costs of transnational meetings by distance band.

A report's figures (sessions held, hours, coachees, techniques) are computed from the coaching records of the
organisation's pilot groups; they are kept on the report when it is submitted, so an accepted report does not
change when a session is recorded later.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from rozwoj.core.models import TimeStampedModel
from rozwoj.events.models import Event
from rozwoj.organisations.models import Organisation
from rozwoj.programmes.models import Programme

MAX_UNIT_COST = Decimal("100000")
MAX_TEXT = 20000


class Section(models.TextChoices):
    """The sections of every partner's report, in the order of the template."""

    ACTIVITIES = "activities", _("Activities")
    PARTICIPANTS = "participants", _("Participants")
    SESSIONS_HELD = "sessions_held", _("Sessions held")
    TECHNIQUES_USED = "techniques_used", _("Techniques used")
    OBSERVATIONS = "observations", _("Observations")
    DIFFICULTIES = "difficulties", _("Difficulties")
    RECOMMENDATIONS = "recommendations", _("Recommendations")


SECTION_KEYS = [key for key, _label in Section.choices]


class ReportPeriod(TimeStampedModel):
    """The report template of a programme for one period: what each partner reports on, by when."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="report_periods"
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("E.g. Second transnational meeting."))
    starts_on = models.DateField(_("period starts"))
    ends_on = models.DateField(_("period ends"))
    due_on = models.DateField(_("reports due"))
    meeting = models.ForeignKey(
        Event,
        verbose_name=_("transnational meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The meeting at which the reports are discussed (optional)."),
    )
    instructions = models.TextField(
        _("instructions for the partners"), blank=True, max_length=MAX_TEXT, help_text=_("Markdown.")
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("report period")
        verbose_name_plural = _("report periods")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="report_period_dates_ordered",
                violation_error_message=_("The period cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["programme", "title"],
                name="report_period_title_unique",
                violation_error_message=_("This programme already has a period of this title."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned for changes")
    ACCEPTED = "accepted", _("accepted")


EDITABLE_STATUSES = (ReportStatus.DRAFT, ReportStatus.RETURNED)


class PartnerReport(TimeStampedModel):
    """One partner organisation's report for a period, written in the partnership's working language (English)."""

    period = models.ForeignKey(ReportPeriod, on_delete=models.CASCADE, related_name="reports")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT, db_index=True
    )
    activities = models.TextField(_("Activities"), blank=True, max_length=MAX_TEXT)
    participants = models.TextField(_("Participants"), blank=True, max_length=MAX_TEXT)
    sessions_held = models.TextField(_("Sessions held"), blank=True, max_length=MAX_TEXT)
    techniques_used = models.TextField(_("Techniques used"), blank=True, max_length=MAX_TEXT)
    observations = models.TextField(_("Observations"), blank=True, max_length=MAX_TEXT)
    difficulties = models.TextField(_("Difficulties"), blank=True, max_length=MAX_TEXT)
    recommendations = models.TextField(_("Recommendations"), blank=True, max_length=MAX_TEXT)
    # The figures of the organisation's pilot groups, kept when the report is submitted (see selectors.figures).
    figures = models.JSONField(default=dict, blank=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True, editable=False)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("partner's report")
        verbose_name_plural = _("partners' reports")
        ordering = ["organisation__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "organisation"],
                name="partner_report_one_per_organisation",
                violation_error_message=_("This organisation already has a report for the period."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.period}"

    def section_text(self, key: str) -> str:
        return getattr(self, key) if key in SECTION_KEYS else ""

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


class ReportComment(models.Model):
    report = models.ForeignKey(PartnerReport, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    section = models.CharField(_("section"), max_length=20, choices=Section.choices, blank=True)
    text = models.TextField(_("comment"), max_length=MAX_TEXT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment on a report")
        verbose_name_plural = _("comments on reports")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class Synthesis(TimeStampedModel):
    """The coordinator's cross-country synthesis of a period's reports."""

    period = models.OneToOneField(ReportPeriod, on_delete=models.CASCADE, related_name="synthesis")
    introduction = models.TextField(_("introduction"), blank=True, max_length=MAX_TEXT)
    conclusions = models.TextField(_("conclusions"), blank=True, max_length=MAX_TEXT)

    class Meta:
        verbose_name = _("synthesis")
        verbose_name_plural = _("syntheses")

    def __str__(self) -> str:
        return str(self.period)


class Quotation(models.Model):
    """A passage quoted from a section of a national report, linked to its source."""

    synthesis = models.ForeignKey(Synthesis, on_delete=models.CASCADE, related_name="quotations")
    report = models.ForeignKey(
        PartnerReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="quotations"
    )
    section = models.CharField(_("section"), max_length=20, choices=Section.choices)
    text = models.TextField(_("quotation"), max_length=MAX_TEXT)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("quotation")
        verbose_name_plural = _("quotations")
        ordering = ["section", "order", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class DistanceBand(models.TextChoices):
    """Distance bands of the EC distance calculator (one way, sending city to venue)."""

    UNDER_100 = "0_99", _("0–99 km")
    FROM_100 = "100_1999", _("100–1,999 km")
    FROM_2000 = "2000_plus", _("2,000 km and more")


class CostCall(models.Model):
    """The call (funding round) whose unit costs for transnational meetings apply."""

    name = models.CharField(_("call"), max_length=200, unique=True)
    to_verify = models.BooleanField(
        _("to verify against the call's guide"),
        default=True,
        help_text=_("Untick once the amounts have been checked against the programme guide of the call."),
    )
    note = models.TextField(_("note"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("call for unit costs")
        verbose_name_plural = _("calls for unit costs")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UnitCost(models.Model):
    call = models.ForeignKey(CostCall, on_delete=models.CASCADE, related_name="unit_costs")
    band = models.CharField(_("distance band"), max_length=10, choices=DistanceBand.choices)
    amount = models.DecimalField(
        _("amount per participant (EUR)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_UNIT_COST)],
    )

    class Meta:
        verbose_name = _("unit cost")
        verbose_name_plural = _("unit costs")
        ordering = ["call", "band"]
        constraints = [
            models.UniqueConstraint(fields=["call", "band"], name="unit_cost_one_per_band"),
            models.CheckConstraint(
                condition=Q(amount__gte=0) & Q(amount__lte=MAX_UNIT_COST), name="unit_cost_amount_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.call}: {self.get_band_display()} {self.amount}"


class MeetingCosting(models.Model):
    """The cost record of a transnational meeting: which call's unit costs apply."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="costing")
    call = models.ForeignKey(CostCall, verbose_name=_("call"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("meeting costs")
        verbose_name_plural = _("meeting costs")

    def __str__(self) -> str:
        return str(self.event)


class MeetingParticipant(models.Model):
    """A participant of a transnational meeting as the coordinator entered them for the cost table."""

    costing = models.ForeignKey(MeetingCosting, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("sending organisation"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    sending_city = models.CharField(_("sending city"), max_length=100)
    band = models.CharField(
        _("distance band"),
        max_length=10,
        choices=DistanceBand.choices,
        help_text=_("From the EC distance calculator, sending city to venue."),
    )
    online = models.BooleanField(
        _("took part online"), default=False, help_text=_("No travel: no unit cost.")
    )

    class Meta:
        verbose_name = _("meeting participant")
        verbose_name_plural = _("meeting participants")
        ordering = ["organisation__name", "name", "id"]

    def __str__(self) -> str:
        return self.name
