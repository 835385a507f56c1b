"""The authorisation policy of the advisory cycle: every page, action and API operation for every role.

Published calls and their application form are public; call editing and the review of applications are for
coordinators. An engagement is seen by coordinators, the two experts of its advisory team and the members of
its local government (read only); to everyone else it does not exist. Its work (stages, diagnosis, support log)
is recorded by coordinators and its advisers; the owner of a follow-up may tick it off.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.advisory.models import MatchingRun, TeamProposal
from rozwoj.advisory.services import calls, engagements, support_log
from rozwoj.advisory.tests.factories import ApplicationFactory, CallFactory, advisers, support_form
from rozwoj.experts.models import ExpertProfile, Specialisation
from rozwoj.experts.tests.factories import expert_with_login

from .authorization import (
    COORDINATORS,
    EVERYONE,
    FORBIDDEN,
    LOGGED_IN,
    LOGIN,
    NOT_FOUND,
    OK,
    UNAUTHORISED,
    matrix_tests,
    row,
)

DONE = 302
STAFF_ONLY_PAGE = row(NOT_FOUND, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
# The engagement of the world's gmina: its PRO adviser is the world's expert; the local-government member is
# of that gmina.
READERS = row(LOGIN, OK, OK, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
WORKERS = row(LOGIN, OK, OK, OK, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
WORKERS_DO = row(LOGIN, DONE, DONE, DONE, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
COORDINATORS_DO = row(LOGIN, DONE, DONE, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)
STAFF_SEE = row(LOGIN, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
API_READERS = row(UNAUTHORISED, OK, OK, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
API_STAFF = row(UNAUTHORISED, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)


@pytest.fixture
def advisory(world):
    coordinator = user_with_role("coordinator")
    call = CallFactory(title="Nabór Matrix")
    draft = CallFactory(title="Szkic naboru", is_published=False)
    application = ApplicationFactory(call=call, local_government=world["gmina"])
    application = calls.application_decide(actor=coordinator, application=application, status="accepted")
    ros = expert_with_login([Specialisation.ROS])
    pro = ExpertProfile.objects.get(person__user=world["users"]["expert"])
    engagement = engagements.engagement_set_team(
        actor=coordinator, engagement=application.engagement, ros=ros, pro=pro
    )
    other_application = ApplicationFactory(call=call)
    other_application = calls.application_decide(
        actor=coordinator, application=other_application, status="accepted"
    )
    other = engagements.engagement_set_team(
        actor=coordinator, engagement=other_application.engagement, ros=advisers()[0], pro=advisers()[1]
    )
    priority = engagements.priority_add(actor=coordinator, engagement=engagement, title="Przywództwo")
    engagements.priority_add(actor=coordinator, engagement=engagement, title="Sieć szkół")
    entry = support_log.entry_save(
        actor=coordinator,
        engagement=engagement,
        data={"form": support_form(), "date": datetime.date.today(), "hours": Decimal(3)},
        follow_ups=[
            {"text": "Dane SIO", "owner": world["users"]["lg_member"].person, "due_on": datetime.date.today()}
        ],
    )
    run = MatchingRun.objects.create(call=call, is_feasible=True)
    proposal = TeamProposal.objects.create(
        engagement=engagement, run=run, ros_expert=ros, pro_expert=pro, is_accepted=True
    )
    return {
        "world": world,
        "call": call,
        "proposal": proposal,
        "draft": draft,
        "application": application,
        "engagement": engagement,
        "other": other,
        "stage": engagement.stages.order_by("kind").first(),
        "priority": priority,
        "entry": entry,
        "follow_up": entry.follow_ups.get(),
        "area": engagement.application.preferred_area,
    }


def _u(name, *args):
    return reverse(f"advisory:{name}", args=args)


PAGES = {
    "calls": (lambda a: _u("calls"), EVERYONE),
    "call create": (lambda a: _u("call_create"), COORDINATORS),
    "a published call": (lambda a: _u("call", a["call"].pk), EVERYONE),
    "a draft call": (lambda a: _u("call", a["draft"].pk), STAFF_ONLY_PAGE),
    "call edit": (lambda a: _u("call_edit", a["call"].pk), COORDINATORS),
    "apply": (lambda a: _u("apply", a["call"].pk), EVERYONE),
    "application review": (lambda a: _u("application", a["application"].pk), COORDINATORS),
    "engagements": (lambda a: _u("engagements"), LOGGED_IN),
    "an engagement": (lambda a: _u("engagement", a["engagement"].pk), READERS),
    "another local government's engagement": (lambda a: _u("engagement", a["other"].pk), STAFF_SEE),
    "support log": (lambda a: _u("log", a["engagement"].pk), READERS),
    "another local government's support log": (lambda a: _u("log", a["other"].pk), STAFF_SEE),
    "advisory team": (lambda a: _u("engagement_team", a["engagement"].pk), COORDINATORS),
    "stage": (lambda a: _u("stage", a["stage"].pk), WORKERS),
    "a call's advisory teams": (lambda a: _u("teams", a["call"].pk), COORDINATORS),
    "swap an expert of a proposed team": (
        lambda a: _u("team_swap", a["call"].pk, a["proposal"].pk),
        COORDINATORS,
    ),
    "new support-log entry": (lambda a: _u("log_create", a["engagement"].pk), WORKERS),
    "support-log entry": (lambda a: _u("log_edit", a["entry"].pk), WORKERS),
}

ACTIONS = {
    "propose advisory teams": ("POST", lambda a: _u("teams_propose", a["call"].pk), None, COORDINATORS_DO),
    "accept a proposed team": (
        "POST",
        lambda a: _u("team_accept", a["call"].pk, a["proposal"].pk),
        None,
        COORDINATORS_DO,
    ),
    "swap an expert": (
        "POST",
        lambda a: _u("team_swap", a["call"].pk, a["proposal"].pk),
        lambda a: {"role": "ros", "expert": a["proposal"].ros_expert_id},
        COORDINATORS_DO,
    ),
    "confirm the accepted teams": (
        "POST",
        lambda a: _u("teams_confirm", a["call"].pk),
        None,
        COORDINATORS_DO,
    ),
    "choose the support area": (
        "POST",
        lambda a: _u("support_area", a["engagement"].pk),
        lambda a: {"support_area": a["area"].pk},
        WORKERS_DO,
    ),
    "add a finding": (
        "POST",
        lambda a: _u("finding_add", a["engagement"].pk),
        lambda a: {"text": "Brak danych"},
        WORKERS_DO,
    ),
    "add a priority": (
        "POST",
        lambda a: _u("priority_add", a["engagement"].pk),
        lambda a: {"title": "Nowy"},
        WORKERS_DO,
    ),
    "move a priority": (
        "POST",
        lambda a: _u("priority_move", a["priority"].pk),
        lambda a: {"direction": "down"},
        WORKERS_DO,
    ),
    "delete a support-log entry": ("POST", lambda a: _u("log_delete", a["entry"].pk), None, WORKERS_DO),
    "tick off a follow-up (its owner is the local-government member)": (
        "POST",
        lambda a: _u("follow_up_done", a["follow_up"].pk),
        None,
        row(LOGIN, DONE, DONE, DONE, DONE, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
}

API = {
    "calls": (lambda a: "/api/v1/advisory/calls", EVERYONE),
    "a call": (lambda a: f"/api/v1/advisory/calls/{a['call'].pk}", EVERYONE),
    "a draft call": (
        lambda a: f"/api/v1/advisory/calls/{a['draft'].pk}",
        row(NOT_FOUND, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "applications": (lambda a: f"/api/v1/advisory/calls/{a['call'].pk}/applications", API_STAFF),
    "engagements": (
        lambda a: "/api/v1/advisory/engagements",
        row(UNAUTHORISED, OK, OK, OK, OK, OK, OK, OK, OK),
    ),
    "stages": (lambda a: f"/api/v1/advisory/engagements/{a['engagement'].pk}/stages", API_READERS),
    "support log": (lambda a: f"/api/v1/advisory/engagements/{a['engagement'].pk}/log", API_READERS),
    "another local government's support log": (
        lambda a: f"/api/v1/advisory/engagements/{a['other'].pk}/log",
        API_STAFF,
    ),
}


globals().update(matrix_tests("advisory", pages=PAGES, actions=ACTIONS, api=API, prefix="advisory_"))


def test_the_engagement_list_shows_only_what_each_role_may_see(client, advisory):
    users = advisory["world"]["users"]
    own, other = advisory["engagement"].local_government.name, advisory["other"].local_government.name
    for role, sees_other in (("coordinator", True), ("expert", False), ("lg_member", False)):
        client.force_login(users[role])
        body = client.get(_u("engagements")).content.decode()
        assert own in body, role
        assert (other in body) == sees_other, role
    client.force_login(users["partner_member"])
    assert own not in client.get(_u("engagements")).content.decode()
    items = client.get("/api/v1/advisory/engagements").json()["items"]
    assert items == []
