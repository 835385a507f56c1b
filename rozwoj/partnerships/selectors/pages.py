"""Reads for the workspace pages, the exports and the API, each in a fixed number of queries."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rozwoj.events.models import Event

from ..models import (
    EDITABLE_STATUSES,
    CostCall,
    DistanceBand,
    MeetingCosting,
    MeetingParticipant,
    PartnerReport,
    Quotation,
    ReportComment,
    ReportPeriod,
    Section,
    Synthesis,
)
from .access import periods_visible_to, reports_visible_to
from .figures import shown_figures


def today() -> datetime.date:
    return timezone.localdate()


def overdue_filter(on: datetime.date | None = None) -> Q:
    """Reports still to be written (draft or returned) whose period's due date has passed."""
    return Q(status__in=EDITABLE_STATUSES, period__due_on__lt=on or today())


def is_overdue(report: PartnerReport, on: datetime.date | None = None) -> bool:
    return report.status in EDITABLE_STATUSES and report.period.due_on < (on or today())


def periods_of(user, programme) -> QuerySet[ReportPeriod]:
    """The programme's periods with the counts of their reports by state (one query)."""
    on = today()
    return (
        periods_visible_to(user)
        .filter(programme=programme)
        .annotate(
            report_count=Count("reports", distinct=True),
            accepted_count=Count("reports", filter=Q(reports__status="accepted"), distinct=True),
            submitted_count=Count("reports", filter=Q(reports__status="submitted"), distinct=True),
            overdue_count=Count(
                "reports",
                filter=Q(reports__status__in=EDITABLE_STATUSES, due_on__lt=on),
                distinct=True,
            ),
        )
        .order_by("-starts_on", "-id")
    )


def own_reports(user, programme, organisation_ids) -> list[PartnerReport]:
    """The reports the user writes in the programme (their organisations'), newest period first."""
    if not organisation_ids:
        return []
    reports = (
        reports_visible_to(user)
        .filter(period__programme=programme, organisation_id__in=organisation_ids)
        .select_related("period", "organisation")
        .order_by("-period__starts_on", "organisation__name")
    )
    on = today()
    result = list(reports)
    for report in result:
        report.overdue = is_overdue(report, on)  # type: ignore[attr-defined]
    return result


def period_reports(user, period: ReportPeriod) -> list[PartnerReport]:
    """The period's reports the user sees, each marked overdue or not (one query)."""
    reports = list(
        reports_visible_to(user)
        .filter(period=period)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    on = today()
    for report in reports:
        report.period = period
        report.overdue = is_overdue(report, on)  # type: ignore[attr-defined]
    return reports


def meetings_of(programme) -> QuerySet[Event]:
    return (
        Event.objects.filter(programme=programme, kind__code="transnational_meeting")
        .select_related("costing__call")
        .order_by("-id")
    )


def report_comments(report: PartnerReport) -> list[ReportComment]:
    return list(report.comments.select_related("author__person").order_by("created_at", "id"))


def report_sections(report: PartnerReport) -> list[dict]:
    return [{"key": key, "label": label, "text": report.section_text(key)} for key, label in Section.choices]


@dataclass
class SynthesisView:
    period: ReportPeriod
    synthesis: Synthesis | None
    reports: list[PartnerReport]
    rows: list[dict] = field(default_factory=list)
    sections: list[dict] = field(default_factory=list)


FIGURE_ROWS = [
    ("sessions", _("Sessions held")),
    ("hours", _("Hours of coaching")),
    ("coachees", _("Coachees")),
]


def synthesis_view(user, period: ReportPeriod) -> SynthesisView:
    """The side-by-side table of each country's figures and the quotations grouped by section (three queries).

    Only submitted and accepted reports are compared: a draft is not yet a country's word."""
    reports = list(
        reports_visible_to(user)
        .filter(period=period, status__in=("submitted", "accepted"))
        .select_related("organisation")
        .order_by("organisation__country", "organisation__name")
    )
    for report in reports:
        report.period = period
        report.shown_figures = shown_figures(report)  # type: ignore[attr-defined]
    synthesis = Synthesis.objects.filter(period=period).first()
    view = SynthesisView(period=period, synthesis=synthesis, reports=reports)
    view.rows = [
        {"key": key, "label": label, "values": [report.shown_figures.get(key, 0) for report in reports]}  # type: ignore[attr-defined]
        for key, label in FIGURE_ROWS
    ]
    view.rows.append(
        {
            "key": "techniques",
            "label": _("Techniques used"),
            "values": [
                ", ".join(f"{t['name']} ({t['uses']})" for t in report.shown_figures.get("techniques", []))  # type: ignore[attr-defined]
                for report in reports
            ],
        }
    )
    quotations = []
    if synthesis is not None:
        quotations = list(
            synthesis.quotations.filter(report__in=[r.pk for r in reports])
            .select_related("report__organisation")
            .order_by("order", "id")
        )
    view.sections = [
        {
            "key": key,
            "label": label,
            "quotations": [q for q in quotations if q.section == key],
        }
        for key, label in Section.choices
    ]
    return view


def quotation_choices(view: SynthesisView) -> list[PartnerReport]:
    return view.reports


# --- meeting costs -------------------------------------------------------------------------------------------


@dataclass
class CostRow:
    organisation: str
    country: str
    band: str
    band_label: str
    participants: int
    online: int
    unit_cost: Decimal | None
    amount: Decimal


@dataclass
class CostTable:
    event: Event
    costing: MeetingCosting | None
    participants: list[MeetingParticipant]
    rows: list[CostRow]
    total: Decimal
    missing_bands: list[str]
    first_day: datetime.date | None
    last_day: datetime.date | None
    venue: str


def unit_costs_of(call: CostCall | None) -> dict[str, Decimal]:
    if call is None:
        return {}
    return {cost.band: cost.amount for cost in call.unit_costs.all()}


def cost_table(event: Event) -> CostTable:
    """The table for the Erasmus+ Beneficiary Module: per sending organisation and distance band, the number of
    participants who travelled, the unit cost and the amount (Decimal arithmetic; online participants and the
    0–99 km band get no unit cost). Four queries."""
    costing = MeetingCosting.objects.filter(event=event).select_related("call").first()
    participants: list[MeetingParticipant] = []
    costs: dict[str, Decimal] = {}
    if costing is not None:
        participants = list(
            costing.participants.select_related("organisation").order_by("organisation__name", "name", "id")
        )
        costs = unit_costs_of(costing.call)
    labels = dict(DistanceBand.choices)
    grouped: dict[tuple[int, str], CostRow] = {}
    missing: set[str] = set()
    for participant in participants:
        key = (participant.organisation_id, participant.band)
        row = grouped.get(key)
        if row is None:
            eligible = participant.band != DistanceBand.UNDER_100
            unit = costs.get(participant.band) if eligible else Decimal("0")
            if eligible and unit is None:
                missing.add(str(labels[participant.band]))
            row = grouped[key] = CostRow(
                organisation=participant.organisation.name,
                country=str(participant.organisation.country.name)  # type: ignore[attr-defined]
                if participant.organisation.country
                else "",
                band=participant.band,
                band_label=str(labels[participant.band]),
                participants=0,
                online=0,
                unit_cost=unit,
                amount=Decimal("0.00"),
            )
        if participant.online:
            row.online += 1
            continue
        row.participants += 1
        if row.unit_cost is not None:
            row.amount += row.unit_cost
    rows = sorted(grouped.values(), key=lambda r: (r.organisation, r.band))
    for row in rows:
        row.amount = row.amount.quantize(Decimal("0.01"))
    sessions = list(event.sessions.select_related("venue").order_by("starts_at"))
    first = timezone.localtime(sessions[0].starts_at).date() if sessions else None
    last = timezone.localtime(sessions[-1].ends_at).date() if sessions else None
    venue = next((str(s.venue) for s in sessions if s.venue_id), "")
    return CostTable(
        event=event,
        costing=costing,
        participants=participants,
        rows=rows,
        total=sum((row.amount for row in rows), Decimal("0.00")),
        missing_bands=sorted(missing),
        first_day=first,
        last_day=last,
        venue=venue,
    )


def meeting_agenda(event: Event):
    from rozwoj.events.models import AgendaItem

    return list(
        AgendaItem.objects.filter(session__event=event)
        .select_related("session")
        .order_by("session__order", "order", "day", "starts_at", "id")
    )


def calls() -> QuerySet[CostCall]:
    return CostCall.objects.prefetch_related(Prefetch("unit_costs")).order_by("name")


def overdue_reports_for_reminder(now: datetime.datetime, *, resend_after: datetime.timedelta):
    """Overdue reports whose organisation has not been reminded since `resend_after` ago."""
    return (
        PartnerReport.objects.filter(overdue_filter(timezone.localdate(now)))
        .filter(Q(reminder_sent_at__isnull=True) | Q(reminder_sent_at__lt=now - resend_after))
        .select_related("period__programme", "organisation")
        .order_by("pk")
    )


def programme_organisations_queryset(programme):
    """The programme's lead institution and partners, as a queryset for a form's choices."""
    from rozwoj.organisations.models import Organisation
    from rozwoj.programmes.models import ProgrammePartner

    return Organisation.objects.filter(
        Q(pk__in=ProgrammePartner.objects.filter(programme=programme).values("organisation_id"))
        | Q(pk=programme.lead_institution_id)
    ).order_by("name")


def access_participant(event, pk) -> MeetingParticipant:
    from .access import _get_or_404

    return _get_or_404(MeetingParticipant.objects.filter(costing__event=event), pk)


def access_quotation(period, pk) -> Quotation:
    from .access import _get_or_404

    return _get_or_404(Quotation.objects.filter(synthesis__period=period).select_related("synthesis"), pk)


def access_call(pk) -> CostCall:
    from .access import _get_or_404

    return _get_or_404(CostCall.objects.all(), pk)


def report_for_quotation(period, pk) -> PartnerReport | None:
    return PartnerReport.objects.filter(period=period, pk=pk).first()
