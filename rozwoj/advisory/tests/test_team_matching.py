"""Proposing a call's advisory teams from the database: input built from experts, proposals stored, swap, confirm."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.core.models import AuditLogEntry
from rozwoj.experts.models import Specialisation
from rozwoj.experts.tests.factories import (
    CompetenceAssessmentFactory,
    CompetenceFactory,
    ExpertProfileFactory,
)
from rozwoj.organisations.models import Organisation
from rozwoj.people.models import Membership

from ..models import AdviserCapacity, ConflictOfInterest, Engagement, MatchingRun, TeamProposal
from ..services import calls
from ..services import matching as services
from .factories import ApplicationFactory, CallFactory, support_area

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return user_with_role("coordinator")


def accepted(call, coordinator, count):
    engagements = []
    for _ in range(count):
        application = ApplicationFactory(call=call)
        calls.application_decide(actor=coordinator, application=application, status="accepted")
        engagements.append(Engagement.objects.get(application=application))
    return engagements


def expert(role, level=None, capacity=None, area=None):
    profile = ExpertProfileFactory(specialisations=[role])
    if level is not None:
        competence = CompetenceFactory(specialisation=role)
        (area or support_area()).competences.add(competence)
        CompetenceAssessmentFactory(profile=profile, competence=competence, level=level)
    if capacity is not None:
        AdviserCapacity.objects.create(expert=profile, engagements_at_once=capacity)
    return profile


def test_proposals_take_the_most_competent_experts_and_say_why(coordinator):
    call = CallFactory()
    [engagement] = accepted(call, coordinator, 1)
    expert(Specialisation.ROS, level=2)
    best_ros = expert(Specialisation.ROS, level=5)
    best_pro = expert(Specialisation.PRO, level=4)
    expert(Specialisation.PRO, level=1)
    run = services.teams_propose(actor=coordinator, call=call)
    assert run.is_feasible
    proposal = TeamProposal.objects.get(engagement=engagement)
    assert (proposal.ros_expert, proposal.pro_expert) == (best_ros, best_pro)
    with translation.override("en"):
        texts = services.proposal_reasons(proposal)
    assert (
        f"{best_ros.person} (local education development expert (ROS)): self-assessed competence in "
        in texts[0]
    )
    assert "5 of 5" in texts[0]
    assert AuditLogEntry.objects.filter(action="advisory.teams.propose").exists()


def test_an_impossible_call_says_which_constraint_blocks_it(coordinator):
    call = CallFactory()
    accepted(call, coordinator, 3)
    expert(Specialisation.ROS, capacity=1)
    expert(Specialisation.ROS, capacity=1)
    expert(Specialisation.PRO, capacity=3)
    run = services.teams_propose(actor=coordinator, call=call)
    assert not run.is_feasible
    assert not TeamProposal.objects.exists()
    with translation.override("en"):
        assert services.run_messages(run) == [
            "Too few experts of the role local education development expert (ROS) with free places: need 3, have 2."
        ]


def test_conflicts_of_interest_declared_or_by_membership_are_respected(coordinator):
    call = CallFactory()
    [first, second] = accepted(call, coordinator, 2)
    employed = expert(Specialisation.ROS, level=5, capacity=2)
    declared = expert(Specialisation.ROS, level=5, capacity=2)
    expert(Specialisation.PRO, capacity=2)
    office = Organisation.objects.create(
        name="Urząd", kind="local_government_office", local_government=first.local_government
    )
    Membership.objects.create(person=employed.person, organisation=office)
    ConflictOfInterest.objects.create(
        expert=declared, local_government=second.local_government, reason="zatrudniony"
    )
    services.teams_propose(actor=coordinator, call=call)
    assert TeamProposal.objects.get(engagement=first).ros_expert == declared
    assert TeamProposal.objects.get(engagement=second).ros_expert == employed


def test_capacity_counts_engagements_in_other_calls(coordinator):
    other_call = CallFactory()
    [elsewhere] = accepted(other_call, coordinator, 1)
    busy = expert(Specialisation.ROS, level=5, capacity=1)
    free = expert(Specialisation.ROS, level=1)
    pro = expert(Specialisation.PRO, capacity=2)
    other_pro = expert(Specialisation.PRO)
    Engagement.objects.filter(pk=elsewhere.pk).update(ros_expert=busy, pro_expert=other_pro)
    call = CallFactory()
    [engagement] = accepted(call, coordinator, 1)
    services.teams_propose(actor=coordinator, call=call)
    assert TeamProposal.objects.get(engagement=engagement).ros_expert == free
    assert pro


def test_swap_is_validated_and_confirm_writes_the_teams(coordinator):
    call = CallFactory()
    [engagement] = accepted(call, coordinator, 1)
    ros = expert(Specialisation.ROS, level=5)
    other_ros = expert(Specialisation.ROS, level=1)
    pro = expert(Specialisation.PRO)
    inactive = expert(Specialisation.ROS)
    inactive.is_active = False
    inactive.save()
    services.teams_propose(actor=coordinator, call=call)
    proposal = TeamProposal.objects.get(engagement=engagement)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.proposal_swap(actor=coordinator, proposal=proposal, role="ros", expert=pro)
    assert f"{pro.person} is not of the specialisation" in str(error.value)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.proposal_swap(actor=coordinator, proposal=proposal, role="ros", expert=inactive)
    assert "is not an active expert" in str(error.value)
    proposal = services.proposal_swap(actor=coordinator, proposal=proposal, role="ros", expert=other_ros)
    assert proposal.ros_expert == other_ros
    assert proposal.is_adjusted
    with pytest.raises(ValidationError):
        services.teams_confirm(actor=coordinator, call=call)  # nothing accepted yet
    services.proposal_accept(actor=coordinator, proposal=proposal)
    assert services.teams_confirm(actor=coordinator, call=call) == 1
    engagement.refresh_from_db()
    assert (engagement.ros_expert, engagement.pro_expert) == (other_ros, pro)
    assert not TeamProposal.objects.exists()
    assert ros


def test_only_coordinators_propose(coordinator):
    call = CallFactory()
    with pytest.raises(PermissionDenied):
        services.teams_propose(actor=user_with_role("expert"), call=call)
    assert not MatchingRun.objects.exists()


def test_rerun_replaces_the_proposals(coordinator):
    call = CallFactory()
    accepted(call, coordinator, 2)
    expert(Specialisation.ROS, capacity=2)
    expert(Specialisation.PRO, capacity=2)
    services.teams_propose(actor=coordinator, call=call)
    services.teams_propose(actor=coordinator, call=call)
    assert TeamProposal.objects.count() == 2
    assert MatchingRun.objects.count() == 2


def test_the_page_data_takes_the_same_queries_for_two_and_for_eight_proposals(
    coordinator, django_assert_max_num_queries
):
    from ..selectors.matching import team_matching_for

    def queries(count):
        call = CallFactory()
        accepted(call, coordinator, count)
        expert(Specialisation.ROS, capacity=count)
        expert(Specialisation.PRO, capacity=count)
        services.teams_propose(actor=coordinator, call=call)
        with django_assert_max_num_queries(4):
            data = team_matching_for(coordinator, call)
        assert len(data["proposals"]) == count
        assert all(row["reasons"] for row in data["proposals"])

    queries(2)
    queries(8)


def test_only_coordinators_see_the_proposals(coordinator):
    from django.http import Http404

    from ..selectors.matching import access_team_proposal, team_matching_for

    call = CallFactory()
    accepted(call, coordinator, 1)
    expert(Specialisation.ROS)
    expert(Specialisation.PRO)
    services.teams_propose(actor=coordinator, call=call)
    proposal = TeamProposal.objects.get()
    assert access_team_proposal(coordinator, proposal.pk) == proposal
    with pytest.raises(Http404):
        access_team_proposal(user_with_role("expert"), proposal.pk)
    with pytest.raises(PermissionDenied):
        team_matching_for(user_with_role("local_government_member"), call)
