import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rozwoj.accounts.models import ApiToken
from rozwoj.core.testing import assert_page
from rozwoj.organisations.tests.factories import OrganisationFactory

from .factories import IndicatorFactory, PlannedResultFactory, ProgrammeFactory, ProgrammePartnerFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/programmes/"
ROLES = ["expert", "lg_member", "partner_member", "coordinator"]


def test_anonymous_list_has_public_programmes_only(client):
    public = ProgrammeFactory(acronym="PUB")
    ProgrammePartnerFactory.create_batch(2, programme=public)
    ProgrammeFactory(acronym="INT", is_public=False)
    response = client.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["acronym"] == "PUB"
    assert item["partner_count"] == 2
    assert item["lead_institution"]["country"] == "PL"


@pytest.mark.parametrize("role", ROLES)
def test_logged_in_list_has_every_programme(request, client, role):
    client.force_login(request.getfixturevalue(role))
    ProgrammeFactory(acronym="PUB")
    ProgrammeFactory(acronym="INT", is_public=False)
    assert client.get(URL).json()["count"] == 2


def test_token_authentication(client, expert):
    ProgrammeFactory(acronym="INT", is_public=False)
    _token, raw = ApiToken.issue(expert, "test")
    assert client.get(URL, HTTP_AUTHORIZATION=f"Bearer {raw}").json()["count"] == 1
    assert client.get(URL).json()["count"] == 0


def test_filters(client):
    ProgrammeFactory(name="Coaching in schools", acronym="COACH", status="running")
    ProgrammeFactory(name="Support system", acronym="WSPARCIE", status="planned")
    assert [p["acronym"] for p in client.get(URL, {"q": "coach"}).json()["items"]] == ["COACH"]
    assert [p["acronym"] for p in client.get(URL, {"status": "planned"}).json()["items"]] == ["WSPARCIE"]


def test_invalid_status_is_422_naming_the_field(client):
    response = client.get(URL, {"status": "bogus"})
    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == ["status"]


def test_invalid_page_is_422(client):
    response = client.get(URL, {"page": "abc"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "page"


def test_list_is_paginated(client):
    ProgrammeFactory.create_batch(3, lead_institution=OrganisationFactory())
    body = client.get(URL, {"page": 1, "page_size": 2}).json()
    assert body["count"] == 3
    assert len(body["items"]) == 2


def _queries(client):
    with CaptureQueriesContext(connection) as context:
        assert client.get(URL, {"page_size": 200}).status_code == 200
    return len(context.captured_queries)


def test_list_query_count_does_not_grow_with_rows(client, coordinator):
    client.force_login(coordinator)
    for programme in ProgrammeFactory.create_batch(10, lead_institution=OrganisationFactory()):
        ProgrammePartnerFactory(programme=programme)
    ten = _queries(client)
    for programme in ProgrammeFactory.create_batch(190):
        ProgrammePartnerFactory(programme=programme)
    assert _queries(client) == ten
    assert_page(client, URL, queries=6, contains='"items"')


@pytest.fixture
def programme():
    programme = ProgrammeFactory(acronym="COACH", agreement_number="AGR-1")
    ProgrammePartnerFactory(programme=programme, role="associate", description="Toolkit")
    PlannedResultFactory(programme=programme, title="Survey")
    IndicatorFactory(programme=programme, name="Coaches", target_value=20, achieved_value=5)
    return programme


def test_detail_for_anonymous_hides_agreement_number(client, programme):
    body = client.get(f"{URL}{programme.pk}").json()
    assert body["acronym"] == "COACH"
    assert body["agreement_number"] is None
    assert body["partners"][0]["role"] == "associate"
    assert body["partners"][0]["contribution"] == "Toolkit"
    assert body["partners"][0]["organisation"]["country"] == "LV"
    assert body["results"][0]["title"] == "Survey"
    assert body["indicators"][0]["percentage"] == "25"
    assert body["partner_count"] == 1


@pytest.mark.parametrize("role", ROLES)
def test_detail_for_logged_in_users(request, client, programme, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(f"{URL}{programme.pk}").json()["agreement_number"] == "AGR-1"


def test_detail_query_budget(client, programme, django_assert_max_num_queries):
    ProgrammePartnerFactory.create_batch(5, programme=programme)
    with django_assert_max_num_queries(5):
        assert client.get(f"{URL}{programme.pk}").status_code == 200


def test_non_public_detail_is_404_for_anonymous(client, expert):
    hidden = ProgrammeFactory(is_public=False)
    response = client.get(f"{URL}{hidden.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    assert client.get(f"{URL}999999").status_code == 404
    client.force_login(expert)
    assert client.get(f"{URL}{hidden.pk}").status_code == 200
