import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rozwoj.core.testing import assert_page
from rozwoj.organisations.models import LocalGovernment, LocalGovernmentKind
from rozwoj.organisations.tests.factories import (
    GminaFactory,
    LocalGovernmentOfficeFactory,
    PowiatFactory,
    VenueFactory,
    VoivodeshipFactory,
)

pytestmark = pytest.mark.django_db
LIST = reverse("local_governments:list")


def names(response):
    return [unit.name for unit in response.context["page_obj"].object_list]


def test_anonymous_visitor_sees_the_registry_with_its_source_note(client, small_registry):
    response = client.get(LIST)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Sulejówek" in content
    assert "Źródło: GUS, rejestr TERYT – katalog TERC (stan na 2025-01-01)" in content


def test_source_note_in_english(client, small_registry):
    response = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en", headers={"Cookie": "rozwoj_language=en"})
    assert "Source: GUS, TERYT register – TERC catalogue (as of 2025-01-01)" in response.content.decode()


@pytest.mark.parametrize("query", ["lodz", "ŁÓDŹ", "Łódź", "odz"])
def test_search_by_name_ignores_case_and_polish_letters(client, small_registry, query):
    response = client.get(LIST, {"q": query})
    assert names(response) == ["Łódź", "Łódź", "ŁÓDZKIE"] or sorted(names(response)) == sorted(
        ["ŁÓDZKIE", "Łódź", "Łódź"]
    )


def test_search_sulejowek_without_diacritics(client, small_registry):
    assert names(client.get(LIST, {"q": "sulejowek"})) == ["Sulejówek"]


def test_search_by_terc_prefix(client, small_registry):
    response = client.get(LIST, {"q": "1412"})
    assert [u.terc for u in response.context["page_obj"]] == [
        "1412",
        "1412011",
        "1412021",
        "1412032",
        "1412093",
    ]


def test_filters_voivodeship_and_kind(client, small_registry):
    response = client.get(LIST, {"voivodeship": "14", "kind": "urban_gmina"})
    assert names(response) == ["Mińsk Mazowiecki", "Sulejówek", "Warszawa"]
    response = client.get(LIST, {"voivodeship": "10"})
    assert names(response) == ["ŁÓDZKIE", "Łódź", "Łódź"]
    options = response.context["filter_form"].fields["voivodeship"].choices
    assert [value for value, _label in options] == ["", "10", "14"]


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "xyz"},
        {"voivodeship": "garbage"},
        {"voivodeship": "99"},
        {"page": "abc"},
        {"page": "99999"},
        {"q": "x" * 500},
        {"q": "%_\\"},
    ],
)
def test_bad_filter_values_never_fail(client, small_registry, params):
    response = client.get(LIST, params)
    assert response.status_code == 200


def test_unknown_kind_is_shown_as_a_form_error_and_ignored(client, small_registry):
    response = client.get(LIST, {"kind": "xyz", "q": "sulej"})
    assert response.context["filter_form"].errors["kind"]
    assert names(response) == ["Sulejówek"]


def test_list_is_paginated_by_25_with_constant_queries(client):
    voivodeship = VoivodeshipFactory()
    powiat = PowiatFactory(parent=voivodeship)
    GminaFactory.create_batch(8, parent=powiat)
    with CaptureQueriesContext(connection) as small:
        response = client.get(LIST)
    assert len(response.context["page_obj"].object_list) == 10
    for n in range(60):
        PowiatFactory(parent=voivodeship, terc=f"14{n:02d}" if n else "1499")
    with CaptureQueriesContext(connection) as large:
        response = assert_page(client, LIST, queries=6, template="organisations/local_governments/list.html")
    assert len(response.context["page_obj"].object_list) == 25
    assert len(small) == len(large)


def test_detail_shows_hierarchy_children_and_source(client, small_registry):
    response = client.get(reverse("local_governments:detail", args=["1412021"]))

    assert response.status_code == 200
    content = response.content.decode()
    assert [u.terc for u in response.context["hierarchy"]] == ["14", "1412", "1412021"]
    assert reverse("local_governments:detail", args=["14"]) in content
    assert reverse("local_governments:detail", args=["1412"]) in content
    assert "1412021" in content
    assert "gmina miejska" in content
    assert "stan na 2025-01-01" in content

    powiat = client.get(reverse("local_governments:detail", args=["1412"]))
    assert [u.terc for u in powiat.context["page_obj"]] == ["1412011", "1412021", "1412032", "1412093"]


def test_detail_of_unknown_code_is_404(client, small_registry):
    assert client.get(reverse("local_governments:detail", args=["9999999"])).status_code == 404
    assert client.get("/local-governments/abc/").status_code == 404


def test_organisations_under_a_unit_are_shown_to_logged_in_users_only(client, expert):
    office = LocalGovernmentOfficeFactory(name="Urząd Miasta Sulejówek")
    VenueFactory(name="Centrum Szkoleniowe", local_government=office.local_government)
    url = reverse("local_governments:detail", args=[office.local_government.terc])

    anonymous = client.get(url).content.decode()
    assert "Urząd Miasta Sulejówek" not in anonymous
    assert "Centrum Szkoleniowe" not in anonymous

    client.force_login(expert)
    content = client.get(url).content.decode()
    assert "Urząd Miasta Sulejówek" in content
    assert "Centrum Szkoleniowe" in content


@pytest.mark.parametrize("role", [None, "expert", "coordinator", "local_government_member", "partner_member"])
def test_registry_pages_are_open_to_every_role(client, small_registry, role):
    from rozwoj.accounts.tests.factories import user_with_role

    if role:
        client.force_login(user_with_role(role))
    assert client.get(LIST).status_code == 200
    assert client.get(reverse("local_governments:detail", args=["14"])).status_code == 200


def test_suggestions_by_name_and_code(client, small_registry):
    url = reverse("local_governments:suggest")
    content = client.get(url, {"local_government": "sulej"}).content.decode()
    assert 'value="1412021 – Sulejówek"' in content
    content = client.get(url, {"q": "1465"}).content.decode()
    assert "1465 – Warszawa" in content
    assert "1465011 – Warszawa" in content
    gminas_only = client.get(url, {"q": "1465", "level": "gmina"}).content.decode()
    assert "1465 – Warszawa" not in gminas_only
    assert "1465011 – Warszawa" in gminas_only
    assert client.get(url, {"q": "x"}).content.decode().strip() == ""


def test_voivodeship_display_names(small_registry):
    voivodeship = LocalGovernment.objects.get(terc="14")
    assert voivodeship.kind == LocalGovernmentKind.VOIVODESHIP
    assert voivodeship.display_name == "Mazowieckie"
