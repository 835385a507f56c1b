"""The authorisation policy of coaching: every page, action and API operation for every role.

In this world the expert is a coach: the coach of an agreement with the local-government member (the coachee)
and of a pilot group of a programme the partner member's organisation is a partner of; the coachee is a member
of that group. Coordinators and administrators see everything but the private notes (tested in
rozwoj/coaching/tests/test_private_notes.py); only the coach records sessions.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from rozwoj.coaching.models import LogExport
from rozwoj.coaching.tests.factories import (
    AgreementFactory,
    PilotGroupFactory,
    SessionFactory,
    TechniqueFactory,
    make_coach_of,
    member,
)
from rozwoj.programmes.models import ProgrammePartner

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

# The agreement's coach (expert) and coachee (lg_member), and the staff.
AGREEMENT_READ = row(LOGIN, OK, OK, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
AGREEMENT_CHANGE = row(LOGIN, OK, OK, OK, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
# Only the coach records and edits a session (its form holds the private notes).
COACH_ONLY = row(LOGIN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
# Only the coachee rates their progress on the goals after a session (the coach reads the ratings).
COACHEE_ONLY = row(LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
# A prepared export of the coach's log: its coach alone (the log is their own record).
COACH_OWN = row(LOGIN, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
COACHES = row(LOGIN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)
COACHES_AND_STAFF = row(LOGIN, OK, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)
# The group: staff, its coach, its member, the partner member of a partner of its programme.
GROUP_READ = row(LOGIN, OK, OK, OK, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND)
GROUP_CHANGE = row(LOGIN, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND)
PARTNERS_TECHNIQUE = row(NOT_FOUND, OK, OK, OK, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, OK)
TECHNIQUE_CHANGE = row(LOGIN, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)
DONE = 302
COACHES_DO = row(LOGIN, FORBIDDEN, FORBIDDEN, DONE, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)
GROUP_DO = row(LOGIN, DONE, DONE, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND)


@pytest.fixture
def coaching(world):
    users = world["users"]
    coach = make_coach_of(users["expert"].person.expert_profile)
    coachee = users["lg_member"].person
    programme = world["public_programme"]
    partner_org = users["partner_member"].person.memberships.get().organisation
    ProgrammePartner.objects.get_or_create(programme=programme, organisation=partner_org)
    group = PilotGroupFactory(programme=programme, partner=partner_org)
    group.coaches.add(coach)
    group_member = member(group, coachee)
    agreement = AgreementFactory(coach=coach, coachee=coachee, pilot_group=group, programme=programme)
    session = SessionFactory(agreement=agreement)
    log_export = LogExport.objects.create(
        coach=coach, language="pl", rows_total=1, rows_done=1, ready_at=timezone.now()
    )
    log_export.file.save("log.xlsx", ContentFile(b"PK"), save=True)
    return {
        "coach": coach,
        "programme": programme,
        "partner_org": partner_org,
        "stranger": world["stranger"],
        "log_export": log_export,
        "world": world,
        "group": group,
        "member": group_member,
        "agreement": agreement,
        "session": session,
        "public_technique": TechniqueFactory(visibility="public"),
        "partners_technique": TechniqueFactory(visibility="partners"),
    }


def _u(name, *args):
    return reverse(f"coaching:{name}", args=args)


PAGES = {
    "coaching home": (lambda c: _u("home"), LOGGED_IN),
    "record an agreement": (lambda c: _u("agreement_create"), COACHES_AND_STAFF),
    "agreement": (lambda c: _u("agreement", c["agreement"].pk), AGREEMENT_READ),
    "edit an agreement": (lambda c: _u("agreement_edit", c["agreement"].pk), AGREEMENT_CHANGE),
    "record a session": (lambda c: _u("session_create", c["agreement"].pk), COACH_ONLY),
    "session": (lambda c: _u("session", c["session"].pk), AGREEMENT_READ),
    "edit a session": (lambda c: _u("session_edit", c["session"].pk), COACH_ONLY),
    "rate progress after a session": (lambda c: _u("session_rate", c["session"].pk), COACHEE_ONLY),
    "coach's log": (lambda c: _u("log"), COACHES),
    "coach's log export (CSV)": (lambda c: _u("log_export", "csv"), COACHES),
    "coach's log, prepared XLSX": (lambda c: _u("log_export_file", c["log_export"].pk), COACH_OWN),
    "record supervision": (lambda c: _u("supervision_create"), COACHES),
    "supervision requirement": (lambda c: _u("requirement"), COORDINATORS),
    "techniques": (lambda c: _u("techniques"), EVERYONE),
    "public technique": (lambda c: _u("technique", c["public_technique"].pk), EVERYONE),
    "partners-only technique": (lambda c: _u("technique", c["partners_technique"].pk), PARTNERS_TECHNIQUE),
    "add a technique": (lambda c: _u("technique_create"), COORDINATORS),
    "edit a technique": (lambda c: _u("technique_edit", c["public_technique"].pk), TECHNIQUE_CHANGE),
    "pilot groups": (lambda c: _u("groups"), LOGGED_IN),
    "set up a pilot group": (lambda c: _u("group_create"), COORDINATORS),
    "pilot group": (lambda c: _u("group", c["group"].pk), GROUP_READ),
    "edit a pilot group": (lambda c: _u("group_edit", c["group"].pk), GROUP_CHANGE),
}

ACTIONS = {
    "add a member": (
        "POST",
        lambda c: _u("group_member_add", c["group"].pk),
        {"email": "nobody@example.org"},
        GROUP_DO,
    ),
    "prepare the coach's log as XLSX": ("POST", lambda c: _u("log_export_request"), None, COACHES_DO),
    "remove a member": (
        "POST",
        lambda c: _u("group_member_remove", c["group"].pk, c["member"].pk),
        None,
        GROUP_DO,
    ),
}

API_GROUP = row(UNAUTHORISED, OK, OK, OK, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND)
API_AGREEMENT = row(UNAUTHORISED, OK, OK, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
API_LOGGED_IN = row(UNAUTHORISED, OK, OK, OK, OK, OK, OK, OK, OK)

API = {
    "pilot groups": (lambda c: "/api/v1/coaching/pilot-groups", API_LOGGED_IN),
    "pilot group": (lambda c: f"/api/v1/coaching/pilot-groups/{c['group'].pk}", API_GROUP),
    "agreements": (lambda c: "/api/v1/coaching/agreements", API_LOGGED_IN),
    "agreement": (lambda c: f"/api/v1/coaching/agreements/{c['agreement'].pk}", API_AGREEMENT),
    "sessions": (lambda c: f"/api/v1/coaching/agreements/{c['agreement'].pk}/sessions", API_AGREEMENT),
    "techniques": (lambda c: "/api/v1/coaching/techniques", EVERYONE),
}

CREATED = 201
GROUP_WRITE = row(UNAUTHORISED, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND)
MEMBER_WRITE = row(
    UNAUTHORISED, CREATED, CREATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND
)
COORDINATORS_CREATE = row(
    UNAUTHORISED, CREATED, CREATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN
)
COACHES_AND_STAFF_CREATE = row(
    UNAUTHORISED, CREATED, CREATED, CREATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN
)
AGREEMENT_WRITE = row(UNAUTHORISED, OK, OK, OK, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
SESSION_CREATE = row(
    UNAUTHORISED, FORBIDDEN, FORBIDDEN, CREATED, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND
)
SESSION_WRITE = row(
    UNAUTHORISED, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND
)
COACHEE_WRITE = row(
    UNAUTHORISED, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND
)


def _group_body(c, **extra):
    return {
        "programme_id": c["programme"].pk,
        "partner_id": c["partner_org"].pk,
        "country": "LV",
        "name": "Matrix group via the API",
        "capacity": 12,
        **extra,
    }


def _agreement_body(c):
    return {
        "coachee_id": c["agreement"].coachee_id,
        "coach_id": c["coach"].pk,
        "pilot_group_id": c["group"].pk,
        "sessions_planned": 3,
        "start_date": "2026-04-01",
        "confidentiality_terms": "Between us.",
        "coachee_consent": True,
        "goals": ["Lead the team meeting"],
    }


SESSION_BODY = {"held_on": "2026-04-08", "duration_minutes": 60, "mode": "online"}

# (method, url, body, outcomes) — each sent with a personal API token and a JSON body.
API_ACTIONS = {
    "set up a pilot group": (
        "POST",
        lambda c: "/api/v1/coaching/pilot-groups",
        _group_body,
        COORDINATORS_CREATE,
    ),
    "change a pilot group": (
        "PUT",
        lambda c: f"/api/v1/coaching/pilot-groups/{c['group'].pk}",
        lambda c: _group_body(c, name="Renamed via the API"),
        GROUP_WRITE,
    ),
    "add a pilot group member": (
        "POST",
        lambda c: f"/api/v1/coaching/pilot-groups/{c['group'].pk}/members",
        lambda c: {"person_id": c["stranger"].pk},
        MEMBER_WRITE,
    ),
    "record an agreement": (
        "POST",
        lambda c: "/api/v1/coaching/agreements",
        _agreement_body,
        COACHES_AND_STAFF_CREATE,
    ),
    "change an agreement": (
        "PUT",
        lambda c: f"/api/v1/coaching/agreements/{c['agreement'].pk}",
        _agreement_body,
        AGREEMENT_WRITE,
    ),
    "record a session": (
        "POST",
        lambda c: f"/api/v1/coaching/agreements/{c['agreement'].pk}/sessions",
        lambda c: SESSION_BODY,
        SESSION_CREATE,
    ),
    "change a session": (
        "PUT",
        lambda c: f"/api/v1/coaching/sessions/{c['session'].pk}",
        lambda c: SESSION_BODY,
        SESSION_WRITE,
    ),
    "rate progress after a session": (
        "PUT",
        lambda c: f"/api/v1/coaching/sessions/{c['session'].pk}/progress",
        lambda c: {"ratings": [{"goal_id": c["agreement"].goals.get().pk, "rating": 7}]},
        COACHEE_WRITE,
    ),
}


globals().update(
    matrix_tests(
        "coaching", pages=PAGES, actions=ACTIONS, api=API, api_actions=API_ACTIONS, prefix="coaching_"
    )
)


def test_the_lists_show_each_role_only_its_own(client, coaching):
    """The coachee's agreement is in the coach's, the coachee's and the staff's lists, in nobody else's."""
    users = coaching["world"]["users"]
    for role, sees in [
        ("expert", True),
        ("lg_member", True),
        ("coordinator", True),
        ("partner_member", False),
    ]:
        client.force_login(users[role])
        items = client.get("/api/v1/coaching/agreements").json()["items"]
        assert (coaching["agreement"].pk in [item["id"] for item in items]) is sees, role
