"""The coordinator's page of a call's advisory teams: propose, the reasons, accept, swap, confirm, what blocks."""

import pytest
from django.conf import settings
from django.urls import reverse

from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.core.testing import assert_page
from rozwoj.experts.models import Specialisation

from ..models import ConflictOfInterest, Engagement, TeamProposal
from .factories import CallFactory
from .test_team_matching import accepted, expert

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return user_with_role("coordinator")


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def _teams(call):
    return reverse("advisory:teams", args=[call.pk])


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_proposing_shows_each_team_with_its_reasons_within_a_query_budget(coordinator_client, coordinator):
    call = CallFactory(title="Nabór 2022")
    engagements = accepted(call, coordinator, 3)
    ros = expert(Specialisation.ROS, level=5, capacity=3)
    pro = expert(Specialisation.PRO, level=4, capacity=3)
    _english(coordinator_client)
    page = coordinator_client.get(reverse("advisory:call", args=[call.pk])).content.decode()
    assert _teams(call) in page  # linked from the call
    assert "No teams proposed yet." in coordinator_client.get(_teams(call)).content.decode()
    response = coordinator_client.post(reverse("advisory:teams_propose", args=[call.pk]), follow=True)
    body = response.content.decode()
    assert "The teams are proposed." in body
    for engagement in engagements:
        assert engagement.local_government.display_name in body
    assert str(ros.person) in body
    assert str(pro.person) in body
    assert "self-assessed competence" in body
    assert "0 of 3 proposals accepted." in body
    # the same budget for 3 proposals as for 1: the page does not query per proposal
    assert_page(coordinator_client, _teams(call), queries=14, template="advisory/matching/teams.html")
    accepted(call, coordinator, 3)
    expert(Specialisation.ROS, capacity=3)
    expert(Specialisation.PRO, capacity=3)
    coordinator_client.post(reverse("advisory:teams_propose", args=[call.pk]))
    assert_page(coordinator_client, _teams(call), queries=14, contains="0 of 6 proposals accepted.")


def test_an_impossible_call_says_plainly_what_blocks_it(coordinator_client, coordinator):
    call = CallFactory()
    accepted(call, coordinator, 2)
    expert(Specialisation.ROS, capacity=1)
    expert(Specialisation.PRO, capacity=2)
    _english(coordinator_client)
    response = coordinator_client.post(reverse("advisory:teams_propose", args=[call.pk]), follow=True)
    body = response.content.decode()
    assert "No feasible assignment exists" in body
    assert (
        "Too few experts of the role local education development expert (ROS) with free places: need 2, have 1."
        in body
    )
    assert not TeamProposal.objects.exists()


def test_swap_accept_and_confirm_write_the_team_on_the_engagement(coordinator_client, coordinator):
    call = CallFactory()
    [engagement] = accepted(call, coordinator, 1)
    expert(Specialisation.ROS, level=5)
    other_ros = expert(Specialisation.ROS, level=1)
    pro = expert(Specialisation.PRO)
    coordinator_client.post(reverse("advisory:teams_propose", args=[call.pk]))
    proposal = TeamProposal.objects.get()
    swap = reverse("advisory:team_swap", args=[call.pk, proposal.pk])
    assert_page(coordinator_client, swap, queries=14, contains=str(other_ros.person))
    response = coordinator_client.post(swap, {"role": "ros", "expert": other_ros.pk})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.ros_expert == other_ros
    assert proposal.is_adjusted
    assert not proposal.is_accepted
    _english(coordinator_client)
    body = coordinator_client.post(reverse("advisory:teams_confirm", args=[call.pk]), follow=True)
    assert "Accept at least one proposed team first." in body.content.decode()
    coordinator_client.post(reverse("advisory:team_accept", args=[call.pk, proposal.pk]))
    body = coordinator_client.post(reverse("advisory:teams_confirm", args=[call.pk]), follow=True)
    assert "The team is confirmed on 1 engagement." in body.content.decode()
    engagement = Engagement.objects.get(pk=engagement.pk)
    assert (engagement.ros_expert, engagement.pro_expert) == (other_ros, pro)
    assert not TeamProposal.objects.exists()


def test_a_swap_the_team_rules_refuse_is_shown_next_to_the_field(coordinator_client, coordinator):
    call = CallFactory()
    [engagement] = accepted(call, coordinator, 1)
    expert(Specialisation.ROS, level=5)
    conflicted = expert(Specialisation.ROS)
    pro = expert(Specialisation.PRO)
    ConflictOfInterest.objects.create(
        expert=conflicted, local_government=engagement.local_government, reason="zatrudniony"
    )
    coordinator_client.post(reverse("advisory:teams_propose", args=[call.pk]))
    proposal = TeamProposal.objects.get()
    swap = reverse("advisory:team_swap", args=[call.pk, proposal.pk])
    _english(coordinator_client)
    body = coordinator_client.post(swap, {"role": "ros", "expert": conflicted.pk}).content.decode()
    assert "a conflict of interest" in body
    assert 'aria-invalid="true"' in body
    # a PRO expert is no candidate for the ROS role: the choice itself is refused
    body = coordinator_client.post(swap, {"role": "ros", "expert": pro.pk}).content.decode()
    assert "Select a valid choice" in body
    # a role that does not exist, an expert that does not exist: form errors, never a 500
    assert coordinator_client.post(swap, {"role": "boss", "expert": pro.pk}).status_code == 200
    assert coordinator_client.post(swap, {"role": "pro", "expert": "x"}).status_code == 200
    proposal.refresh_from_db()
    assert not proposal.is_adjusted
    coordinator_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    body = coordinator_client.post(swap, {"role": "ros", "expert": conflicted.pk}).content.decode()
    assert "konflikt interesów" in body


def test_a_proposal_of_another_call_is_not_found(coordinator_client, coordinator):
    call, other_call = CallFactory(), CallFactory()
    accepted(other_call, coordinator, 1)
    expert(Specialisation.ROS)
    expert(Specialisation.PRO)
    coordinator_client.post(reverse("advisory:teams_propose", args=[other_call.pk]))
    proposal = TeamProposal.objects.get()
    assert (
        coordinator_client.get(reverse("advisory:team_swap", args=[call.pk, proposal.pk])).status_code == 404
    )
    response = coordinator_client.post(reverse("advisory:team_accept", args=[call.pk, proposal.pk]))
    assert response.status_code == 404
    assert coordinator_client.post(reverse("advisory:team_accept", args=[call.pk, 999999])).status_code == 404
    proposal.refresh_from_db()
    assert not proposal.is_accepted


def test_accept_all_proposals_at_once(coordinator_client, coordinator):
    call = CallFactory(title="Nabór 2023")
    accepted(call, coordinator, 2)
    expert(Specialisation.ROS, level=5, capacity=3)
    expert(Specialisation.PRO, level=4, capacity=3)
    _english(coordinator_client)
    coordinator_client.post(reverse("advisory:teams_propose", args=[call.pk]))
    assert "Accept all proposals" in coordinator_client.get(_teams(call)).content.decode()
    response = coordinator_client.post(reverse("advisory:teams_accept_all", args=[call.pk]), follow=True)
    body = response.content.decode()
    assert "2 proposed teams are accepted." in body
    assert "Accept all proposals" not in body
    assert not TeamProposal.objects.filter(engagement__call=call, is_accepted=False).exists()
    body = coordinator_client.post(reverse("advisory:teams_accept_all", args=[call.pk]), follow=True)
    assert "There is no proposed team left to accept." in body.content.decode()
