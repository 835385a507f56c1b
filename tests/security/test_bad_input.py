"""Bad input never answers 500 and never stores the impossible, on SQLite and on PostgreSQL.

Every page and API operation of the project (found in the URL configuration, not listed) is probed as an anonymous
visitor, a local-government member and a coordinator signed in with the second factor: huge and negative page
numbers, a NUL byte in the query string, huge identifiers in the path and in filters, dates in year 1 and 9999.
Then the writes: numbers beyond a model's limits in forms, the admin and the API, and NUL bytes in form fields."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from rozwoj.accounts.models import Role
from rozwoj.core.api import MAX_PAGE, MAX_PAGE_SIZE
from rozwoj.events.models import Event, EventKind, Session
from rozwoj.events.tests.factories import EventFactory, hybrid_event
from rozwoj.organisations.models import Venue
from rozwoj.organisations.tests.factories import (
    GminaFactory,
    LocalGovernmentOfficeFactory,
    OrganisationFactory,
    VenueFactory,
)
from rozwoj.people.tests.factories import person_with_login

from .signin import REQUIRED, give_totp, sign_in

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"  # beyond a 64-bit integer
BIGINT_MAX = str(2**63 - 1)
SKIPPED = re.compile(r"^(admin/|accounts/|media/|static/|healthz|i18n/|__)")
# Query parameters the project's lists and filters use, each with a value no database column can hold.
BAD_FILTERS = {
    "programme": HUGE,
    "organisation": HUGE,
    "organiser": BIGINT_MAX,
    "kind": HUGE,
    "venue": HUGE,
    "person": HUGE,
    "year": HUGE,
    "region": HUGE,
    "voivodeship": HUGE,
    "date": "9999-12-31",
    "date_from": "0001-01-01",
    "date_to": "9999-12-31",
    "terc": HUGE,
    "q": "a" * 5000,
}


def _routes(patterns=None, prefix=""):
    """(route, converter names) of every URL pattern, e.g. ("events/<int:pk>/", ["int"])."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route.lstrip("^").rstrip("$")


def _urls(value_for_id: str) -> list[str]:
    """Every GET-able URL of the project with each integer in the path replaced by `value_for_id`; patterns with
    other parameters (tokens, codes) are left out."""
    urls = set()
    for route in _routes():
        if SKIPPED.match(route) or "(?P" in route:
            continue
        path = re.sub(r"<int:\w+>", value_for_id, route)
        if "<" in path:
            continue
        urls.add("/" + path)
    return sorted(urls)


PLAIN_URLS = [url for url in _urls("0") if "/0" not in url]
URLS_WITH_IDS = [url for url in _urls(HUGE) if HUGE in url]
API_LISTS = [
    url for url in PLAIN_URLS if url.startswith("/api/v1/") and url.count("/") == 4 and url.endswith("/")
]


@pytest.fixture
def callers(settings):
    """A client per caller: anonymous, a local-government member, a coordinator with TOTP (as in production)."""
    settings.MFA_REQUIRED_ROLES = REQUIRED
    hybrid_event()
    anonymous = Client(raise_request_exception=False)
    member = Client(raise_request_exception=False)
    office = LocalGovernmentOfficeFactory(local_government=GminaFactory())
    member.force_login(person_with_login(Role.LOCAL_GOVERNMENT_MEMBER, organisation=office).user)
    coordinator = Client(raise_request_exception=False)
    user = person_with_login(Role.COORDINATOR).user
    sign_in(coordinator, user, give_totp(user))
    return {"anonymous": anonymous, "member": member, "coordinator": coordinator}


def test_the_probes_reach_pages_and_the_api():
    assert len(PLAIN_URLS) > 20
    assert "/events/" in PLAIN_URLS
    assert {"/api/v1/events/", "/api/v1/people/", "/api/v1/programmes/"} <= set(API_LISTS)
    assert any(url.startswith("/api/v1/events/") for url in URLS_WITH_IDS)


@pytest.mark.parametrize("caller", ["anonymous", "member", "coordinator"])
def test_no_page_or_api_operation_answers_500_to_bad_query_values(callers, caller):
    client = callers[caller]
    failures = []
    for url in PLAIN_URLS:
        for query in (
            {"page": BIGINT_MAX, "page_size": HUGE},
            {"page": "-1"},
            {"page": HUGE},
            BAD_FILTERS,
        ):
            response = client.get(url, query)
            if response.status_code >= 500:
                failures.append((url, query, response.status_code))
    assert not failures


@pytest.mark.parametrize("caller", ["anonymous", "member", "coordinator"])
def test_a_nul_byte_in_the_query_string_is_refused_before_any_view(callers, caller):
    client = callers[caller]
    for url in PLAIN_URLS:
        response = client.get(url, {"q": "a\x00b"})
        assert response.status_code == 400, url
    response = client.get("/api/v1/events/", {"q": "a\x00b"})
    assert response.json()["errors"][0]["field"] == "q"


@pytest.mark.parametrize("caller", ["anonymous", "member", "coordinator"])
def test_huge_identifiers_in_paths_answer_404_or_422(callers, caller):
    client = callers[caller]
    for value in (HUGE, str(2**63)):
        for url in _urls(value):
            if value in url:
                status = client.get(url).status_code
                # 401: the operation needs a signed-in caller; 405: it is not a GET; pages may send to the login.
                allowed = (401, 404, 405, 422) if url.startswith("/api/") else (302, 403, 404, 405)
                assert status in allowed, (url, status)


@pytest.mark.parametrize("caller", ["anonymous", "member", "coordinator"])
@pytest.mark.parametrize(
    "query",
    [
        {"page": BIGINT_MAX},
        {"page": HUGE},
        {"page": str(MAX_PAGE + 1)},
        {"page": "0"},
        {"page_size": str(MAX_PAGE_SIZE + 1)},
        {"page_size": "0"},
        {"page": "x"},
    ],
)
def test_every_api_list_answers_422_to_a_page_out_of_bounds(callers, caller, query):
    client = callers[caller]
    for url in API_LISTS:
        response = client.get(url, query)
        if caller == "anonymous" and response.status_code == 401:
            continue  # lists for signed-in callers only
        assert response.status_code == 422, (url, response.status_code)
        body = response.json()
        assert body["errors"][0]["field"] in query, body


def test_the_last_allowed_page_is_an_empty_page(callers):
    response = callers["coordinator"].get("/api/v1/events/", {"page": MAX_PAGE, "page_size": MAX_PAGE_SIZE})
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_the_page_error_is_translated_and_documented(callers):
    client = callers["anonymous"]
    client.cookies["rozwoj_language"] = "pl"
    body = client.get("/api/v1/events/", {"page": HUGE}).json()
    assert body["detail"] == "Nieprawidłowe dane."
    assert "1000000" in body["errors"][0]["message"].replace(" ", "").replace("\xa0", "")
    schema = client.get("/api/v1/openapi.json").json()
    for url in API_LISTS:
        parameters = {p["name"]: p["schema"] for p in schema["paths"][url]["get"]["parameters"]}
        assert _maximum(parameters["page"]) == MAX_PAGE, url
        assert _maximum(parameters["page_size"]) == MAX_PAGE_SIZE, url


def _maximum(schema: dict):
    return next(s["maximum"] for s in [schema, *schema.get("anyOf", [])] if "maximum" in s)


# --- writes: nothing impossible is stored -----------------------------------------------------------------------


def _event_post(**overrides):
    kind, _created = EventKind.objects.get_or_create(code="training", defaults={"name": "szkolenie"})
    data = {
        "kind": kind.pk,
        "organiser": OrganisationFactory().pk,
        "title": "Szkolenie z partycypacji",
        "description": "Opis",
        "languages": ["pl"],
        "visibility": "public",
        "completion_threshold": "80",
        "reminder_days_before": "3",
    }
    return data | overrides


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("reminder_days_before", "99999"),
        ("reminder_days_before", "61"),
        ("reminder_days_before", HUGE),
        ("online_capacity", str(10**12)),
        ("online_capacity", "100001"),
        ("online_capacity", "-1"),
        ("completion_threshold", BIGINT_MAX),
        ("title", "x" * 301),
        ("registration_opens_at", "0001-01-01T00:30"),
        ("registration_closes_at", "9999-12-31T23:59"),
    ],
)
def test_an_event_form_refuses_values_beyond_the_model(callers, field, value):
    events = Event.objects.count()
    response = callers["coordinator"].post(reverse("events:create"), _event_post(**{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Event.objects.count() == events


@pytest.mark.parametrize(
    ("field", "value"),
    [("onsite_seats", str(10**12)), ("onsite_seats", "100001"), ("hours", "1000"), ("hours", "-0.01")],
)
def test_a_session_form_refuses_values_beyond_the_model(callers, field, value):
    event = EventFactory()
    venue = VenueFactory(capacity=20)
    data = {
        "title": "",
        "starts_at": "2030-03-26T09:00",
        "ends_at": "2030-03-26T16:00",
        "hours": "6",
        "format": "hybrid",
        "venue": venue.pk,
        "online_url": "https://meet.example.org/abc",
        "onsite_seats": "",
        field: value,
    }
    response = callers["coordinator"].post(reverse("events:session_create", args=[event.pk]), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Session.objects.filter(event=event).exists()


def test_a_nul_byte_in_a_form_field_is_refused_and_nothing_is_stored(callers):
    events = Event.objects.count()
    response = callers["coordinator"].post(reverse("events:create"), _event_post(title="Szko\x00lenie"))
    assert response.status_code == 400
    assert Event.objects.count() == events


def test_a_nul_byte_in_an_api_body_is_refused(callers):
    event = Event.objects.first()
    response = callers["coordinator"].post(
        f"/api/v1/events/{event.pk}/registrations",
        '{"mode": "on_\\u0000site"}',
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "body"


def test_a_huge_identifier_in_an_api_body_is_422(callers):
    event = Event.objects.first()
    response = callers["coordinator"].post(
        f"/api/v1/events/{event.pk}/registrations",
        {"mode": "online", "person_id": int(HUGE)},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"].endswith("person_id")


@pytest.fixture
def admin_client(settings):
    settings.MFA_REQUIRED_ROLES = REQUIRED
    user = person_with_login(Role.ADMINISTRATOR).user
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    client = Client()
    sign_in(client, user, give_totp(user))
    return client


@pytest.mark.parametrize(
    ("url", "field", "value"),
    [
        ("/admin/organisations/venue/add/", "capacity", str(10**12)),
        ("/admin/organisations/venue/add/", "capacity", "100001"),
        ("/admin/organisations/venue/add/", "name", "x" * 1000),
        ("/admin/events/session/add/", "onsite_seats", str(10**12)),
        ("/admin/events/session/add/", "hours", "100000"),
        ("/admin/events/event/add/", "reminder_days_before", "99999"),
        ("/admin/events/event/add/", "online_capacity", str(10**12)),
    ],
)
def test_the_admin_answers_a_field_error_to_values_beyond_the_model(admin_client, url, field, value):
    response = admin_client.post(url, {field: value})
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors


def test_the_database_refuses_what_the_forms_refuse():
    """The check constraints hold when a form or service is bypassed."""
    from django.db import IntegrityError, transaction

    venue = VenueFactory(capacity=20)
    event = EventFactory()
    for model, pk, change in (
        (Venue, venue.pk, {"capacity": 100_001}),
        (Event, event.pk, {"reminder_days_before": 61}),
        (Event, event.pk, {"online_capacity": 100_001}),
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            model.objects.filter(pk=pk).update(**change)
    session = hybrid_event().sessions.get()
    for change in ({"onsite_seats": 100_001}, {"hours": Decimal("-1")}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Session.objects.filter(pk=session.pk).update(**change)


@pytest.mark.parametrize("cookie", ["sessionid", "csrftoken", "rozwoj_language", "messages"])
def test_a_nul_byte_in_a_cookie_is_no_session_not_a_500(cookie):
    """The session cookie is looked up before any view: with a NUL byte it failed PostgreSQL's query."""
    client = Client(raise_request_exception=False)
    client.cookies[cookie] = "abcdefgh\x00ijklmnop"
    assert client.get("/events/").status_code == 200
    assert client.post("/accounts/login/", {"login": "a@example.org", "password": "x"}).status_code < 500


def test_a_nul_byte_in_a_token_is_401():
    client = Client(raise_request_exception=False)
    assert client.get("/api/v1/people/", HTTP_AUTHORIZATION="Bearer abc\x00def").status_code == 401
