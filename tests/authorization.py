"""The roles, outcomes and the shared world of the authorisation-matrix tests."""

import datetime
import json

import pytest
from django.db import transaction
from django.utils import timezone

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import UserFactory
from rozwoj.events.models import EventStatus, EventTrainer, RegistrationStatus, Visibility
from rozwoj.events.tests.factories import EventFactory, RegistrationFactory, SessionFactory
from rozwoj.experts.tests.factories import CompetenceFactory, ExpertProfileFactory, expert_with_login
from rozwoj.organisations.tests.factories import (
    GminaFactory,
    LocalGovernmentOfficeFactory,
    OrganisationFactory,
    VenueFactory,
)
from rozwoj.people.tests.factories import MembershipFactory, PersonFactory, person_with_login
from rozwoj.programmes.tests.factories import ProgrammeFactory

# The roles, and two trainers with a login: people who are trainers (EventTrainer) of the public event of the
# `events` fixture, one without any role (a trainer from outside, who also trains the draft event) and one with
# the expert role and an expert profile. Without the `events` fixture they are a login with a person record and
# no role, and an expert.
ROLES = [
    "anonymous",
    "administrator",
    "coordinator",
    "expert",
    "lg_member",
    "partner_member",
    "no_role",
    "trainer",
    "expert_trainer",
]
OK, LOGIN, FORBIDDEN, NOT_FOUND, UNAUTHORISED = 200, "login", 403, 404, 401


@pytest.fixture
def world(db):
    gmina = GminaFactory(name="Gmina Matrix")
    office = LocalGovernmentOfficeFactory(local_government=gmina)
    partner_org = OrganisationFactory(name="Partner Matrix", kind="partner_institution", country="LV")
    institution = OrganisationFactory(name="Instytucja Matrix")
    w = {
        "gmina": gmina,
        "organisation": institution,
        "venue": VenueFactory(organisation=institution),
        "stranger": MembershipFactory(
            organisation=institution, person=PersonFactory(last_name="Obcy")
        ).person,
        "colleague": MembershipFactory(
            organisation=office, person=PersonFactory(last_name="Samorzadowy")
        ).person,
        "partner_colleague": MembershipFactory(
            organisation=partner_org, person=PersonFactory(last_name="Partnerski")
        ).person,
        "other_expert": ExpertProfileFactory(),
        "competence": CompetenceFactory(),
        "public_programme": ProgrammeFactory(is_public=True),
        "internal_programme": ProgrammeFactory(is_public=False),
    }
    w["users"] = {
        "anonymous": None,
        "administrator": person_with_login(Role.ADMINISTRATOR).user,
        "coordinator": person_with_login(Role.COORDINATOR).user,
        "expert": expert_with_login().person.user,
        "lg_member": person_with_login(Role.LOCAL_GOVERNMENT_MEMBER, organisation=office).user,
        "partner_member": person_with_login(Role.PARTNER_MEMBER, organisation=partner_org).user,
        "no_role": UserFactory(roles=[]),
        "trainer": person_with_login(None, last_name="Trenerka").user,
        "expert_trainer": expert_with_login().person.user,
    }
    w["users"]["administrator"].is_staff = True
    w["users"]["administrator"].save(update_fields=["is_staff"])
    return w


def row(*outcomes):
    """Outcomes in the order of ROLES (the two trainers last)."""
    return dict(zip(ROLES, outcomes, strict=True))


EVERYONE = row(OK, OK, OK, OK, OK, OK, OK, OK, OK)
LOGGED_IN = row(LOGIN, OK, OK, OK, OK, OK, OK, OK, OK)
COORDINATORS = row(LOGIN, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)


def text_of(response) -> str:
    """What a response shows, to search for names in: a JSON body parsed, since JSON escapes letters such as Ł."""
    if response["Content-Type"].startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode()


def outcome(response):
    if response.status_code == 302 and "login" in response["Location"]:
        return LOGIN
    return response.status_code


def _responses(client, users, send, *, token: bool) -> dict:
    """Each role's response to `send(headers)`, logged in with its browser session or, when `token`, with a
    personal API token. Every request is rolled back, so all roles meet the same state (an approval or a
    deletion by one role does not change what the next one gets)."""
    from rozwoj.accounts.models import ApiToken

    responses = {}
    for role in ROLES:
        client.logout()
        user, headers = users[role], {}
        if user is not None and token:
            headers["Authorization"] = f"Bearer {ApiToken.issue(user, 'matrix')[1]}"
        elif user is not None:
            client.force_login(user)
        with transaction.atomic():
            responses[role] = send(headers)
            transaction.set_rollback(True)
    return responses


def page_outcomes(client, users, url) -> dict:
    """What each role gets for GET `url` with its browser session."""
    responses = _responses(client, users, lambda headers: client.get(url), token=False)
    return {role: outcome(response) for role, response in responses.items()}


def api_outcomes(client, users, url, *, auth: str = "token") -> dict:
    """What each role gets for GET `url` authenticated by a personal token or by the session."""
    responses = _responses(
        client, users, lambda headers: client.get(url, headers=headers), token=auth == "token"
    )
    return {role: response.status_code for role, response in responses.items()}


def action_outcomes(client, users, method: str, url: str, data=None, *, api: bool = False) -> dict:
    """What each role gets for `method` on `url`: a form post with the browser session, or (`api`) an API call
    with a personal token and a JSON body."""

    def send(headers):
        if api:
            body = json.dumps(data or {})
            return client.generic(method, url, data=body, content_type="application/json", headers=headers)
        return getattr(client, method.lower())(url, data or {})

    responses = _responses(client, users, send, token=api)
    return {role: response.status_code if api else outcome(response) for role, response in responses.items()}


@pytest.fixture
def events(world):
    public = EventFactory(title="Szkolenie publiczne", status=EventStatus.REGISTRATION_OPEN)
    # Under way (attendance can be marked only once a session has begun).
    now = timezone.now()
    session = SessionFactory(
        event=public, starts_at=now - datetime.timedelta(hours=1), ends_at=now + datetime.timedelta(hours=5)
    )
    internal = EventFactory(title="Spotkanie wewnętrzne", visibility=Visibility.INTERNAL)
    internal_session = SessionFactory(event=internal)
    draft = EventFactory(title="Szkic", status=EventStatus.DRAFT)
    registration = RegistrationFactory(
        event=public, person=world["users"]["lg_member"].person, status=RegistrationStatus.CONFIRMED
    )
    trainer, expert_trainer = world["users"]["trainer"].person, world["users"]["expert_trainer"].person
    EventTrainer.objects.create(event=public, person=trainer)
    EventTrainer.objects.create(event=public, person=expert_trainer, role=EventTrainer.Role.SPEAKER)
    EventTrainer.objects.create(event=draft, person=trainer)
    return {
        "public": public,
        "session": session,
        "internal": internal,
        "internal_session": internal_session,
        "draft": draft,
        "registration": registration,
    }


def matrix_tests(  # noqa: C901 — one block per table
    context: str,
    *,
    pages=None,
    actions=None,
    api=None,
    api_actions=None,
    api_auths=("token",),
    prefix: str = "",
):
    """The parametrised tests of one authorisation matrix, one test per row and table, to add to a matrix module's
    globals: `globals().update(matrix_tests("coaching", pages=PAGES, actions=ACTIONS, api=API))`.

    `context` names the fixture the rows' lambdas read (the `world` itself, or a fixture built on it such as
    `events` or `coaching`); the users are always those of the `world` fixture. The tables:

    - `pages`: {name: (url_for, outcomes)}: GET with the browser session (`page_outcomes`);
    - `actions`: {name: (method, url_for, data, outcomes)}: a form sent with the browser session;
    - `api`: {name: (url_for, outcomes)}: GET with each of `api_auths` ("token", "session");
    - `api_actions`: {name: (method, url_for, body, outcomes)}: a JSON body sent with a personal token.

    `data` and `body` may be a function of the context (for identifiers of objects the fixture made). `prefix`
    tells apart the tests of two matrices in one module (`test_<prefix>page_access_for_every_role`).
    """

    def _context(request):
        return request.getfixturevalue(context)

    def _users(request):
        return request.getfixturevalue("world")["users"]

    def _value(value, ctx):
        return value(ctx) if callable(value) else value

    tests = {}
    if pages:

        @pytest.mark.parametrize("name", list(pages))
        def test_page_access_for_every_role(client, request, name):
            url_for, expected = pages[name]
            url = url_for(_context(request))
            assert page_outcomes(client, _users(request), url) == expected, url

        tests[f"test_{prefix}page_access_for_every_role"] = test_page_access_for_every_role
    if actions:

        @pytest.mark.parametrize("name", list(actions))
        def test_actions_for_every_role(client, request, name):
            method, url_for, data, expected = actions[name]
            ctx = _context(request)
            url = url_for(ctx)
            assert action_outcomes(client, _users(request), method, url, _value(data, ctx)) == expected, url

        tests[f"test_{prefix}actions_for_every_role"] = test_actions_for_every_role
    if api:

        def check_api(client, request, name, auth):
            url_for, expected = api[name]
            url = url_for(_context(request))
            assert api_outcomes(client, _users(request), url, auth=auth) == expected, url

        if len(api_auths) > 1:  # each authentication a case of its own

            @pytest.mark.parametrize("name", list(api))
            @pytest.mark.parametrize("auth", list(api_auths))
            def test_api_access_for_every_role(client, request, name, auth):
                check_api(client, request, name, auth)

        else:

            @pytest.mark.parametrize("name", list(api))
            def test_api_access_for_every_role(client, request, name):
                check_api(client, request, name, api_auths[0])

        tests[f"test_{prefix}api_access_for_every_role"] = test_api_access_for_every_role
    if api_actions:

        @pytest.mark.parametrize("name", list(api_actions))
        def test_api_actions_for_every_role(client, request, name):
            method, url_for, body, expected = api_actions[name]
            ctx = _context(request)
            url = url_for(ctx)
            outcomes = action_outcomes(client, _users(request), method, url, _value(body, ctx), api=True)
            assert outcomes == expected, url

        tests[f"test_{prefix}api_actions_for_every_role"] = test_api_actions_for_every_role
    return tests
