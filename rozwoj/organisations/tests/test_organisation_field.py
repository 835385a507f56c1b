"""The organisation field of other apps' forms: a plain list for a short registry, a search box for a long one."""

import pytest
from django import forms
from django.urls import reverse

from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.organisations.fields import OrganisationChoiceField, share_organisation_choices
from rozwoj.organisations.models import Organisation
from rozwoj.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
OPTIONS = reverse("organisations:options")


class OrganiserForm(forms.Form):
    organiser = OrganisationChoiceField(label="organiser")


class FilterForm(forms.Form):
    organisation = OrganisationChoiceField(label="organisation", required=False, empty_label="any")


@pytest.fixture
def registry(db):
    return {
        "ksap": OrganisationFactory(name="Krajowa Szkoła Administracji Publicznej", acronym="KSAP"),
        "ore": OrganisationFactory(name="Ośrodek Rozwoju Edukacji", acronym="ORE"),
        "lspa": OrganisationFactory(
            name="Latvian School of Public Administration", acronym="LSPA", country="LV"
        ),
        "sip": OrganisationFactory(name="Society in Progress", country="GR"),
    }


def test_a_short_registry_is_a_plain_list_of_every_organisation(registry, settings):
    settings.ROZWOJ_ORGANISATION_SELECT_LIMIT = 10
    html = str(OrganiserForm()["organiser"])
    assert 'type="search"' not in html
    assert "Society in Progress — Grecja" in html
    assert "Latvian School of Public Administration (LSPA) — Łotwa" in html


def test_a_long_registry_offers_only_the_chosen_organisation_and_a_search_box(registry, settings):
    settings.ROZWOJ_ORGANISATION_SELECT_LIMIT = 3
    html = str(OrganiserForm(initial={"organiser": registry["ore"].pk})["organiser"])
    assert 'type="search"' in html
    assert 'name="organiser-search"' in html
    assert f'hx-get="{OPTIONS}"' in html
    assert (
        f'<option value="{registry["ore"].pk}" selected>Ośrodek Rozwoju Edukacji (ORE) — Polska</option>'
        in html
    )
    assert "Society in Progress" not in html
    assert 'aria-describedby="id_organiser-hint"' in html


def test_in_search_mode_any_organisation_of_the_queryset_is_still_accepted(registry, settings):
    settings.ROZWOJ_ORGANISATION_SELECT_LIMIT = 1
    form = OrganiserForm({"organiser": str(registry["sip"].pk)})
    assert form.is_valid()
    assert form.cleaned_data["organiser"] == registry["sip"]


@pytest.mark.parametrize("value", ["999999", "abc", "²", "99999999999999999999", ""])
def test_a_value_outside_the_registry_is_a_translated_field_error(registry, settings, value):
    settings.ROZWOJ_ORGANISATION_SELECT_LIMIT = 1
    form = OrganiserForm({"organiser": value})
    assert not form.is_valid()
    assert "organiser" in form.errors
    html = str(form["organiser"])  # renders the bad value without a query error
    assert 'type="search"' in html


def test_shared_choices_cost_the_same_queries_for_one_row_or_twenty(
    registry, settings, django_assert_num_queries
):
    for limit in (100, 1):
        settings.ROZWOJ_ORGANISATION_SELECT_LIMIT = limit
        for rows in (1, 20):
            forms_ = [FilterForm(initial={"organisation": registry["lspa"].pk}) for _ in range(rows)]
            with django_assert_num_queries(2):  # the count, then the list or the chosen ones' labels
                share_organisation_choices(forms_)
                html = "".join(str(form["organisation"]) for form in forms_)
            assert html.count("Latvian School of Public Administration (LSPA) — Łotwa") == rows


def test_options_find_organisations_by_name_or_acronym(client, registry):
    client.force_login(user_with_role("coordinator"))
    response = client.get(
        OPTIONS,
        {"field": "organiser", "organiser-search": "lspa", "empty": "---", "status": "id_organiser-status"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert '<option value="">---</option>' in content
    assert (
        f'<option value="{registry["lspa"].pk}">Latvian School of Public Administration (LSPA) — Łotwa'
        in content
    )
    assert "Society in Progress" not in content
    assert 'id="id_organiser-status" hx-swap-oob="innerHTML"' in content
    assert "Znaleziono 1 organizację" in content

    content = client.get(OPTIONS, {"field": "organiser", "organiser-search": "ROZWOJU"}).content.decode()
    assert "Ośrodek Rozwoju Edukacji (ORE)" in content


def test_options_keep_the_chosen_organisation_selected_and_first(client, registry):
    client.force_login(user_with_role("coordinator"))
    content = client.get(
        OPTIONS,
        {
            "field": "partners-1-organisation",
            "partners-1-organisation": registry["sip"].pk,
            "partners-1-organisation-search": "o",
        },
    ).content.decode()
    assert (
        content.strip()
        == f'<option value="{registry["sip"].pk}" selected>Society in Progress — Grecja</option>'
    )


def test_options_show_at_most_fifty_and_say_how_many_were_found(client, settings):
    Organisation.objects.bulk_create(
        [Organisation(name=f"Szkoła Podstawowa nr {n}", kind="school", country="PL") for n in range(1, 61)]
    )
    client.force_login(user_with_role("coordinator"))
    content = client.get(
        OPTIONS, {"field": "organisation", "organisation-search": "szkoła podstawowa", "status": "s"}
    ).content.decode()
    assert content.count("<option") == 50
    assert "Lista pokazuje pierwsze 50 z 60 znalezionych organizacji" in content


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"field": "<script>", "status": '"><script>alert(1)</script>'},
        {"field": "a", "a": "99999999999999999999", "a-search": "%%"},
        {"field": "a", "a": "²", "a-search": "x" * 500},
        {"field": "a", "a": "-1", "a-search": "'; drop table x; --"},
    ],
)
def test_options_answer_bad_parameters_without_error_or_injection(client, registry, params):
    client.force_login(user_with_role("expert"))
    response = client.get(OPTIONS, params)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_options_require_a_login(client, registry):
    response = client.get(OPTIONS, {"field": "a", "a-search": "ksap"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
