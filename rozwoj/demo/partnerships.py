"""The demo's partnership (seed 000): each national team's report for the second transnational meeting (accepted,
with the figures of its pilot group) and the coordinator's synthesis quoting them; the meeting of 13–15 October
2021 with its cost table; and a final report period whose LSPA report the demo partner login has to write."""

import datetime

from django.utils import timezone

from rozwoj.events.models import Event
from rozwoj.organisations.models import Organisation
from rozwoj.partnerships.models import (
    CostCall,
    MeetingCosting,
    MeetingParticipant,
    PartnerReport,
    Quotation,
    ReportPeriod,
    ReportStatus,
    Synthesis,
)
from rozwoj.partnerships.selectors.figures import pilot_group_figures
from rozwoj.partnerships.services import programme_organisations
from rozwoj.people.models import Person
from rozwoj.programmes.models import Programme

from .coaching import PROGRAMME_ACRONYM
from .events import MEETING_TITLE

SECOND_MEETING = "Second transnational meeting (Warsaw, October 2021)"
FINAL = "Final report on the pilot groups"

# Fictitious texts, in English (the partnership's working language), one set per national team.
REPORTS = {
    "KSAP": {
        "activities": "The Polish pilot group met from February to September 2021; each coachee had individual "
        "sessions with the coach, mostly at KSAP and online during the lockdown.",
        "participants": "Heads of units of central and local administration who manage teams of 5 to 20 people.",
        "sessions_held": "Individual sessions of about an hour; the online ones were as regular as those on site.",
        "techniques_used": "The GROW model opened most sessions; the wheel of life helped to choose goals.",
        "observations": "Managers who tried coaching questions with their own teams report calmer meetings and "
        "more initiative from their staff.",
        "difficulties": "Keeping the rhythm of sessions during the budget period was hard for most coachees.",
        "recommendations": "Agree the schedule with the line manager before the first session.",
    },
    "LSPA": {
        "activities": "The Latvian pilot group, run with MetaCoach, worked online from February 2021 because of "
        "the restrictions; two sessions were held at the School in September.",
        "participants": "Heads of division of ministries and the State Chancellery.",
        "sessions_held": "Individual online sessions; the coachees valued not having to travel.",
        "techniques_used": "Scaling questions and the GROW model; the wheel of life in the first session.",
        "observations": "Online coaching works for managers in public administration when the camera stays on "
        "and the session has a clear goal.",
        "difficulties": "Some coachees joined from open-plan offices and could not speak freely.",
        "recommendations": "Ask coachees to book a quiet room for online sessions.",
    },
    "SiP": {
        "activities": "The Greek pilot group met in Athens; the sessions followed the course on coaching "
        "techniques held in spring.",
        "participants": "Middle managers of municipalities of Attica.",
        "sessions_held": "Individual sessions on site, a few online in the summer.",
        "techniques_used": "Powerful questions and the GROW model; the logical levels in later sessions.",
        "observations": "Coachees said the sessions gave them time to think that their daily work never gives.",
        "difficulties": "Staff turnover after the local elections ended two agreements early.",
        "recommendations": "Start pilot groups well away from elections and budget deadlines.",
    },
}
QUOTES = [
    ("KSAP", "observations", "more initiative from their staff"),
    ("LSPA", "observations", "Online coaching works for managers in public administration"),
    ("SiP", "observations", "gave them time to think that their daily work never gives"),
    ("LSPA", "difficulties", "could not speak freely"),
    ("SiP", "recommendations", "Start pilot groups well away from elections and budget deadlines."),
]
SYNTHESIS_INTRODUCTION = (
    "The three national teams ran their pilot groups between February and September 2021. This synthesis "
    "compares their figures and quotes what the national reports say, for the project's handbook."
)
SYNTHESIS_CONCLUSIONS = (
    "Online sessions worked in all three countries when the coachee had a quiet room; the schedule agreed with "
    "the line manager was the best protection against cancelled sessions."
)
# Who took part in the meeting of 13–15 October 2021, for the cost table (seed 000: the Latvian partners online).
PARTICIPANTS = [
    ("LSPA", "partner@example.org", "Rīga", "100_1999", True),
    ("LSPA", "lspa1@demo.example.org", "Rīga", "100_1999", True),
    ("metacoach", "metacoach1@demo.example.org", "Rīga", "100_1999", True),
    ("metacoach", "metacoach2@demo.example.org", "Rīga", "100_1999", True),
    ("SiP", "sip1@demo.example.org", "Athens", "100_1999", False),
    ("SiP", "sip2@demo.example.org", "Athens", "100_1999", False),
]


def _organisation(key: str) -> Organisation:
    if key == "metacoach":
        return Organisation.objects.get(name__icontains="MetaCoach")
    return Organisation.objects.get(acronym=key)


def _second_meeting_reports(programme, meeting) -> ReportPeriod:
    period = ReportPeriod.objects.create(
        programme=programme,
        title=SECOND_MEETING,
        starts_on=datetime.date(2021, 2, 1),
        ends_on=datetime.date(2021, 9, 30),
        due_on=datetime.date(2021, 10, 6),
        meeting=meeting,
        instructions="Report on your pilot group before the meeting in Warsaw; write in English.",
        is_demo=True,
    )
    submitted = timezone.make_aware(datetime.datetime(2021, 10, 5, 12))
    reports = {}
    for organisation in programme_organisations(programme):
        key = organisation.acronym if organisation.acronym in REPORTS else None
        texts = REPORTS.get(key, {}) if key else {}
        report = PartnerReport.objects.create(
            period=period,
            organisation=organisation,
            status=ReportStatus.ACCEPTED if texts else ReportStatus.DRAFT,
            figures=pilot_group_figures(programme.pk, organisation.pk, period.starts_on, period.ends_on)
            if texts
            else {},
            submitted_at=submitted if texts else None,
            accepted_at=submitted + datetime.timedelta(days=1) if texts else None,
            **texts,
        )
        if key:
            reports[key] = report
    synthesis = Synthesis.objects.create(
        period=period, introduction=SYNTHESIS_INTRODUCTION, conclusions=SYNTHESIS_CONCLUSIONS
    )
    Quotation.objects.bulk_create(
        Quotation(synthesis=synthesis, report=reports[key], section=section, text=text, order=order)
        for order, (key, section, text) in enumerate(QUOTES)
    )
    return period


def _final_period(programme) -> None:
    """Due in two weeks from the day the demo is loaded: the LSPA report is the demo partner's to write."""
    today = timezone.localdate()
    period = ReportPeriod.objects.create(
        programme=programme,
        title=FINAL,
        starts_on=datetime.date(2021, 2, 1),
        ends_on=datetime.date(2021, 12, 31),
        due_on=today + datetime.timedelta(days=14),
        instructions="The whole pilot: what the group achieved and what the handbook should say about it.",
        is_demo=True,
    )
    PartnerReport.objects.bulk_create(
        PartnerReport(period=period, organisation=organisation)
        for organisation in programme_organisations(programme)
    )


def _meeting_costs(meeting) -> None:
    costing = MeetingCosting.objects.create(
        event=meeting, call=CostCall.objects.get(name__startswith="Erasmus+ 2014–2020")
    )
    for key, email, city, band, online in PARTICIPANTS:
        person = Person.objects.filter(email=email).first()
        if person is None:
            continue
        MeetingParticipant.objects.create(
            costing=costing,
            organisation=_organisation(key),
            name=person.full_name,
            sending_city=city,
            band=band,
            online=online,
        )


def load_partnerships_demo() -> None:
    if ReportPeriod.objects.filter(is_demo=True).exists():
        return
    programme = Programme.objects.get(acronym=PROGRAMME_ACRONYM)
    meeting = Event.objects.filter(title=MEETING_TITLE, is_demo=True).first()
    _second_meeting_reports(programme, meeting)
    _final_period(programme)
    if meeting is not None:
        _meeting_costs(meeting)
