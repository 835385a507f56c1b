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
    action_outcomes,
    api_outcomes,
    page_outcomes,
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
    ProgrammePartner.objects.create(programme=programme, organisation=partner_org)
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


@pytest.mark.parametrize("name", list(PAGES))
def test_coaching_page_access_for_every_role(client, coaching, name):
    url_for, expected = PAGES[name]
    url = url_for(coaching)
    assert page_outcomes(client, coaching["world"]["users"], url) == expected, url


@pytest.mark.parametrize("name", list(ACTIONS))
def test_coaching_actions_for_every_role(client, coaching, name):
    method, url_for, data, expected = ACTIONS[name]
    url = url_for(coaching)
    assert action_outcomes(client, coaching["world"]["users"], method, url, data) == expected, url


@pytest.mark.parametrize("name", list(API))
def test_coaching_api_access_for_every_role(client, coaching, name):
    url_for, expected = API[name]
    url = url_for(coaching)
    assert api_outcomes(client, coaching["world"]["users"], url) == expected, url


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
