import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.core.models import AuditLogEntry
from rozwoj.experts.models import Specialisation
from rozwoj.experts.tests.factories import expert_with_login
from rozwoj.organisations.tests.factories import GminaFactory, VoivodeshipFactory

from ..models import Application, Engagement, EngagementStage, StageKind, StageStatus
from ..services import calls, engagements, support_log
from .factories import (
    ApplicationFactory,
    CallFactory,
    engagement_with_team,
    member_rows,
    support_area,
    support_form,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return user_with_role("coordinator")


def _data(**extra):
    return {
        "contact_first_name": "Ewa",
        "contact_last_name": "Nowak",
        "contact_email": "ewa.nowak@dwikozy.example.org",
        "preferred_area": support_area(),
        "motivation": "Chcemy lepiej planować rozwój szkół.",
        **extra,
    }


def test_a_local_government_applies_with_a_team_and_gets_a_confirmation(django_capture_on_commit_callbacks):
    call = CallFactory()
    gmina = GminaFactory(name="Dwikozy")
    with django_capture_on_commit_callbacks(execute=True):
        application = calls.application_submit(
            call=call, local_government=gmina, data=_data(), members=member_rows(4)
        )
    assert application.members.count() == 4
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ewa.nowak@dwikozy.example.org"]
    assert "Dwikozy" in mail.outbox[0].body


@pytest.mark.parametrize("size", [2, 6])
def test_a_team_has_three_to_five_people(size):
    with pytest.raises(ValidationError) as error:
        calls.application_submit(
            call=CallFactory(), local_government=GminaFactory(), data=_data(), members=member_rows(size)
        )
    assert "members" in error.value.message_dict
    assert not Application.objects.exists()


def test_eligibility_by_type_voivodeship_and_dates():
    gmina = GminaFactory()
    other_voivodeship = VoivodeshipFactory(terc="26", name="ŚWIĘTOKRZYSKIE")
    call = CallFactory(eligible_kinds=["powiat"])
    assert "rodzaju JST" in calls.eligibility_error(call, gmina)
    call = CallFactory()
    call.eligible_voivodeships.set([other_voivodeship])
    assert "województwa" in calls.eligibility_error(call, gmina)
    call = CallFactory(closes_on=datetime.date.today() - datetime.timedelta(days=1))
    assert "zakończyło" in calls.eligibility_error(call, gmina)
    assert calls.eligibility_error(CallFactory(), gmina) == ""


def test_applying_twice_is_a_field_error():
    call, gmina = CallFactory(), GminaFactory()
    calls.application_submit(call=call, local_government=gmina, data=_data(), members=member_rows())
    with pytest.raises(ValidationError) as error:
        calls.application_submit(call=call, local_government=gmina, data=_data(), members=member_rows())
    assert "local_government" in error.value.message_dict


def test_accepting_starts_an_engagement_and_mails_the_decision(
    coordinator, django_capture_on_commit_callbacks
):
    application = ApplicationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        calls.application_decide(actor=coordinator, application=application, status="accepted")
    engagement = Engagement.objects.get(application=application)
    assert engagement.members.count() == 4
    assert engagement.stages.count() == 6
    application.call.refresh_from_db()
    assert application.call.accepted_count == 1
    assert len(mail.outbox) == 1
    assert AuditLogEntry.objects.filter(action="advisory.engagement.start").exists()


def test_no_more_acceptances_than_places(coordinator):
    call = CallFactory(places=1)
    first, second = ApplicationFactory(call=call), ApplicationFactory(call=call)
    calls.application_decide(actor=coordinator, application=first, status="accepted")
    with pytest.raises(ValidationError) as error:
        calls.application_decide(actor=coordinator, application=second, status="accepted")
    assert "listę rezerwową" in str(error.value)
    calls.application_decide(actor=coordinator, application=second, status="waiting")
    calls.application_decide(actor=coordinator, application=first, status="rejected", reason="Rezygnacja JST")
    calls.application_decide(actor=coordinator, application=second, status="accepted")
    call.refresh_from_db()
    assert call.accepted_count == 1
    assert not Engagement.objects.filter(application=first).exists()


def test_a_rejection_needs_a_reason_and_only_coordinators_decide(coordinator):
    application = ApplicationFactory()
    with pytest.raises(ValidationError):
        calls.application_decide(actor=coordinator, application=application, status="rejected", reason=" ")
    with pytest.raises(PermissionDenied):
        calls.application_decide(actor=user_with_role("expert"), application=application, status="accepted")


def test_one_engagement_per_local_government_per_cycle_is_a_database_rule():
    engagement = engagement_with_team()
    with pytest.raises(IntegrityError), transaction.atomic():
        Engagement.objects.create(call=engagement.call, local_government=engagement.local_government)


def test_the_team_is_one_active_expert_of_each_role(coordinator):
    engagement = engagement_with_team()
    pro_only = expert_with_login([Specialisation.PRO])
    with pytest.raises(ValidationError) as error:
        engagements.engagement_set_team(actor=coordinator, engagement=engagement, ros=pro_only, pro=pro_only)
    assert "ros_expert" in error.value.message_dict


def test_a_stage_closes_only_when_its_output_exists():
    engagement = engagement_with_team()
    adviser = engagement.ros_expert.person.user
    stage = engagement.stages.get(kind=StageKind.SUPPORT_AREA)
    with pytest.raises(ValidationError):
        engagements.stage_update(actor=adviser, stage=stage, data={"status": StageStatus.CLOSED})
    engagements.support_area_choose(actor=adviser, engagement=engagement, area=support_area())
    engagements.stage_update(actor=adviser, stage=stage, data={"status": StageStatus.CLOSED})
    assert EngagementStage.objects.get(pk=stage.pk).closed_at is not None

    diagnosis = engagement.stages.get(kind=StageKind.DIAGNOSIS)
    with pytest.raises(ValidationError):
        engagements.stage_update(actor=adviser, stage=diagnosis, data={"status": StageStatus.CLOSED})
    engagements.finding_add(actor=adviser, engagement=engagement, text="Brak planu doskonalenia dyrektorów.")
    first = engagements.priority_add(actor=adviser, engagement=engagement, title="Przywództwo dyrektorów")
    second = engagements.priority_add(actor=adviser, engagement=engagement, title="Sieć szkół")
    assert engagements.priority_move(actor=adviser, priority=second, direction=-1)
    first.refresh_from_db()
    assert first.rank == 2
    # findings and priorities are not enough: the team's self-diagnosis must be in (test_diagnosis.py)
    with pytest.raises(ValidationError, match="self-diagnosis|samodiagnozy|ankiet"):
        engagements.stage_update(actor=adviser, stage=diagnosis, data={"status": StageStatus.CLOSED})


def test_other_experts_cannot_work_on_an_engagement():
    engagement = engagement_with_team()
    stranger = expert_with_login([Specialisation.ROS]).person.user
    with pytest.raises(PermissionDenied):
        engagements.finding_add(actor=stranger, engagement=engagement, text="x")


def test_support_log_entry_with_follow_ups():
    engagement = engagement_with_team()
    adviser = engagement.pro_expert.person.user
    member = engagement.members.first()
    entry = support_log.entry_save(
        actor=adviser,
        engagement=engagement,
        data={
            "form": support_form(),
            "date": datetime.date.today(),
            "hours": Decimal("3.5"),
            "notes": "Spotkanie",
        },
        experts=[engagement.ros_expert, engagement.pro_expert],
        attendees=[member],
        follow_ups=[{"text": "Zebrać dane SIO", "owner": member.person, "due_on": datetime.date.today()}],
    )
    assert entry.follow_ups.count() == 1
    assert list(entry.attendees.all()) == [member]
    with pytest.raises(ValidationError) as error:
        support_log.entry_save(
            actor=adviser,
            engagement=engagement,
            data={"form": support_form(cycle_wide=True), "date": datetime.date.today(), "hours": Decimal(2)},
        )
    assert "event" in error.value.message_dict
