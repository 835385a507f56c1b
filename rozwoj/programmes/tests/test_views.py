import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rozwoj.core.audit import history_for
from rozwoj.core.models import AuditLogEntry
from rozwoj.core.testing import assert_page
from rozwoj.organisations.tests.factories import OrganisationFactory
from rozwoj.programmes.models import Indicator, PlannedResult, Programme, ProgrammePartner

from .factories import IndicatorFactory, PlannedResultFactory, ProgrammeFactory, ProgrammePartnerFactory

pytestmark = pytest.mark.django_db

LIST = reverse("programmes:list")
CREATE = reverse("programmes:create")
ROLES = ["expert", "lg_member", "partner_member", "coordinator"]
# An unused row as the browser sends it: empty fields, defaults in selects.
EMPTY_PARTNER = {"organisation": "", "role": "partner", "description": ""}
EMPTY_INDICATOR = {"name": "", "unit": "", "target_value": "", "achieved_value": "", "order": "0"}


def user_for(request, role):
    return None if role == "anonymous" else request.getfixturevalue(role)


def snapshot():
    return [
        list(model.objects.order_by("pk").values())
        for model in (Programme, ProgrammePartner, PlannedResult, Indicator, AuditLogEntry)
    ]


def form_data(lead, *, partners=(), results=(), indicators=(), initial=None, **overrides):
    """POST data of the programme page: the programme fields and the three formsets."""
    data = {
        "name": "Coaching for local government",
        "acronym": "COACH",
        "funding_programme": "Erasmus+",
        "funding_action": "KA204",
        "agreement_number": "2020-1-PL01-KA204-000001",
        "start_date": "2020-09-01",
        "end_date": "2022-08-31",
        "goal": "Coaching competences of local-government staff",
        "description": "",
        "lead_institution": lead.pk,
        "status": "running",
        "is_public": "on",
    }
    data.update(overrides)
    initial = initial or {}
    for prefix, rows in (("partners", partners), ("results", results), ("indicators", indicators)):
        data[f"{prefix}-TOTAL_FORMS"] = len(rows)
        data[f"{prefix}-INITIAL_FORMS"] = initial.get(prefix, 0)
        data[f"{prefix}-MIN_NUM_FORMS"] = 0
        data[f"{prefix}-MAX_NUM_FORMS"] = 1000
        for index, row in enumerate(rows):
            for key, value in row.items():
                data[f"{prefix}-{index}-{key}"] = value
    return data


# --- list -------------------------------------------------------------------------------------------


def test_anonymous_list_shows_public_programmes_only(client):
    ProgrammeFactory(name="Public programme")
    ProgrammeFactory(name="Internal programme", is_public=False)
    response = client.get(LIST)
    assert response.status_code == 200
    assert "Public programme" in response.text
    assert "Internal programme" not in response.text
    assert reverse("programmes:create") not in response.text


@pytest.mark.parametrize("role", ROLES)
def test_logged_in_list_shows_every_programme(request, as_user, role):
    ProgrammeFactory(name="Public programme")
    ProgrammeFactory(name="Internal programme", is_public=False)
    response = as_user(user_for(request, role)).get(LIST)
    assert response.status_code == 200
    assert "Public programme" in response.text
    assert "Internal programme" in response.text
    assert (reverse("programmes:create") in response.text) is (role == "coordinator")


def test_list_search_and_filters(client):
    ProgrammeFactory(
        name="Coaching in schools", acronym="COACH", status="running", start_date=datetime.date(2021, 1, 1)
    )
    ProgrammeFactory(
        name="Support system",
        acronym="WSPARCIE",
        funding_programme="POWER",
        status="planned",
        start_date=datetime.date(2023, 1, 1),
        end_date=datetime.date(2024, 12, 31),
    )
    assert "WSPARCIE" not in client.get(LIST, {"q": "coach"}).text
    assert "COACH" not in client.get(LIST, {"status": "planned"}).text
    assert "COACH" not in client.get(LIST, {"funding": "power"}).text
    response = client.get(LIST, {"year": "2021"})
    assert "COACH" in response.text
    assert "WSPARCIE" not in response.text


def test_list_bad_filter_values_show_an_error_not_a_crash(client):
    ProgrammeFactory(acronym="COACH")
    response = client.get(LIST, {"status": "bogus", "year": "abc", "page": "999"})
    assert response.status_code == 200
    assert "COACH" in response.text
    assert 'class="errorlist' in response.text


def test_list_is_paginated(client, settings):
    settings.ROZWOJ_PAGE_SIZE = 5
    lead = OrganisationFactory()
    ProgrammeFactory.create_batch(7, lead_institution=lead)
    response = client.get(LIST)
    assert len(response.context["page_obj"].object_list) == 5
    assert len(client.get(LIST, {"page": 2}).context["page_obj"].object_list) == 2


def _list_queries(client):
    with CaptureQueriesContext(connection) as context:
        assert client.get(LIST).status_code == 200
    return len(context.captured_queries)


def test_list_query_count_does_not_grow_with_rows(client, coordinator, settings):
    settings.ROZWOJ_PAGE_SIZE = 500
    client.force_login(coordinator)
    lead = OrganisationFactory()
    for programme in ProgrammeFactory.create_batch(10, lead_institution=lead):
        ProgrammePartnerFactory(programme=programme)
    ten = _list_queries(client)
    for programme in ProgrammeFactory.create_batch(190, lead_institution=OrganisationFactory()):
        ProgrammePartnerFactory(programme=programme)
    assert _list_queries(client) == ten
    assert_page(client, LIST, queries=8, template="programmes/list.html")


# --- detail -----------------------------------------------------------------------------------------


@pytest.fixture
def full_programme():
    latvian = OrganisationFactory(name="LSPA", country="LV", kind="partner_institution")
    programme = ProgrammeFactory(
        name="Coaching for local government",
        acronym="COACH",
        funding_action="KA204",
        agreement_number="AGR-2020-77",
        goal="Better coaching",
    )
    ProgrammePartnerFactory(
        programme=programme, organisation=latvian, role="associate", description="Toolkit"
    )
    PlannedResultFactory(programme=programme, title="Coaching toolkit", due_date=datetime.date(2021, 6, 30))
    IndicatorFactory(
        programme=programme, name="Coaches trained", unit="osoby", target_value=20, achieved_value=5
    )
    return programme


def test_detail_for_anonymous_shows_public_facts_without_agreement_number(client, full_programme):
    response = client.get(reverse("programmes:detail", args=[full_programme.pk]))
    assert response.status_code == 200
    text = response.text
    for fact in (
        "Coaching for local government",
        "KA204",
        "Better coaching",
        "LSPA",
        "Łotwa",
        "Toolkit",
        "Coaching toolkit",
        "30 czerwca 2021",
        "1 września 2020",
        "Coaches trained",
        "25%",
    ):
        assert fact in text, fact
    assert "AGR-2020-77" not in text
    assert "history" not in text


@pytest.mark.parametrize("role", ROLES)
def test_detail_for_logged_in_users(request, as_user, full_programme, role):
    response = as_user(user_for(request, role)).get(reverse("programmes:detail", args=[full_programme.pk]))
    assert response.status_code == 200
    assert "AGR-2020-77" in response.text
    is_coordinator = role == "coordinator"
    assert (reverse("programmes:edit", args=[full_programme.pk]) in response.text) is is_coordinator
    assert ('id="history"' in response.text) is is_coordinator


def test_detail_in_english_names_the_country_in_english(client, full_programme):
    client.cookies["rozwoj_language"] = "en"
    response = client.get(reverse("programmes:detail", args=[full_programme.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "Latvia" in response.text
    assert "June 30, 2021" in response.text


def test_detail_of_non_public_programme_is_404_for_anonymous(client):
    programme = ProgrammeFactory(is_public=False)
    assert client.get(reverse("programmes:detail", args=[programme.pk])).status_code == 404
    assert client.get(reverse("programmes:detail", args=[99999])).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_detail_of_non_public_programme_for_logged_in_users(request, as_user, role):
    programme = ProgrammeFactory(is_public=False)
    assert (
        as_user(user_for(request, role)).get(reverse("programmes:detail", args=[programme.pk])).status_code
        == 200
    )


def test_detail_query_budget(client, full_programme):
    for _ in range(5):
        ProgrammePartnerFactory(programme=full_programme)
    assert_page(
        client,
        reverse("programmes:detail", args=[full_programme.pk]),
        queries=6,
        template="programmes/detail.html",
        contains="Coaching for local government",
    )


# --- create and edit: access ------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client):
    programme = ProgrammeFactory()
    for url in (CREATE, reverse("programmes:edit", args=[programme.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
        assert client.post(url, {}).status_code == 302
    assert Programme.objects.count() == 1


@pytest.mark.parametrize("role", ["expert", "lg_member", "partner_member"])
def test_other_roles_get_403(request, as_user, role):
    programme = ProgrammeFactory()
    client = as_user(user_for(request, role))
    before = snapshot()
    for url in (CREATE, reverse("programmes:edit", args=[programme.pk])):
        assert client.get(url).status_code == 403
        assert client.post(url, form_data(OrganisationFactory())).status_code == 403
    assert snapshot() == before


def test_coordinator_sees_the_form_with_organisations_and_countries(client, coordinator):
    OrganisationFactory(name="LSPA", country="LV")
    client.force_login(coordinator)
    response = client.get(CREATE)
    assert response.status_code == 200
    assert "LSPA — Łotwa" in response.text
    assert 'name="partners-TOTAL_FORMS"' in response.text
    assert 'name="indicators-0-target_value"' in response.text


def test_form_query_count_does_not_grow_with_partners(client, coordinator):
    client.force_login(coordinator)
    programme = ProgrammeFactory()
    ProgrammePartnerFactory(programme=programme)
    url = reverse("programmes:edit", args=[programme.pk])
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    ProgrammePartnerFactory.create_batch(6, programme=programme)
    with CaptureQueriesContext(connection) as seven:
        assert client.get(url).status_code == 200
    assert len(seven.captured_queries) == len(one.captured_queries)


def test_edit_of_missing_programme_is_404(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("programmes:edit", args=[99999])).status_code == 404


# --- create and edit: writes ------------------------------------------------------------------------


def test_coordinator_creates_programme_with_rows(client, coordinator):
    lead = OrganisationFactory(name="KSAP")
    latvian = OrganisationFactory(name="LSPA", country="LV")
    client.force_login(coordinator)
    response = client.post(
        CREATE,
        form_data(
            lead,
            partners=[
                {"organisation": latvian.pk, "role": "partner", "description": "Coaching toolkit"},
                EMPTY_PARTNER,
            ],
            results=[{"title": "Survey", "due_date": "2021-01-31", "status": "planned", "order": 1}],
            indicators=[
                {"name": "Coaches trained", "unit": "osoby", "target_value": "20", "order": 0},
                EMPTY_INDICATOR,
            ],
        ),
    )
    assert response.status_code == 302
    programme = Programme.objects.get()
    assert response["Location"] == reverse("programmes:detail", args=[programme.pk])
    assert programme.acronym == "COACH"
    assert programme.partners.get().organisation == latvian
    assert programme.results.get().due_date == datetime.date(2021, 1, 31)
    assert programme.indicators.get().target_value == 20
    assert history_for(programme).get().actor == coordinator


def test_coordinator_edits_partner_role_adds_and_removes_rows(client, coordinator):
    lead = OrganisationFactory(name="KSAP")
    latvian = OrganisationFactory(name="LSPA", country="LV")
    greek = OrganisationFactory(name="Society in Progress", country="GR")
    programme = ProgrammeFactory(name="Coaching for local government", acronym="COACH", lead_institution=lead)
    partner = ProgrammePartnerFactory(programme=programme, organisation=latvian, role="partner")
    result = PlannedResultFactory(programme=programme, title="Survey")
    client.force_login(coordinator)
    response = client.post(
        reverse("programmes:edit", args=[programme.pk]),
        form_data(
            lead,
            partners=[
                {
                    "id": partner.pk,
                    "programme": programme.pk,
                    "organisation": latvian.pk,
                    "role": "associate",
                },
                {"organisation": greek.pk, "role": "partner"},
            ],
            results=[
                {
                    "id": result.pk,
                    "programme": programme.pk,
                    "title": "Survey",
                    "status": "planned",
                    "order": 0,
                    "DELETE": "on",
                }
            ],
            initial={"partners": 1, "results": 1},
        ),
    )
    assert response.status_code == 302
    assert {(p.organisation.name, p.role) for p in programme.partners.all()} == {
        ("LSPA", "associate"),
        ("Society in Progress", "partner"),
    }
    assert not programme.results.exists()
    detail = client.get(reverse("programmes:detail", args=[programme.pk])).text
    assert "partner stowarzyszony" in detail or "associated partner" in detail
    assert "Society in Progress" in detail
    changes = history_for(programme).get().changes
    assert changes["partners_added"]
    assert changes["partners_changed"]
    assert changes["results_removed"]


# --- bad input: field errors, nothing saved -----------------------------------------------------------


@pytest.fixture
def existing():
    lead = OrganisationFactory(name="KSAP")
    latvian = OrganisationFactory(name="LSPA", country="LV")
    programme = ProgrammeFactory(name="Existing Programme", acronym="EXI", lead_institution=lead)
    partner = ProgrammePartnerFactory(programme=programme, organisation=latvian)
    return programme, partner, lead, latvian


def _bad_inputs(lead, latvian):
    return {
        "end before start": (form_data(lead, end_date="2019-01-01"), "end_date"),
        "name taken": (form_data(lead, name="existing PROGRAMME"), "name"),
        "acronym taken": (form_data(lead, acronym="exi"), "acronym"),
        "bad status": (form_data(lead, status="bogus"), "status"),
        "bad date": (form_data(lead, start_date="31.02.2020"), "start_date"),
        "no name": (form_data(lead, name=""), "name"),
        "missing lead": (form_data(lead, lead_institution="999999"), "lead_institution"),
        "duplicate partner": (
            form_data(lead, partners=[{"organisation": latvian.pk, "role": "partner"}] * 2),
            "organisation",
        ),
        "lead as partner": (
            form_data(lead, partners=[{"organisation": lead.pk, "role": "partner"}]),
            "organisation",
        ),
        "bad partner role": (
            form_data(lead, partners=[{"organisation": latvian.pk, "role": "boss"}]),
            "role",
        ),
        "negative target": (
            form_data(
                lead, indicators=[{"name": "Coaches", "unit": "osoby", "target_value": "-5", "order": 0}]
            ),
            "target_value",
        ),
        "duplicate indicator": (
            form_data(
                lead,
                indicators=[
                    {"name": "Coaches", "unit": "osoby", "target_value": "5", "order": 0},
                    {"name": "coaches", "unit": "osoby", "target_value": "6", "order": 1},
                ],
            ),
            "name",
        ),
        "bad result status": (
            form_data(lead, results=[{"title": "Survey", "status": "bogus", "order": 0}]),
            "status",
        ),
    }


BAD = [
    "end before start",
    "name taken",
    "acronym taken",
    "bad status",
    "bad date",
    "no name",
    "missing lead",
    "duplicate partner",
    "lead as partner",
    "bad partner role",
    "negative target",
    "duplicate indicator",
    "bad result status",
]


def _field_has_error(response, field):
    forms = [response.context["form"]] + [
        row for formset in response.context["formsets"].values() for row in formset.forms
    ]
    return any(field in form.errors for form in forms)


@pytest.mark.parametrize("case", BAD)
def test_bad_input_on_create_shows_field_error_and_saves_nothing(client, coordinator, existing, case):
    _programme, _partner, lead, latvian = existing
    data, field = _bad_inputs(lead, latvian)[case]
    client.force_login(coordinator)
    before = snapshot()
    response = client.post(CREATE, data)
    assert response.status_code == 200
    assert _field_has_error(response, field), response.context["form"].errors
    assert "Popraw błędy" in response.text
    assert snapshot() == before


@pytest.mark.parametrize(
    "case", ["end before start", "acronym taken", "duplicate partner", "negative target"]
)
def test_bad_input_on_edit_changes_nothing(client, coordinator, existing, case):
    programme, _partner, lead, latvian = existing
    other = ProgrammeFactory(name="Another", acronym="ANO", lead_institution=lead)
    data, field = _bad_inputs(lead, latvian)[case]
    data["name"] = "Another"
    if case == "acronym taken":
        data["acronym"] = "exi"
    client.force_login(coordinator)
    before = snapshot()
    response = client.post(reverse("programmes:edit", args=[other.pk]), data)
    assert response.status_code == 200
    assert _field_has_error(response, field)
    assert snapshot() == before


def test_end_date_error_is_in_polish(client, coordinator, existing):
    _programme, _partner, lead, _latvian = existing
    client.force_login(coordinator)
    response = client.post(CREATE, form_data(lead, end_date="2019-01-01"))
    assert "Data zakończenia nie może być wcześniejsza niż data rozpoczęcia." in response.text


def test_editing_keeps_own_name_and_acronym(client, coordinator, existing):
    programme, partner, lead, latvian = existing
    client.force_login(coordinator)
    data = form_data(
        lead,
        name="Existing Programme",
        acronym="EXI",
        status="completed",
        partners=[
            {"id": partner.pk, "programme": programme.pk, "organisation": latvian.pk, "role": "partner"}
        ],
        initial={"partners": 1},
    )
    assert client.post(reverse("programmes:edit", args=[programme.pk]), data).status_code == 302
    programme.refresh_from_db()
    assert programme.status == "completed"
