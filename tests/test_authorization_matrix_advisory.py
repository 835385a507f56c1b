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
    action_outcomes,
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
    waiting = ApplicationFactory(call=call)
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
        "waiting": waiting,
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
    "dashboard of the advisory cycle": (lambda a: _u("dashboard"), LOGGED_IN),
    "dashboard export": (lambda a: _u("dashboard_export", "matrix", "csv"), COORDINATORS),
    "a programme's names for the advisory cycle": (
        lambda a: _u("programme_settings", a["call"].programme_id),
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
    "accept all proposed teams": (
        "POST",
        lambda a: _u("teams_accept_all", a["call"].pk),
        None,
        COORDINATORS_DO,
    ),
    "send the self-diagnosis questionnaire": (
        "POST",
        lambda a: _u("diagnosis_send", a["engagement"].pk),
        None,
        WORKERS_DO,
    ),
    "save a programme's names for the advisory cycle": (
        "POST",
        lambda a: _u("programme_settings", a["call"].programme_id),
        lambda a: {"ros_role_name": "Doradca A", "pro_role_name": "Doradca B", "stage_1_enabled": "on"},
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


# --- debates and dialogue meetings ------------------------------------------------------------------------
# Read by everyone who sees the engagement; recorded (and deleted, after a confirmation page) by coordinators and
# its advisers (the local-government members read them); turning a recommendation into an HDR action is refused
# with a message while the engagement has no HDR.


def _debate(a):
    from rozwoj.advisory.models import Debate
    from rozwoj.advisory.services import debates

    engagement = a["engagement"]
    return Debate.objects.filter(engagement=engagement).first() or debates.debate_save(
        actor=user_with_role("coordinator"),
        engagement=engagement,
        data={"kind": "dialogue", "topic": "Sieć szkół", "date": datetime.date.today(), "place": "Urząd"},
        recommendations=["Powołać zespół", "Konsultować z rodzicami"],
    )


PAGES.update(
    {
        "debates and dialogue meetings": (lambda a: _u("debates", a["engagement"].pk), READERS),
        "another local government's debates": (lambda a: _u("debates", a["other"].pk), STAFF_SEE),
        "new debate": (lambda a: _u("debate_create", a["engagement"].pk), WORKERS),
        "a debate": (lambda a: _u("debate", _debate(a).pk), READERS),
        "edit a debate": (lambda a: _u("debate_edit", _debate(a).pk), WORKERS),
        "delete a debate (asks first)": (lambda a: _u("debate_delete", _debate(a).pk), WORKERS),
    }
)
ACTIONS.update(
    {
        "turn a recommendation into an HDR action (refused with a message: no HDR yet)": (
            "POST",
            lambda a: _u("recommendation_to_action", _debate(a).recommendations.first().pk),
            None,
            WORKERS_DO,
        ),
        "delete a debate": ("POST", lambda a: _u("debate_delete", _debate(a).pk), None, WORKERS_DO),
    }
)

# --- the coordinators' lists of the advisory cycle -----------------------------------------------------------
# Kept by coordinators only; the lists themselves are public through the API (the application form offers the
# support areas to everyone).


def _unused_tool(a):
    from rozwoj.advisory.models import ManagementTool

    return ManagementTool.objects.get_or_create(name="Narzędzie matrycy")[0]


PAGES.update(
    {
        "lists of the advisory cycle": (lambda a: _u("catalogues"), COORDINATORS),
        "support areas": (lambda a: _u("catalogue", "support-areas"), COORDINATORS),
        "a support area": (lambda a: _u("catalogue_term", "support-areas", a["area"].pk), COORDINATORS),
        "a form of support": (
            lambda a: _u("catalogue_term", "support-forms", a["entry"].form_id),
            COORDINATORS,
        ),
        "management tools": (lambda a: _u("catalogue", "management-tools"), COORDINATORS),
    }
)
ACTIONS.update(
    {
        "add a support area": (
            "POST",
            lambda a: _u("catalogue", "support-areas"),
            lambda a: {"name": "Nowy obszar matrycy"},
            COORDINATORS_DO,
        ),
        "rename a form of support": (
            "POST",
            lambda a: _u("catalogue_term", "support-forms", a["entry"].form_id),
            lambda a: {"name": "Doradztwo przemianowane"},
            COORDINATORS_DO,
        ),
        "move a support area": (
            "POST",
            lambda a: _u("catalogue_term_move", "support-areas", a["area"].pk),
            lambda a: {"direction": "down"},
            COORDINATORS_DO,
        ),
        "withdraw a support area from use": (
            "POST",
            lambda a: _u("catalogue_term_in_use", "support-areas", a["area"].pk),
            lambda a: {"in_use": "0"},
            COORDINATORS_DO,
        ),
        "delete a management tool nothing uses": (
            "POST",
            lambda a: _u("catalogue_term_delete", "management-tools", _unused_tool(a).pk),
            None,
            COORDINATORS_DO,
        ),
    }
)

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
    "support areas": (lambda a: "/api/v1/advisory/support-areas", EVERYONE),
    "forms of support": (lambda a: "/api/v1/advisory/support-forms", EVERYONE),
    "management tools": (lambda a: "/api/v1/advisory/management-tools", EVERYONE),
    "stages": (lambda a: f"/api/v1/advisory/engagements/{a['engagement'].pk}/stages", API_READERS),
    "support log": (lambda a: f"/api/v1/advisory/engagements/{a['engagement'].pk}/log", API_READERS),
    "another local government's support log": (
        lambda a: f"/api/v1/advisory/engagements/{a['other'].pk}/log",
        API_STAFF,
    ),
    "debates and dialogue meetings": (
        lambda a: f"/api/v1/advisory/engagements/{a['engagement'].pk}/debates",
        API_READERS,
    ),
    "another local government's debates": (
        lambda a: f"/api/v1/advisory/engagements/{a['other'].pk}/debates",
        API_STAFF,
    ),
    "a debate with its recommendations": (lambda a: f"/api/v1/advisory/debates/{_debate(a).pk}", API_READERS),
    "another local government's debate": (
        lambda a: f"/api/v1/advisory/debates/{_debate({'engagement': a['other']}).pk}",
        API_STAFF,
    ),
}


def _call_payload(a):
    return {
        "programme": a["call"].programme_id,
        "title": "Nabór z API",
        "opens_on": "2026-01-01",
        "closes_on": "2026-02-01",
        "cycle_starts_on": "2026-03-01",
        "cycle_ends_on": "2026-12-31",
        "places": 20,
        "is_published": True,
    }


API_WORKERS = row(UNAUTHORISED, OK, OK, OK, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
API_ACTIONS = {
    "create a call": (
        "POST",
        lambda a: "/api/v1/advisory/calls",
        _call_payload,
        row(UNAUTHORISED, 201, 201, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    ),
    "change a call": (
        "PUT",
        lambda a: f"/api/v1/advisory/calls/{a['call'].pk}",
        _call_payload,
        row(UNAUTHORISED, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    ),
    "decide an application": (
        "POST",
        lambda a: f"/api/v1/advisory/applications/{a['waiting'].pk}/decision",
        lambda a: {"status": "rejected", "reason": "Poza obszarem"},
        row(UNAUTHORISED, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "update a stage": (
        "PATCH",
        lambda a: f"/api/v1/advisory/stages/{a['stage'].pk}",
        lambda a: {"starts_on": "2026-03-01"},
        API_WORKERS,
    ),
    "log support": (
        "POST",
        lambda a: f"/api/v1/advisory/engagements/{a['engagement'].pk}/log",
        lambda a: {"form": support_form().pk, "date": str(datetime.date.today()), "hours": "2"},
        row(UNAUTHORISED, 201, 201, 201, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
}


@pytest.mark.parametrize("name", list(API_ACTIONS))
def test_advisory_api_writes_for_every_role(client, advisory, name):
    method, url_for, data, expected = API_ACTIONS[name]
    outcome = action_outcomes(
        client, advisory["world"]["users"], method, url_for(advisory), data(advisory), api=True
    )
    assert outcome == expected, name


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


# --- development action schedules (HDR) -----------------------------------------------------------------
# The draft of the world's gmina is drafted by coordinators, its advisers and its local-government members;
# only the local government's members approve it; only coordinators publish; the public sees published HDRs.

HDR_EDITORS_DO = row(LOGIN, DONE, DONE, DONE, DONE, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
NOBODY = row(
    NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND
)
API_EVERYONE = row(OK, OK, OK, OK, OK, OK, OK, OK, OK)


@pytest.fixture
def hdrs(advisory):
    from rozwoj.advisory.services import hdr as hdr_services
    from rozwoj.advisory.tests.hdr_helpers import complete_action, published_hdr

    engagement = advisory["engagement"]
    coordinator = user_with_role("coordinator")
    draft = hdr_services.hdr_start(actor=coordinator, engagement=engagement)
    draft = hdr_services.hdr_update(
        actor=coordinator, hdr=draft, data={"context": "Kontekst", "goals": "Cel"}, revision=draft.revision
    )
    for priority in engagement.priorities.all():
        hdr_services.action_create(actor=coordinator, hdr=draft, data=complete_action(engagement, priority))
    other = hdr_services.hdr_start(actor=coordinator, engagement=advisory["other"])
    published = published_hdr()
    return {
        **advisory,
        "draft": draft,
        "draft_action": draft.actions.first(),
        "other_draft": other,
        "published": published,
        "published_action": published.actions.first(),
    }


HDR_PAGES = {
    "the HDR gallery": (lambda h: _u("hdr_gallery"), EVERYONE),
    "a published HDR": (lambda h: _u("hdr_public", h["published"].pk), EVERYONE),
    "a published HDR's PDF": (lambda h: _u("hdr_public_pdf", h["published"].pk), EVERYONE),
    "a draft HDR's public page": (lambda h: _u("hdr_public", h["draft"].pk), NOBODY),
    "a draft HDR's public PDF": (lambda h: _u("hdr_public_pdf", h["draft"].pk), NOBODY),
    "the engagement's HDR": (lambda h: _u("hdr", h["engagement"].pk), READERS),
    "another local government's HDR": (lambda h: _u("hdr", h["other"].pk), STAFF_SEE),
    "edit the HDR": (lambda h: _u("hdr_edit", h["draft"].pk), READERS),
    "edit another local government's HDR": (lambda h: _u("hdr_edit", h["other_draft"].pk), STAFF_SEE),
    "new HDR action": (lambda h: _u("hdr_action_add", h["draft"].pk), READERS),
    "an HDR action": (lambda h: _u("hdr_action", h["draft_action"].pk), READERS),
    "compare HDR versions": (lambda h: _u("hdr_compare", h["draft"].pk), READERS),
    "the draft HDR's PDF": (lambda h: _u("hdr_pdf", h["draft"].pk), READERS),
}

HDR_ACTIONS = {
    "comment on the HDR": (
        lambda h: _u("hdr_comment", h["draft"].pk),
        lambda h: {"text": "Uwaga"},
        HDR_EDITORS_DO,
    ),
    "save a version": (lambda h: _u("hdr_version", h["draft"].pk), None, HDR_EDITORS_DO),
    "submit the HDR": (lambda h: _u("hdr_submit", h["draft"].pk), None, HDR_EDITORS_DO),
    "delete an HDR action": (lambda h: _u("hdr_action_delete", h["draft_action"].pk), None, HDR_EDITORS_DO),
    "copy a published action": (
        lambda h: _u("hdr_action_copy", h["draft"].pk),
        lambda h: {"source": h["published_action"].pk},
        HDR_EDITORS_DO,
    ),
    "start the HDR when it exists (refused with a message)": (
        lambda h: _u("hdr_start", h["engagement"].pk),
        None,
        HDR_EDITORS_DO,
    ),
    "return a draft to drafting (refused with a message)": (
        lambda h: _u("hdr_return", h["draft"].pk),
        lambda h: {"comment": "Do poprawy"},
        HDR_EDITORS_DO,
    ),
    "approve a draft not yet submitted (refused with a message, the local government's team only)": (
        lambda h: _u("hdr_approve", h["draft"].pk),
        None,
        row(LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, DONE, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "withdraw a published HDR from the gallery (coordinators only)": (
        lambda h: _u("hdr_unpublish", h["published"].pk),
        None,
        row(LOGIN, DONE, DONE, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    ),
    "publish a published HDR again (refused with a message, coordinators only)": (
        lambda h: _u("hdr_publish", h["published"].pk),
        None,
        row(LOGIN, DONE, DONE, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    ),
}


globals().update(
    matrix_tests(
        "hdrs",
        pages=HDR_PAGES,
        # HDR_ACTIONS are all form posts: (url_for, data, outcomes).
        actions={
            name: ("POST", url_for, data, expected) for name, (url_for, data, expected) in HDR_ACTIONS.items()
        },
        prefix="hdr_",
    )
)


def test_only_the_local_government_team_approves_and_only_coordinators_publish(client, hdrs):
    from rozwoj.advisory.services import hdr as hdr_services

    users = hdrs["world"]["users"]
    draft = hdrs["draft"]
    hdr_services.hdr_submit(actor=users["coordinator"], hdr=draft)
    approve = action_outcomes(client, users, "POST", _u("hdr_approve", draft.pk))
    assert approve == row(
        LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, DONE, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND
    )
    hdr_services.hdr_approve(actor=users["lg_member"], hdr=draft)
    publish = action_outcomes(client, users, "POST", _u("hdr_publish", draft.pk))
    assert publish == row(LOGIN, DONE, DONE, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)


def _debate_with_action(h):
    """A meeting of the world's engagement one of whose recommendations is an action of its draft HDR."""
    from rozwoj.advisory.services import debates

    debate = _debate(h)
    recommendation = debate.recommendations.first()
    if not recommendation.hdr_actions.exists():
        debates.recommendation_to_action(actor=user_with_role("coordinator"), recommendation=recommendation)
    return debate


globals().update(
    matrix_tests(
        "hdrs",
        pages={
            "delete a debate whose recommendation is an HDR action (says why it cannot)": (
                lambda h: _u("debate_delete", _debate_with_action(h).pk),
                WORKERS,
            ),
        },
        actions={
            "delete a debate whose recommendation is an HDR action (refused with a message)": (
                "POST",
                lambda h: _u("debate_delete", _debate_with_action(h).pk),
                None,
                WORKERS,
            ),
        },
        prefix="debate_refusal_",
    )
)


HDR_API = {
    "published HDRs": (lambda h: "/api/v1/advisory/hdr", API_EVERYONE),
    "a published HDR": (lambda h: f"/api/v1/advisory/hdr/{h['published'].pk}", API_EVERYONE),
    "a published HDR's actions": (
        lambda h: f"/api/v1/advisory/hdr/{h['published'].pk}/actions",
        API_EVERYONE,
    ),
    "a draft HDR": (
        lambda h: f"/api/v1/advisory/hdr/{h['draft'].pk}",
        row(NOT_FOUND, OK, OK, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "a draft HDR's actions": (
        lambda h: f"/api/v1/advisory/hdr/{h['draft'].pk}/actions",
        row(NOT_FOUND, OK, OK, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "a draft HDR's check": (
        lambda h: f"/api/v1/advisory/hdr/{h['draft'].pk}/check",
        row(NOT_FOUND, OK, OK, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "the engagement's HDR": (lambda h: f"/api/v1/advisory/engagements/{h['engagement'].pk}/hdr", API_READERS),
    "another local government's draft": (
        lambda h: f"/api/v1/advisory/hdr/{h['other_draft'].pk}",
        row(NOT_FOUND, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "a draft HDR's comments": (lambda h: f"/api/v1/advisory/hdr/{h['draft'].pk}/comments", API_READERS),
    "a draft HDR's versions": (lambda h: f"/api/v1/advisory/hdr/{h['draft'].pk}/versions", API_READERS),
    # Published or not, the comments and versions are only for those who see the engagement.
    "a published HDR's comments": (lambda h: f"/api/v1/advisory/hdr/{h['published'].pk}/comments", API_STAFF),
    "a published HDR's versions": (lambda h: f"/api/v1/advisory/hdr/{h['published'].pk}/versions", API_STAFF),
    "another local government's comments": (
        lambda h: f"/api/v1/advisory/hdr/{h['other_draft'].pk}/comments",
        API_STAFF,
    ),
}


HDR_API_EDITORS = row(UNAUTHORISED, OK, OK, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
HDR_API_EDITORS_CREATE = row(UNAUTHORISED, 201, 201, 201, 201, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
HDR_API_ACTIONS = {
    "start the engagement's HDR (the existing one is returned)": (
        "POST",
        lambda h: f"/api/v1/advisory/engagements/{h['engagement'].pk}/hdr",
        None,
        HDR_API_EDITORS_CREATE,
    ),
    "change the draft": (
        "PATCH",
        lambda h: f"/api/v1/advisory/hdr/{h['draft'].pk}",
        lambda h: {"revision": h["draft"].revision, "context": "API"},
        HDR_API_EDITORS,
    ),
    "add an action": (
        "POST",
        lambda h: f"/api/v1/advisory/hdr/{h['draft'].pk}/actions",
        {"title": "Nowe działanie"},
        HDR_API_EDITORS_CREATE,
    ),
    "change an action": (
        "PUT",
        lambda h: f"/api/v1/advisory/hdr-actions/{h['draft_action'].pk}",
        lambda h: {"title": "Nowe", "revision": h["draft_action"].revision},
        HDR_API_EDITORS,
    ),
    "delete an action": (
        "DELETE",
        lambda h: f"/api/v1/advisory/hdr-actions/{h['draft_action'].pk}",
        None,
        row(UNAUTHORISED, 204, 204, 204, 204, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "submit the draft": (
        "POST",
        lambda h: f"/api/v1/advisory/hdr/{h['draft'].pk}/submit",
        None,
        HDR_API_EDITORS,
    ),
    "approve a draft not yet submitted (refused, the local government's team only)": (
        "POST",
        lambda h: f"/api/v1/advisory/hdr/{h['draft'].pk}/approve",
        None,
        row(UNAUTHORISED, FORBIDDEN, FORBIDDEN, FORBIDDEN, 400, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "publish a draft not yet approved (refused, coordinators only)": (
        "POST",
        lambda h: f"/api/v1/advisory/hdr/{h['draft'].pk}/publish",
        None,
        row(UNAUTHORISED, 400, 400, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "return a draft not yet submitted (refused)": (
        "POST",
        lambda h: f"/api/v1/advisory/hdr/{h['draft'].pk}/return",
        {"comment": "Do poprawy"},
        row(UNAUTHORISED, 400, 400, 400, 400, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "withdraw a published HDR from the gallery (coordinators only)": (
        "POST",
        lambda h: f"/api/v1/advisory/hdr/{h['published'].pk}/unpublish",
        None,
        row(UNAUTHORISED, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    ),
    "withdraw a draft from the gallery (refused, coordinators only)": (
        "POST",
        lambda h: f"/api/v1/advisory/hdr/{h['draft'].pk}/unpublish",
        None,
        row(UNAUTHORISED, 400, 400, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "comment on the draft": (
        "POST",
        lambda h: f"/api/v1/advisory/hdr/{h['draft'].pk}/comments",
        {"text": "Uwaga"},
        HDR_API_EDITORS_CREATE,
    ),
    "comment on another local government's draft": (
        "POST",
        lambda h: f"/api/v1/advisory/hdr/{h['other_draft'].pk}/comments",
        {"text": "Uwaga"},
        row(UNAUTHORISED, 201, 201, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "comment on a published HDR of another engagement": (
        "POST",
        lambda h: f"/api/v1/advisory/hdr/{h['published'].pk}/comments",
        {"text": "Uwaga"},
        row(UNAUTHORISED, 201, 201, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    ),
    "save a version": (
        "POST",
        lambda h: f"/api/v1/advisory/hdr/{h['draft'].pk}/versions",
        {"comment": "Po spotkaniu"},
        HDR_API_EDITORS_CREATE,
    ),
}


globals().update(matrix_tests("hdrs", api=HDR_API, api_actions=HDR_API_ACTIONS, prefix="hdr_"))


def test_hdr_api_refuses_a_stale_revision_for_every_role(client, hdrs):
    users = hdrs["world"]["users"]
    draft = hdrs["draft"]
    stale = action_outcomes(
        client,
        users,
        "PATCH",
        f"/api/v1/advisory/hdr/{draft.pk}",
        {"revision": draft.revision + 5, "context": "x"},
        api=True,
    )
    assert stale == row(UNAUTHORISED, 409, 409, 409, 409, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)


# --- monitoring of the HDR (stage 5) ----------------------------------------------------------------------
# The approved HDR of the world's gmina is monitored by coordinators, its advisers and its local-government
# members (who all write, correct and delete entries); the evidence files are served to them only, never to
# anyone else.

MONITORS_DO = HDR_EDITORS_DO
MONITORS = row(LOGIN, OK, OK, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
API_MONITORS_DO = row(UNAUTHORISED, 201, 201, 201, 201, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)


@pytest.fixture
def monitoring_world(hdrs):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rozwoj.advisory.services import hdr as hdr_services
    from rozwoj.advisory.services import monitoring as monitoring_services

    users = hdrs["world"]["users"]
    approved = hdrs["draft"]
    hdr_services.hdr_submit(actor=users["coordinator"], hdr=approved)
    approved.refresh_from_db()
    hdr_services.hdr_approve(actor=users["lg_member"], hdr=approved)
    action = approved.actions.order_by("order", "id").first()
    entry = monitoring_services.entry_add(
        actor=users["coordinator"],
        action=action,
        data={"date": datetime.date.today(), "status": "at_risk", "percent_done": 20},
        evidence=SimpleUploadedFile("lista.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    return {**hdrs, "approved": approved, "action": action, "monitoring_entry": entry}


def _entry_form(m):
    return {"date": str(datetime.date.today()), "status": "on_track", "percent_done": "30"}


MONITORING_PAGES = {
    "the engagement's monitoring": (lambda m: _u("monitoring", m["engagement"].pk), READERS),
    "another local government's monitoring": (lambda m: _u("monitoring", m["other"].pk), STAFF_SEE),
    "an action's monitoring entries": (lambda m: _u("action_monitoring", m["action"].pk), READERS),
    "a monitoring entry's evidence": (
        lambda m: _u("monitoring_evidence", m["monitoring_entry"].pk),
        READERS,
    ),
    "correct a monitoring entry": (lambda m: _u("monitoring_entry_edit", m["monitoring_entry"].pk), MONITORS),
    "delete a monitoring entry (asks first)": (
        lambda m: _u("monitoring_entry_delete", m["monitoring_entry"].pk),
        MONITORS,
    ),
}

MONITORING_ACTIONS = {
    "add a monitoring entry": (
        "POST",
        lambda m: _u("action_monitoring", m["action"].pk),
        _entry_form,
        MONITORS_DO,
    ),
    "correct a monitoring entry": (
        "POST",
        lambda m: _u("monitoring_entry_edit", m["monitoring_entry"].pk),
        _entry_form,
        MONITORS_DO,
    ),
    "delete a monitoring entry": (
        "POST",
        lambda m: _u("monitoring_entry_delete", m["monitoring_entry"].pk),
        None,
        MONITORS_DO,
    ),
}

MONITORING_API = {
    "the engagement's monitoring entries": (
        lambda m: f"/api/v1/advisory/engagements/{m['engagement'].pk}/monitoring",
        API_READERS,
    ),
    "another local government's monitoring entries": (
        lambda m: f"/api/v1/advisory/engagements/{m['other'].pk}/monitoring",
        API_STAFF,
    ),
}

MONITORING_API_ACTIONS = {
    "record a monitoring entry": (
        "POST",
        lambda m: f"/api/v1/advisory/engagements/{m['engagement'].pk}/monitoring",
        lambda m: {
            "action_id": m["action"].pk,
            "date": str(datetime.date.today()),
            "status": "delayed",
            "percent_done": 10,
        },
        API_MONITORS_DO,
    ),
    "correct a monitoring entry": (
        "PATCH",
        lambda m: f"/api/v1/advisory/monitoring-entries/{m['monitoring_entry'].pk}",
        {"status": "on_track", "percent_done": 30},
        row(UNAUTHORISED, OK, OK, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "delete a monitoring entry": (
        "DELETE",
        lambda m: f"/api/v1/advisory/monitoring-entries/{m['monitoring_entry'].pk}",
        None,
        row(UNAUTHORISED, 204, 204, 204, 204, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
}


globals().update(
    matrix_tests(
        "monitoring_world",
        pages=MONITORING_PAGES,
        actions=MONITORING_ACTIONS,
        api=MONITORING_API,
        api_actions=MONITORING_API_ACTIONS,
        prefix="monitoring_",
    )
)


# --- evaluation (stage 6) ---------------------------------------------------------------------------------
# Coordinators and the advisers write the evaluation and close it; the local-government members write their
# own assessment; everyone else does not see it.

EVALUATION_PAGES = {
    "the engagement's evaluation": (lambda m: _u("evaluation", m["engagement"].pk), READERS),
    "another local government's evaluation": (lambda m: _u("evaluation", m["other"].pk), STAFF_SEE),
}

EVALUATION_ACTIONS = {
    "save the local government's assessment": (
        "POST",
        lambda m: _u("evaluation", m["engagement"].pk),
        {"local_government_assessment": "Dobrze", "local_government_rating": "4"},
        HDR_EDITORS_DO,
    ),
    "send the evaluation questionnaire (refused with a message: no diagnosis was sent)": (
        "POST",
        lambda m: _u("evaluation_questionnaire", m["engagement"].pk),
        None,
        WORKERS_DO,
    ),
    "close the evaluation (refused with a message: it is incomplete)": (
        "POST",
        lambda m: _u("evaluation_close", m["engagement"].pk),
        None,
        WORKERS_DO,
    ),
}

EVALUATION_API = {
    "the engagement's evaluation": (
        lambda m: f"/api/v1/advisory/engagements/{m['engagement'].pk}/evaluation",
        API_READERS,
    ),
    "another local government's evaluation": (
        lambda m: f"/api/v1/advisory/engagements/{m['other'].pk}/evaluation",
        API_STAFF,
    ),
}

EVALUATION_API_ACTIONS = {
    "write the local government's rating": (
        "PATCH",
        lambda m: f"/api/v1/advisory/engagements/{m['engagement'].pk}/evaluation",
        {"local_government_rating": 4},
        row(UNAUTHORISED, OK, OK, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
}


globals().update(
    matrix_tests(
        "monitoring_world",
        pages=EVALUATION_PAGES,
        actions=EVALUATION_ACTIONS,
        api=EVALUATION_API,
        api_actions=EVALUATION_API_ACTIONS,
        prefix="evaluation_",
    )
)
