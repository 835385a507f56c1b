"""The figures of a partner's pilot groups in a period, computed from the coaching records (three queries)."""

import datetime
from decimal import Decimal

from django.db.models import Count, Sum

from rozwoj.coaching.models import PilotGroup, Session, Technique

from ..models import PartnerReport


def _hours(minutes) -> str:
    return str((Decimal(minutes or 0) / 60).quantize(Decimal("0.01")))


def pilot_group_figures(
    programme_id: int, organisation_id: int, starts_on: datetime.date, ends_on: datetime.date
):
    """Sessions held, hours of coaching, coachees and techniques used by the organisation's pilot groups of the
    programme between the two dates (inclusive); JSON-ready (hours as a decimal string)."""
    groups = list(
        PilotGroup.objects.filter(programme_id=programme_id, partner_id=organisation_id)
        .order_by("name")
        .values_list("pk", "name")
    )
    sessions = Session.objects.filter(
        agreement__pilot_group_id__in=[pk for pk, _name in groups],
        held_on__gte=starts_on,
        held_on__lte=ends_on,
    )
    totals = sessions.aggregate(
        sessions=Count("pk"),
        minutes=Sum("duration_minutes"),
        coachees=Count("agreement__coachee", distinct=True),
    )
    techniques = list(
        Technique.objects.filter(sessions__in=sessions)
        .annotate(uses=Count("sessions"))
        .order_by("-uses", "name")
        .values_list("name", "uses")
    )
    return {
        "pilot_groups": [name for _pk, name in groups],
        "sessions": totals["sessions"] or 0,
        "hours": _hours(totals["minutes"]),
        "coachees": totals["coachees"] or 0,
        "techniques": [{"name": name, "uses": uses} for name, uses in techniques],
    }


def report_figures(report: PartnerReport) -> dict:
    """The figures shown with a report: kept from its submission, else computed now."""
    if report.figures:
        return report.figures
    period = report.period
    return pilot_group_figures(period.programme_id, report.organisation_id, period.starts_on, period.ends_on)


def shown_figures(report: PartnerReport) -> dict:
    """The report's figures for a page or a document: the hours as a number, so that they follow the locale."""
    figures = dict(report_figures(report))
    if figures.get("hours") not in (None, ""):
        figures["hours"] = Decimal(str(figures["hours"]))
    return figures
