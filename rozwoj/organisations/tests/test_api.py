import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rozwoj.accounts.models import ApiToken, Role
from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.organisations.tests.factories import (
    GminaFactory,
    LocalGovernmentOfficeFactory,
    OrganisationFactory,
    PowiatFactory,
    VoivodeshipFactory,
)

pytestmark = pytest.mark.django_db
LG = "/api/v1/local-governments/"
ORGS = "/api/v1/organisations/"


def test_anonymous_reads_the_registry(client, small_registry):
    response = client.get(LG)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 11
    first = body["items"][0]
    assert first == {
        "terc": "10",
        "name": "ŁÓDZKIE",
        "kind": "voivodeship",
        "kind_display": "województwo",
        "parent_terc": None,
        "voivodeship_terc": None,
        "registry_date": "2025-01-01",
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"terc": "1412021"}, ["1412021"]),
        ({"terc": "1412"}, ["1412", "1412011", "1412021", "1412032", "1412093"]),
        ({"kind": "city_powiat"}, ["1061", "1465"]),
        ({"voivodeship": "10"}, ["10", "1061", "1061011"]),
        ({"q": "lodz", "kind": "urban_gmina"}, ["1061011"]),
        ({"q": "Sulejówek"}, ["1412021"]),
    ],
)
def test_registry_filters(client, small_registry, params, expected):
    response = client.get(LG, params)
    assert [item["terc"] for item in response.json()["items"]] == expected


def test_page_size_and_page(client, small_registry):
    body = client.get(LG, {"page_size": 3, "page": 2}).json()
    assert body["count"] == 11
    assert [item["terc"] for item in body["items"]] == ["14", "1412", "1412011"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"kind": "xyz"}, "kind"),
        ({"terc": "abc"}, "terc"),
        ({"terc": "12345678"}, "terc"),
        ({"voivodeship": "garbage"}, "voivodeship"),
        ({"page": "abc"}, "page"),
        ({"page": "0"}, "page"),
        ({"page_size": "1000"}, "page_size"),
        ({"q": "x" * 101}, "q"),
    ],
)
def test_bad_registry_filters_are_422_naming_the_field(client, small_registry, params, field):
    response = client.get(LG, params)
    assert response.status_code == 422
    assert field in [error["field"] for error in response.json()["errors"]]


def test_registry_detail(client, small_registry):
    response = client.get(LG + "1412021")
    assert response.status_code == 200
    assert response.json()["parent_terc"] == "1412"
    assert response.json()["voivodeship_terc"] == "14"
    assert client.get(LG + "9999999").status_code == 404
    assert client.get(LG + "abc").status_code in (404, 422)


def test_registry_list_queries_do_not_grow(client, django_assert_max_num_queries):
    voivodeship = VoivodeshipFactory()
    powiat = PowiatFactory(parent=voivodeship)
    GminaFactory.create_batch(8, parent=powiat)
    with CaptureQueriesContext(connection) as small:
        assert len(client.get(LG, {"page_size": 200}).json()["items"]) == 10
    for n in range(1, 61):
        powiat = PowiatFactory(parent=voivodeship, terc=f"14{n:02d}")
        GminaFactory.create_batch(3, parent=powiat)
    with django_assert_max_num_queries(4), CaptureQueriesContext(connection) as large:
        assert len(client.get(LG, {"page_size": 200}).json()["items"]) == 200
    assert len(small) == len(large)


# --- organisations ------------------------------------------------------------------------------------


def test_organisations_need_authentication(client):
    organisation = OrganisationFactory()
    for url in (ORGS, f"{ORGS}{organisation.pk}"):
        response = client.get(url)
        assert response.status_code == 401
        assert response.json()["detail"]


def test_token_authentication(client):
    OrganisationFactory(name="Ośrodek Rozwoju Edukacji", acronym="ORE")
    _token, raw = ApiToken.issue(user_with_role(Role.EXPERT), "t")
    response = client.get(ORGS, headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    assert response.json()["items"][0]["acronym"] == "ORE"
    assert client.get(ORGS, headers={"Authorization": "Bearer wrong"}).status_code == 401


@pytest.mark.parametrize(
    "role", [Role.EXPERT, Role.COORDINATOR, Role.LOCAL_GOVERNMENT_MEMBER, Role.PARTNER_MEMBER]
)
def test_logged_in_users_list_and_filter_organisations(client, role):
    office = LocalGovernmentOfficeFactory(name="Urząd Gminy Cegłów")
    OrganisationFactory(name="LSPA", kind="partner_institution", country="LV")
    client.force_login(user_with_role(role))

    assert [o["name"] for o in client.get(ORGS, {"country": "LV"}).json()["items"]] == ["LSPA"]
    items = client.get(ORGS, {"kind": "local_government_office", "q": "cegł"}).json()["items"]
    assert [(o["id"], o["local_government_terc"]) for o in items] == [
        (office.pk, office.local_government.terc)
    ]
    detail = client.get(f"{ORGS}{office.pk}").json()
    assert detail["name"] == "Urząd Gminy Cegłów"
    assert detail["country"] == "PL"
    assert client.get(f"{ORGS}{office.pk + 100}").status_code == 404


@pytest.mark.parametrize(
    ("params", "field"),
    [({"kind": "xyz"}, "kind"), ({"country": "Polska"}, "country"), ({"page": "x"}, "page")],
)
def test_bad_organisation_filters_are_422(client, expert, params, field):
    client.force_login(expert)
    response = client.get(ORGS, params)
    assert response.status_code == 422
    assert field in [error["field"] for error in response.json()["errors"]]


def test_organisation_list_queries_do_not_grow(client, expert, django_assert_max_num_queries):
    client.force_login(expert)
    LocalGovernmentOfficeFactory.create_batch(10)
    with CaptureQueriesContext(connection) as small:
        assert len(client.get(ORGS, {"page_size": 200}).json()["items"]) == 10
    LocalGovernmentOfficeFactory.create_batch(190)
    with django_assert_max_num_queries(8), CaptureQueriesContext(connection) as large:
        assert len(client.get(ORGS, {"page_size": 200}).json()["items"]) == 200
    assert len(small) == len(large)


def test_openapi_documents_the_filters(client):
    schema = client.get("/api/v1/openapi.json").json()
    params = {p["name"] for p in schema["paths"]["/api/v1/local-governments/"]["get"]["parameters"]}
    assert {"terc", "kind", "voivodeship", "q", "page", "page_size"} <= params
