import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.core.models import AuditLogEntry
from rozwoj.core.testing import assert_page
from rozwoj.organisations.models import Organisation
from rozwoj.organisations.tests.factories import (
    GminaFactory,
    LocalGovernmentOfficeFactory,
    OrganisationFactory,
    VenueFactory,
)

from .helpers import invalid_regon, valid_regon

pytestmark = pytest.mark.django_db
LIST = reverse("organisations:list")
CREATE = reverse("organisations:create")
ROLES = [Role.EXPERT, Role.LOCAL_GOVERNMENT_MEMBER, Role.PARTNER_MEMBER, Role.COORDINATOR, Role.ADMINISTRATOR]


def form_data(**overrides):
    data = {
        "name": "Krajowa Szkoła Administracji Publicznej",
        "acronym": "KSAP",
        "kind": "training_institution",
        "country": "PL",
        "local_government": "",
        "city": "Warszawa",
        "address": "ul. Wawelska 56",
        "postal_code": "00-922",
        "website": "https://www.ksap.gov.pl",
        "email": "",
        "regon": "",
        "rspo": "",
        "description": "",
    }
    data.update(overrides)
    return data


# --- access -------------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login_on_every_page(client):
    organisation = OrganisationFactory()
    for url in (
        LIST,
        CREATE,
        reverse("organisations:detail", args=[organisation.pk]),
        reverse("organisations:edit", args=[organisation.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_every_logged_in_role_reads_organisations(client, role):
    organisation = OrganisationFactory(name="Ośrodek Rozwoju Edukacji", acronym="ORE")
    client.force_login(user_with_role(role))
    assert "Ośrodek Rozwoju Edukacji" in client.get(LIST).content.decode()
    assert client.get(reverse("organisations:detail", args=[organisation.pk])).status_code == 200
    assert client.get(reverse("organisations:detail", args=[organisation.pk + 1000])).status_code == 404


@pytest.mark.parametrize("role", [Role.EXPERT, Role.LOCAL_GOVERNMENT_MEMBER, Role.PARTNER_MEMBER, None])
def test_only_coordinators_create_and_edit(client, role):
    organisation = OrganisationFactory()
    client.force_login(user_with_role(role))
    edit = reverse("organisations:edit", args=[organisation.pk])
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, form_data()).status_code == 403
    assert client.get(edit).status_code == 403
    assert client.post(edit, form_data(name="Hijacked")).status_code == 403
    assert Organisation.objects.count() == 1
    organisation.refresh_from_db()
    assert organisation.name != "Hijacked"


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ADMINISTRATOR])
def test_coordinators_see_edit_pages_and_404_for_unknown(client, role):
    client.force_login(user_with_role(role))
    assert client.get(CREATE).status_code == 200
    assert client.get(reverse("organisations:edit", args=[999])).status_code == 404


# --- list ---------------------------------------------------------------------------------------------


def test_list_search_and_filters(client, expert):
    OrganisationFactory(name="Ośrodek Rozwoju Edukacji", acronym="ORE")
    OrganisationFactory(
        name="Latvian Sports Pedagogy Academy", acronym="LSPA", kind="partner_institution", country="LV"
    )
    OrganisationFactory(name="Society in Progress", kind="partner_institution", country="GR")
    client.force_login(expert)

    def listed(params):
        return [o.name for o in client.get(LIST, params).context["page_obj"]]

    assert listed({"q": "ore"}) == ["Ośrodek Rozwoju Edukacji"]
    assert listed({"q": "lspa"}) == ["Latvian Sports Pedagogy Academy"]
    assert listed({"kind": "partner_institution"}) == [
        "Latvian Sports Pedagogy Academy",
        "Society in Progress",
    ]
    assert listed({"country": "GR"}) == ["Society in Progress"]
    for bad in ({"kind": "xyz"}, {"country": "XX1"}, {"page": "abc"}, {"page": "-1"}):
        assert client.get(LIST, bad).status_code == 200
    assert client.get(LIST, {"kind": "xyz"}).context["filter_form"].errors["kind"]


def test_list_queries_do_not_grow_with_rows(client, expert):
    client.force_login(expert)
    LocalGovernmentOfficeFactory.create_batch(10)
    with CaptureQueriesContext(connection) as small:
        assert_page(client, LIST, queries=8, template="organisations/list.html")
    LocalGovernmentOfficeFactory.create_batch(190)
    with CaptureQueriesContext(connection) as large:
        response = assert_page(client, LIST, queries=8, template="organisations/list.html")
    assert len(response.context["page_obj"].object_list) == 25
    assert len(small) == len(large)


# --- detail -------------------------------------------------------------------------------------------


def test_detail_shows_fields_venues_local_government_and_history_for_coordinators(
    client, coordinator, expert
):
    office = LocalGovernmentOfficeFactory(name="Urząd Miasta Sulejówek", regon=valid_regon())
    VenueFactory(name="Centrum Szkoleniowe w Sulejówku", organisation=office)
    client.force_login(coordinator)
    client.post(
        reverse("organisations:edit", args=[office.pk]),
        form_data(
            name="Urząd Miasta Sulejówek",
            kind="local_government_office",
            local_government=office.local_government.terc,
            city="Sulejówek",
        ),
    )
    url = reverse("organisations:detail", args=[office.pk])

    content = client.get(url).content.decode()
    assert "Centrum Szkoleniowe w Sulejówku" in content
    assert reverse("local_governments:detail", args=[office.local_government.terc]) in content
    assert "Historia zmian" in content or "Change history" in content
    assert response_history(client, url)

    client.force_login(expert)
    response = client.get(url)
    assert response.context["history"] is None
    assert reverse("organisations:edit", args=[office.pk]) not in response.content.decode()


def response_history(client, url):
    return client.get(url).context["history"]


# --- create and edit ----------------------------------------------------------------------------------


def test_coordinator_creates_an_organisation_and_it_is_audited(client, coordinator):
    client.force_login(coordinator)
    response = client.post(CREATE, form_data(regon=valid_regon()))

    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:detail", args=[organisation.pk])
    assert organisation.acronym == "KSAP"
    assert organisation.regon == valid_regon()
    entry = AuditLogEntry.objects.get(action="organisation.create")
    assert entry.actor == coordinator
    assert entry.changes["name"] == [None, organisation.name]


def test_coordinator_edits_an_organisation_and_the_change_is_audited(client, coordinator):
    organisation = OrganisationFactory(name="ORE", city="Warszawa")
    client.force_login(coordinator)
    response = client.post(
        reverse("organisations:edit", args=[organisation.pk]),
        form_data(
            name="Ośrodek Rozwoju Edukacji",
            acronym="ORE",
            address="Aleje Ujazdowskie 28",
            postal_code="00-478",
        ),
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Ośrodek Rozwoju Edukacji"
    entry = AuditLogEntry.objects.get(action="organisation.update")
    assert entry.changes["name"] == ["ORE", "Ośrodek Rozwoju Edukacji"]


def test_edit_form_shows_the_current_local_government(client, coordinator):
    office = LocalGovernmentOfficeFactory()
    client.force_login(coordinator)
    content = client.get(reverse("organisations:edit", args=[office.pk])).content.decode()
    assert f'value="{office.local_government.terc} – {office.local_government.name}"' in content
    assert 'hx-get="/local-governments/suggest/"' in content


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"regon": "123456789"}, "regon"),
        ({"regon": invalid_regon(valid_regon("1234567890123"))}, "regon"),
        ({"regon": "12345"}, "regon"),
        ({"rspo": "12a"}, "rspo"),
        ({"rspo": "123456789"}, "rspo"),
        ({"postal_code": "00922"}, "postal_code"),
        ({"name": ""}, "name"),
        ({"kind": "nonsense"}, "kind"),
        ({"country": "XX"}, "country"),
        ({"website": "not a url"}, "website"),
        ({"email": "nope"}, "email"),
        ({"kind": "school"}, "local_government"),
        ({"kind": "local_government_office"}, "local_government"),
        ({"kind": "school", "local_government": "9999999"}, "local_government"),
        ({"kind": "school", "local_government": "Nie ma takiej gminy"}, "local_government"),
        ({"name": "x" * 300}, "name"),
    ],
)
def test_bad_input_gives_a_field_error_and_stores_nothing(client, coordinator, overrides, field):
    client.force_login(coordinator)
    response = client.post(CREATE, form_data(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Organisation.objects.exists()
    assert not AuditLogEntry.objects.exists()


def test_foreign_postal_codes_are_free(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        CREATE, form_data(name="LSPA", country="LV", postal_code="LV-1006", kind="partner_institution")
    )
    assert response.status_code == 302


def test_duplicate_name_in_same_country_is_refused_case_insensitively(client, coordinator):
    OrganisationFactory(name="Krajowa Szkoła Administracji Publicznej", country="PL")
    client.force_login(coordinator)

    response = client.post(CREATE, form_data(name="krajowa szkoła administracji publicznej"))
    assert "name" in response.context["form"].errors
    assert Organisation.objects.count() == 1

    other_country = client.post(CREATE, form_data(country="LV", postal_code=""))
    assert other_country.status_code == 302


def test_duplicate_regon_is_refused_on_the_regon_field(client, coordinator):
    OrganisationFactory(regon=valid_regon())
    client.force_login(coordinator)
    response = client.post(CREATE, form_data(regon=valid_regon()))
    assert "regon" in response.context["form"].errors


def test_renaming_onto_another_organisation_is_refused_and_changes_nothing(client, coordinator):
    OrganisationFactory(name="ORE")
    other = OrganisationFactory(name="KSAP")
    client.force_login(coordinator)
    response = client.post(reverse("organisations:edit", args=[other.pk]), form_data(name="ore"))
    assert "name" in response.context["form"].errors
    other.refresh_from_db()
    assert other.name == "KSAP"


def test_school_is_linked_to_a_gmina_chosen_by_code_or_name(client, coordinator):
    gmina = GminaFactory(name="Sulejówek", name_search="sulejowek", kind="urban_gmina")
    client.force_login(coordinator)
    by_code = client.post(
        CREATE,
        form_data(
            name="Szkoła Podstawowa nr 1",
            kind="school",
            local_government=f"{gmina.terc} – Sulejówek",
            rspo="12345",
        ),
    )
    assert by_code.status_code == 302
    by_name = client.post(
        CREATE, form_data(name="Szkoła Podstawowa nr 2", kind="school", local_government="sulejowek")
    )
    assert by_name.status_code == 302
    assert list(Organisation.objects.values_list("local_government__terc", flat=True)) == [
        gmina.terc,
        gmina.terc,
    ]


def test_create_prefills_the_local_government_from_the_registry_page(client, coordinator):
    gmina = GminaFactory()
    client.force_login(coordinator)
    content = client.get(CREATE, {"local_government": gmina.terc}).content.decode()
    assert f'value="{gmina.terc}"' in content
