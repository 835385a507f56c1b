"""The rules of the partnership: reports (figures from coaching, who writes, submit, return, accept, overdue and
its reminders), the synthesis's quotations and the meeting cost table, computed by hand."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.coaching.tests.factories import (
    AgreementFactory,
    PilotGroupFactory,
    SessionFactory,
    TechniqueFactory,
)
from rozwoj.core.periodic import registry
from rozwoj.organisations.tests.factories import OrganisationFactory
from rozwoj.people.tests.factories import person_with_login
from rozwoj.programmes.tests.factories import ProgrammeFactory

from .. import services
from ..models import DistanceBand, PartnerReport, ReportStatus
from ..selectors.pages import cost_table, is_overdue, synthesis_view
from .factories import (
    TEXTS,
    call,
    costing,
    participant,
    partner_of,
    period_for,
    report_for,
    transnational_meeting,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    programme = ProgrammeFactory()
    lspa = OrganisationFactory(name="LSPA", country="LV")
    sip = OrganisationFactory(name="Society in Progress", country="GR")
    partner_of(programme, lspa)
    partner_of(programme, sip)
    member = person_with_login("partner_member", organisation=lspa).user
    return {
        "programme": programme,
        "lspa": lspa,
        "sip": sip,
        "member": member,
        "coordinator": user_with_role("coordinator"),
    }


def _period_data(**values):
    return {
        "title": "Second transnational meeting",
        "starts_on": datetime.date(2021, 2, 1),
        "ends_on": datetime.date(2021, 9, 30),
        "due_on": datetime.date(2021, 10, 6),
        "meeting": None,
        "instructions": "",
        **values,
    }


def test_a_period_gives_each_organisation_of_the_programme_an_empty_report(setting):
    period = services.period_create(
        actor=setting["coordinator"], programme=setting["programme"], data=_period_data()
    )
    organisations = set(period.reports.values_list("organisation_id", flat=True))
    assert organisations == {setting["lspa"].pk, setting["sip"].pk, setting["programme"].lead_institution_id}
    assert set(period.reports.values_list("status", flat=True)) == {"draft"}


def test_a_period_refuses_wrong_dates_and_a_partner_member(setting):
    with pytest.raises(ValidationError) as error:
        services.period_create(
            actor=setting["coordinator"],
            programme=setting["programme"],
            data=_period_data(ends_on=datetime.date(2021, 1, 1), due_on=datetime.date(2020, 1, 1)),
        )
    assert set(error.value.message_dict) == {"ends_on", "due_on"}
    with pytest.raises(PermissionDenied):
        services.period_create(actor=setting["member"], programme=setting["programme"], data=_period_data())


def test_the_figures_come_from_the_sessions_of_the_organisations_pilot_groups_in_the_period(setting):
    group = PilotGroupFactory(programme=setting["programme"], partner=setting["lspa"], name="Rīga")
    grow, wheel = TechniqueFactory(name="GROW"), TechniqueFactory(name="Wheel of life")
    first, second = AgreementFactory(pilot_group=group), AgreementFactory(pilot_group=group)
    inside = [
        SessionFactory(agreement=first, held_on=datetime.date(2021, 3, 1), duration_minutes=90),
        SessionFactory(agreement=first, held_on=datetime.date(2021, 4, 1), duration_minutes=60),
        SessionFactory(agreement=second, held_on=datetime.date(2021, 9, 30), duration_minutes=45),
    ]
    inside[0].techniques.set([grow, wheel])
    inside[1].techniques.set([grow])
    SessionFactory(
        agreement=second, held_on=datetime.date(2021, 10, 1), duration_minutes=600
    )  # after the period
    other = PilotGroupFactory(programme=setting["programme"], partner=setting["sip"])
    SessionFactory(agreement=AgreementFactory(pilot_group=other), held_on=datetime.date(2021, 3, 1))
    period = period_for(setting["programme"])
    report = report_for(period, setting["lspa"])

    submitted = services.report_submit(actor=setting["member"], report=report)

    assert submitted.figures == {
        "pilot_groups": ["Rīga"],
        "sessions": 3,
        "hours": "3.25",  # 90 + 60 + 45 minutes
        "coachees": 2,
        "techniques": [{"name": "GROW", "uses": 2}, {"name": "Wheel of life", "uses": 1}],
    }
    assert submitted.status == "submitted"
    assert submitted.submitted_at is not None
    # Kept from the submission: a session recorded later does not change the submitted report.
    SessionFactory(agreement=first, held_on=datetime.date(2021, 5, 1))
    submitted.refresh_from_db()
    assert submitted.figures["sessions"] == 3


def test_only_the_own_organisation_writes_its_report(setting):
    period = period_for(setting["programme"])
    own, other = report_for(period, setting["lspa"], filled=False), report_for(period, setting["sip"])
    services.report_update(actor=setting["member"], report=own, data={"activities": "  Six sessions.  "})
    own.refresh_from_db()
    assert own.activities == "Six sessions."
    for actor, report in [(setting["member"], other), (setting["coordinator"], own)]:
        with pytest.raises(PermissionDenied):
            services.report_update(actor=actor, report=report, data={"activities": "Changed"})
    other.refresh_from_db()
    assert other.activities == TEXTS["activities"]


def test_a_report_is_submitted_only_with_every_section_written(setting):
    report = report_for(period_for(setting["programme"]), setting["lspa"], filled=False, activities="Done.")
    with pytest.raises(ValidationError) as error:
        services.report_submit(actor=setting["member"], report=report)
    assert "activities" not in error.value.message_dict
    assert "recommendations" in error.value.message_dict
    report.refresh_from_db()
    assert report.status == "draft"


def test_return_accept_and_what_can_change_in_each_state(
    setting, mailoutbox, django_capture_on_commit_callbacks
):
    report = report_for(period_for(setting["programme"]), setting["lspa"])
    services.report_submit(actor=setting["member"], report=report)
    with pytest.raises(ValidationError):
        services.report_update(actor=setting["member"], report=report, data={"activities": "Later change"})
    with pytest.raises(ValidationError):
        services.report_return(actor=setting["coordinator"], report=report, text="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.report_return(actor=setting["coordinator"], report=report, text="Add the dates.")
    report.refresh_from_db()
    assert report.status == "returned"
    assert report.comments.get().text == "Add the dates."
    assert [m.to for m in mailoutbox] == [[setting["member"].email]]
    services.report_update(actor=setting["member"], report=report, data={"activities": "With dates."})
    with pytest.raises(ValidationError):
        services.report_accept(actor=setting["coordinator"], report=report)  # not submitted again yet
    services.report_submit(actor=setting["member"], report=report)
    services.report_accept(actor=setting["coordinator"], report=report)
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    assert report.accepted_at is not None
    with pytest.raises(PermissionDenied):
        services.report_accept(actor=setting["member"], report=report)


def test_overdue_reports_are_flagged_and_reminded_once_a_week(
    setting, mailoutbox, django_capture_on_commit_callbacks
):
    period = period_for(setting["programme"], due_on=timezone.localdate() - datetime.timedelta(days=1))
    late = report_for(period, setting["lspa"], filled=False)
    done = report_for(period, setting["sip"], status="submitted")
    assert is_overdue(late)
    assert not is_overdue(done)
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_overdue_reminders(now) == 1
        assert services.send_overdue_reminders(now + datetime.timedelta(days=1)) == 0
        assert services.send_overdue_reminders(now + datetime.timedelta(days=8)) == 1
    assert [m.to for m in mailoutbox] == [[setting["member"].email]] * 2
    assert registry.get("partnerships.remind_overdue_reports").every == datetime.timedelta(hours=24)


def test_a_quotation_must_be_found_in_its_source_section(setting):
    period = period_for(setting["programme"])
    submitted = report_for(period, setting["lspa"], status="submitted")
    draft = report_for(period, setting["sip"])
    coordinator = setting["coordinator"]
    quotation = services.quotation_add(
        actor=coordinator,
        period=period,
        report=submitted,
        section="observations",
        text="managers   delegate more",  # spaces and case aside
    )
    assert quotation.synthesis.period == period
    with pytest.raises(ValidationError) as error:
        services.quotation_add(
            actor=coordinator, period=period, report=submitted, section="difficulties", text="delegate more"
        )
    assert "text" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.quotation_add(
            actor=coordinator, period=period, report=draft, section="observations", text="x"
        )
    assert "report" in error.value.message_dict
    view = synthesis_view(coordinator, period)
    assert [r.pk for r in view.reports] == [submitted.pk]
    observations = next(s for s in view.sections if s["key"] == "observations")
    assert [q.pk for q in observations["quotations"]] == [quotation.pk]


def test_the_cost_table_against_hand_computed_amounts(setting):
    """575 € for 100–1,999 km, 760 € for 2,000 km and more; online and 0–99 km: nothing.
    SiP: 2 × 575 + 1 × 760 = 1,910; LSPA: 1 × 575 (one more online) = 575; KSAP 0–99 km: 0. Total 2,485."""
    meeting = transnational_meeting(setting["programme"])
    record = costing(meeting, call())
    participant(record, setting["sip"], "Eleni Papadopoulou")
    participant(record, setting["sip"], "Nikos Georgiou")
    participant(record, setting["sip"], "From Crete far away", band="2000_plus")
    participant(record, setting["lspa"], "Inese Kalniņa", online=True, city="Rīga")
    participant(record, setting["lspa"], "Dace Liepiņa", city="Rīga")
    participant(record, setting["programme"].lead_institution, "Host", band="0_99", city="Warszawa")

    table = cost_table(meeting)

    amounts = {(row.organisation, row.band): (row.participants, row.online, row.amount) for row in table.rows}
    assert amounts[("Society in Progress", "100_1999")] == (2, 0, Decimal("1150.00"))
    assert amounts[("Society in Progress", "2000_plus")] == (1, 0, Decimal("760.00"))
    assert amounts[("LSPA", "100_1999")] == (1, 1, Decimal("575.00"))
    assert amounts[(setting["programme"].lead_institution.name, "0_99")] == (1, 0, Decimal("0.00"))
    assert table.total == Decimal("2485.00")
    assert table.missing_bands == []


def test_unit_costs_are_kept_per_call_and_checked(setting):
    coordinator = setting["coordinator"]
    saved = services.call_save(
        actor=coordinator,
        call=None,
        data={"name": "Erasmus+ 2021–2027", "to_verify": True, "note": ""},
        amounts={"100_1999": Decimal("580"), "2000_plus": ""},
    )
    assert {c.band: c.amount for c in saved.unit_costs.all()} == {"100_1999": Decimal("580.00")}
    for bad in ["-1", "abc", "1e9", "NaN"]:
        with pytest.raises(ValidationError) as error:
            services.call_save(actor=coordinator, call=saved, data={"name": "X"}, amounts={"100_1999": bad})
        assert "amount_100_1999" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.call_save(actor=coordinator, call=None, data={"name": "erasmus+ 2021–2027"}, amounts={})
    meeting = transnational_meeting(setting["programme"])
    services.costing_set_call(actor=coordinator, event=meeting, call=saved)
    services.participant_add(
        actor=coordinator,
        event=meeting,
        data={
            "organisation": setting["sip"],
            "name": "Far",
            "sending_city": "Heraklion",
            "band": "2000_plus",
        },
    )
    assert cost_table(meeting).missing_bands == [str(DistanceBand.FROM_2000.label)]


def test_the_seeded_call_is_marked_to_verify():
    from ..models import CostCall

    seeded = CostCall.objects.get(name__startswith="Erasmus+ 2014–2020")
    assert seeded.to_verify
    assert {c.band: c.amount for c in seeded.unit_costs.all()} == {
        "100_1999": Decimal("575.00"),
        "2000_plus": Decimal("760.00"),
    }


def test_a_report_is_one_per_organisation_and_period(setting):
    period = period_for(setting["programme"])
    report_for(period, setting["lspa"])
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        PartnerReport.objects.create(period=period, organisation=setting["lspa"])
