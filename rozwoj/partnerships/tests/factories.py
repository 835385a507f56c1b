import datetime
from decimal import Decimal

from rozwoj.events.models import EventKind
from rozwoj.events.tests.factories import EventFactory, SessionFactory
from rozwoj.programmes.models import ProgrammePartner

from ..models import (
    CostCall,
    MeetingCosting,
    MeetingParticipant,
    PartnerReport,
    ReportPeriod,
    ReportStatus,
    Section,
    UnitCost,
)

TEXTS = {
    "activities": "Six coaching sessions with each of five heads of unit.",
    "participants": "Five heads of unit of the State Chancellery and two ministries.",
    "sessions_held": "Individual sessions of 90 minutes, half of them online.",
    "techniques_used": "The GROW model and the wheel of life worked best.",
    "observations": "Managers delegate more once they see their own questions work.",
    "difficulties": "Sessions moved online during the lockdown lost some depth.",
    "recommendations": "Start with a three-way meeting with the line manager.",
}


def period_for(programme, **values) -> ReportPeriod:
    values = {
        "title": "Second transnational meeting",
        "starts_on": datetime.date(2021, 2, 1),
        "ends_on": datetime.date(2021, 9, 30),
        "due_on": datetime.date(2021, 10, 6),
        **values,
    }
    return ReportPeriod.objects.create(programme=programme, **values)


def report_for(period, organisation, *, status=ReportStatus.DRAFT, filled=True, **values) -> PartnerReport:
    texts = TEXTS if filled else {}
    return PartnerReport.objects.create(
        period=period, organisation=organisation, status=status, **{**texts, **values}
    )


def partner_of(programme, organisation):
    return ProgrammePartner.objects.get_or_create(programme=programme, organisation=organisation)[0]


def meeting_kind():
    return EventKind.objects.get_or_create(
        code="transnational_meeting",
        defaults={"name": "spotkanie ponadnarodowe", "name_en": "transnational meeting"},
    )[0]


def transnational_meeting(programme, **values):
    event = EventFactory(programme=programme, kind=meeting_kind(), **values)
    SessionFactory(event=event)
    return event


def call(name="Erasmus+ 2014–2020 (test)", **amounts) -> CostCall:
    amounts = amounts or {"100_1999": Decimal("575.00"), "2000_plus": Decimal("760.00")}
    cost_call = CostCall.objects.create(name=name)
    for band, amount in amounts.items():
        UnitCost.objects.create(call=cost_call, band=band, amount=amount)
    return cost_call


def costing(event, cost_call=None) -> MeetingCosting:
    return MeetingCosting.objects.create(event=event, call=cost_call or call())


def participant(
    costing_, organisation, name="Eleni Papadopoulou", band="100_1999", online=False, city="Athens"
):
    return MeetingParticipant.objects.create(
        costing=costing_, organisation=organisation, name=name, sending_city=city, band=band, online=online
    )


SECTIONS = [key for key, _label in Section.choices]
