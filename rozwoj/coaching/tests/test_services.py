import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from rozwoj.accounts.models import Role
from rozwoj.coaching import services
from rozwoj.coaching.models import Agreement, GoalProgress, PilotGroupMember
from rozwoj.coaching.selectors.pages import coach_log_rows, coach_log_totals, log_row, supervision_status
from rozwoj.people.tests.factories import PersonFactory, person_with_login
from rozwoj.surveys.models import Invitation
from rozwoj.surveys.tests.factories import training_feedback

from .factories import (
    AgreementFactory,
    PilotGroupFactory,
    SessionFactory,
    TechniqueFactory,
    make_coach,
    member,
)

pytestmark = pytest.mark.django_db


def _agreement_data(coachee, **overrides):
    data = {
        "coachee": coachee,
        "programme": None,
        "pilot_group": None,
        "kind": "paid",
        "sessions_planned": 4,
        "start_date": datetime.date(2026, 3, 1),
        "end_date": None,
        "confidentiality_terms": "Confidential.",
        "coachee_consent": True,
        "sponsor_name": "",
        "sponsor_approved_on": None,
        "feedback_questionnaire": None,
    }
    return {**data, **overrides}


def test_a_coach_records_an_agreement_with_goals_and_an_audit_entry():
    coach = make_coach()
    coachee = PersonFactory()
    agreement = services.agreement_create(
        actor=coach.person.user, data=_agreement_data(coachee), goals=["Delegate", "Give feedback"]
    )
    assert agreement.coach == coach
    assert [goal.title for goal in agreement.goals.all()] == ["Delegate", "Give feedback"]
    from rozwoj.core.models import AuditLogEntry

    assert AuditLogEntry.objects.filter(
        action="coaching.agreement_create", object_id=str(agreement.pk)
    ).exists()


def test_no_agreement_without_the_coachees_consent_or_goals():
    coach = make_coach()
    with pytest.raises(ValidationError) as error:
        services.agreement_create(
            actor=coach.person.user, data=_agreement_data(PersonFactory(), coachee_consent=False), goals=["A"]
        )
    assert "coachee_consent" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.agreement_create(actor=coach.person.user, data=_agreement_data(PersonFactory()), goals=[])
    assert "goals" in error.value.message_dict
    assert not Agreement.objects.exists()


def test_an_expert_who_is_not_a_coach_cannot_record_an_agreement():
    from rozwoj.experts.tests.factories import expert_with_login

    expert = expert_with_login()
    with pytest.raises(PermissionDenied):
        services.agreement_create(
            actor=expert.person.user, data=_agreement_data(PersonFactory()), goals=["A"]
        )


def test_a_sponsor_approval_needs_the_sponsors_name():
    coach = make_coach()
    with pytest.raises(ValidationError):
        services.agreement_create(
            actor=coach.person.user,
            data=_agreement_data(PersonFactory(), sponsor_approved_on=datetime.date(2026, 3, 2)),
            goals=["A"],
        )


def test_a_session_records_techniques_and_only_its_coach_records_it():
    agreement = AgreementFactory(coach=make_coach(), goals=["Delegate", "Listen"])
    technique = TechniqueFactory()
    session = services.session_create(
        actor=agreement.coach.person.user,
        agreement=agreement,
        data={"held_on": datetime.date(2026, 2, 1), "duration_minutes": 90, "mode": "online"},
        techniques=[technique],
    )
    assert list(session.techniques.all()) == [technique]
    assert not GoalProgress.objects.exists()  # the progress is the coachee's to rate
    coordinator = person_with_login(Role.COORDINATOR).user
    with pytest.raises(PermissionDenied):
        services.session_create(
            actor=coordinator,
            agreement=agreement,
            data={"held_on": datetime.date(2026, 2, 1), "duration_minutes": 90, "mode": "online"},
        )


def test_the_log_counts_paid_pro_bono_and_group_hours_per_coachee():
    coach = make_coach()
    paid = AgreementFactory(coach=coach, kind="paid")
    pro_bono = AgreementFactory(coach=coach, kind="pro_bono")
    SessionFactory(agreement=paid, duration_minutes=60, held_on=datetime.date(2026, 1, 5))
    SessionFactory(agreement=paid, duration_minutes=90, held_on=datetime.date(2026, 2, 5))
    SessionFactory(agreement=pro_bono, duration_minutes=45, group_size=6, held_on=datetime.date(2026, 3, 1))
    SessionFactory(duration_minutes=600)  # another coach's
    totals = coach_log_totals(coach)
    assert (totals.coachees, totals.sessions) == (2, 3)
    assert totals.paid_hours == Decimal("2.50")
    assert totals.pro_bono_hours == Decimal("0.75")
    assert totals.group_hours == Decimal("0.75")
    rows = {row.client: row for row in map(log_row, coach_log_rows(coach))}
    paid_row = rows[paid.coachee.full_name]
    assert (paid_row.start, paid_row.end, paid_row.paid_hours, paid_row.pro_bono_hours) == (
        datetime.date(2026, 1, 5),
        datetime.date(2026, 2, 5),
        Decimal("2.50"),
        Decimal("0.00"),
    )
    group_row = rows[pro_bono.coachee.full_name]
    assert group_row.is_group
    assert group_row.group_size == 6


def test_supervision_is_shown_met_or_not_against_the_requirement():
    coach = make_coach()
    requirement = services.supervision_requirement()
    assert (requirement.hours_per_year, requirement.practice_hours_per_supervision_hour) == (
        Decimal("10"),
        20,
    )
    status = supervision_status(coach, Decimal("100"), requirement)
    assert not status.yearly_met
    assert not status.practice_met
    assert status.hours_needed_for_practice == Decimal("5.00")
    services.supervision_add(
        actor=coach.person.user,
        data={"held_on": timezone.localdate(), "hours": Decimal("6"), "supervisor": "S"},
    )
    status = supervision_status(coach, Decimal("100"), requirement)
    assert status.practice_met
    assert not status.yearly_met
    coordinator = person_with_login(Role.COORDINATOR).user
    services.supervision_requirement_update(
        actor=coordinator, data={"hours_per_year": Decimal("5"), "practice_hours_per_supervision_hour": 20}
    )
    assert supervision_status(coach, Decimal("100"), services.supervision_requirement()).yearly_met
    with pytest.raises(PermissionDenied):
        services.supervision_requirement_update(
            actor=coach.person.user,
            data={"hours_per_year": Decimal("0"), "practice_hours_per_supervision_hour": 1},
        )


def test_a_full_group_takes_nobody_more_and_nobody_twice():
    coordinator = person_with_login(Role.COORDINATOR).user
    group = PilotGroupFactory(capacity=2)
    first = PersonFactory()
    services.pilot_group_member_add(actor=coordinator, group=group, person=first)
    with pytest.raises(ValidationError, match="already a member"), translation.override("en"):
        services.pilot_group_member_add(actor=coordinator, group=group, person=first)
    services.pilot_group_member_add(actor=coordinator, group=group, person=PersonFactory())
    with pytest.raises(ValidationError, match="full"), translation.override("en"):
        services.pilot_group_member_add(actor=coordinator, group=group, person=PersonFactory())
    assert PilotGroupMember.objects.filter(group=group).count() == 2


def test_a_group_cannot_shrink_below_its_members():
    coordinator = person_with_login(Role.COORDINATOR).user
    group = PilotGroupFactory(capacity=3)
    member(group)
    member(group)
    data = {name: getattr(group, name) for name in services.GROUP_FIELDS}
    with pytest.raises(ValidationError) as error:
        services.pilot_group_save(actor=coordinator, data={**data, "capacity": 1}, coaches=[], group=group)
    assert "capacity" in error.value.message_dict


def test_the_feedback_questionnaire_goes_to_the_coachee_after_the_last_planned_session_once():
    coach = make_coach()
    coachee = person_with_login(None)
    questionnaire = training_feedback(coach.person.user)
    agreement = AgreementFactory(
        coach=coach, coachee=coachee, sessions_planned=2, feedback_questionnaire=questionnaire
    )
    SessionFactory(agreement=agreement, held_on=datetime.date(2026, 1, 5))
    assert services.send_due_feedback() == 0  # one of two sessions held
    SessionFactory(agreement=agreement, held_on=datetime.date(2026, 1, 19))
    assert services.send_due_feedback() == 1
    assert Invitation.objects.filter(person=coachee, wave__questionnaire=questionnaire).count() == 1
    assert services.send_due_feedback() == 0
    agreement.refresh_from_db()
    assert agreement.feedback_sent_at is not None


def test_the_feedback_job_is_registered():
    from rozwoj.core.periodic import registry

    assert registry.get("coaching.send_feedback_questionnaires").every == datetime.timedelta(hours=1)


def test_a_technique_translation_must_point_to_an_original():
    coordinator = person_with_login(Role.COORDINATOR).user
    original = TechniqueFactory(name="Wheel of life", language="en")
    data = {"name": "Koło życia", "purpose": "P", "steps": "S", "language": "pl", "visibility": "public"}
    translation = services.technique_save(actor=coordinator, data={**data, "original": original})
    with pytest.raises(ValidationError):
        services.technique_save(
            actor=coordinator, data={**data, "name": "Rata", "language": "lv", "original": translation}
        )
    with pytest.raises(ValidationError):  # one version per language
        services.technique_save(actor=coordinator, data={**data, "name": "Koło 2", "original": original})
    with pytest.raises(PermissionDenied):
        services.technique_save(actor=make_coach().person.user, data={**data, "name": "X", "original": None})


def test_the_coachee_rates_progress_on_each_goal_and_nobody_else_may():
    coachee = person_with_login(Role.LOCAL_GOVERNMENT_MEMBER)
    agreement = AgreementFactory(coach=make_coach(), coachee=coachee, goals=["Delegate", "Listen"])
    delegate, listen = agreement.goals.all()
    session = SessionFactory(agreement=agreement)
    stored = services.session_rate_progress(
        actor=coachee.user, session=session, ratings={delegate.pk: 3, listen.pk: None}
    )
    assert stored == {delegate.pk: 3}
    stored = services.session_rate_progress(
        actor=coachee.user, session=session, ratings={delegate.pk: None, listen.pk: 7}
    )
    assert list(GoalProgress.objects.values_list("goal_id", "rating")) == [(listen.pk, 7)]
    for other in (agreement.coach.person.user, person_with_login(Role.COORDINATOR).user):
        with pytest.raises(PermissionDenied):
            services.session_rate_progress(actor=other, session=session, ratings={listen.pk: 9})
    assert GoalProgress.objects.get().rating == 7


@pytest.mark.parametrize("rating", [0, 11, -3])
def test_a_rating_off_the_scale_or_of_another_agreement_is_refused(rating):
    coachee = person_with_login(Role.LOCAL_GOVERNMENT_MEMBER)
    agreement = AgreementFactory(coach=make_coach(), coachee=coachee)
    session = SessionFactory(agreement=agreement)
    goal = agreement.goals.get()
    with pytest.raises(ValidationError):
        services.session_rate_progress(actor=coachee.user, session=session, ratings={goal.pk: rating})
    other_goal = AgreementFactory().goals.get()
    with pytest.raises(ValidationError):
        services.session_rate_progress(actor=coachee.user, session=session, ratings={other_goal.pk: 5})
    assert not GoalProgress.objects.exists()
