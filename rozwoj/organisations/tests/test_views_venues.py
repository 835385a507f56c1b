import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.core.models import AuditLogEntry
from rozwoj.core.testing import assert_page
from rozwoj.organisations.models import Venue
from rozwoj.organisations.tests.factories import (
    GminaFactory,
    OrganisationFactory,
    PowiatFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db
LIST = reverse("organisations:venue_list")
CREATE = reverse("organisations:venue_create")


def form_data(**overrides):
    data = {
        "name": "Centrum Szkoleniowe w Sulejówku",
        "organisation": "",
        "address": "ul. Paderewskiego 1",
        "postal_code": "05-070",
        "city": "Sulejówek",
        "country": "PL",
        "local_government": "",
        "capacity": "40",
        "accessibility_notes": "Wejście bez progów, winda.",
    }
    data.update(overrides)
    return data


def test_anonymous_goes_to_login(client):
    venue = VenueFactory()
    for url in (
        LIST,
        CREATE,
        reverse("organisations:venue_detail", args=[venue.pk]),
        reverse("organisations:venue_edit", args=[venue.pk]),
    ):
        assert client.get(url).status_code == 302


@pytest.mark.parametrize(
    "role", [Role.EXPERT, Role.LOCAL_GOVERNMENT_MEMBER, Role.PARTNER_MEMBER, Role.COORDINATOR]
)
def test_every_logged_in_user_reads_venues(client, role):
    venue = VenueFactory(name="Sala konferencyjna KSAP", city="Warszawa")
    client.force_login(user_with_role(role))
    assert "Sala konferencyjna KSAP" in client.get(LIST).content.decode()
    assert client.get(reverse("organisations:venue_detail", args=[venue.pk])).status_code == 200
    assert client.get(reverse("organisations:venue_detail", args=[venue.pk + 99])).status_code == 404


@pytest.mark.parametrize("role", [Role.EXPERT, Role.LOCAL_GOVERNMENT_MEMBER, Role.PARTNER_MEMBER])
def test_non_coordinators_get_403_on_create_and_edit(client, role):
    venue = VenueFactory()
    client.force_login(user_with_role(role))
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, form_data()).status_code == 403
    assert client.post(reverse("organisations:venue_edit", args=[venue.pk]), form_data()).status_code == 403
    assert Venue.objects.count() == 1


def test_coordinator_creates_and_edits_a_venue_with_history(client, coordinator):
    gmina = GminaFactory(name="Sulejówek", kind="urban_gmina")
    organisation = OrganisationFactory(name="KSAP")
    client.force_login(coordinator)

    response = client.post(CREATE, form_data(organisation=organisation.pk, local_government=gmina.terc))
    venue = Venue.objects.get()
    assert response["Location"] == reverse("organisations:venue_detail", args=[venue.pk])
    assert venue.local_government == gmina
    assert venue.capacity == 40

    response = client.post(reverse("organisations:venue_edit", args=[venue.pk]), form_data(capacity="60"))
    assert response.status_code == 302
    venue.refresh_from_db()
    assert venue.capacity == 60
    assert venue.local_government is None
    assert list(AuditLogEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "venue.create",
        "venue.update",
    ]
    detail = client.get(reverse("organisations:venue_detail", args=[venue.pk]))
    assert len(detail.context["history"]) == 2
    assert "Wejście bez progów" in detail.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"capacity": "0"}, "capacity"),
        ({"capacity": "-5"}, "capacity"),
        ({"capacity": "many"}, "capacity"),
        ({"address": ""}, "address"),
        ({"city": ""}, "city"),
        ({"postal_code": "5070"}, "postal_code"),
        ({"local_government": "1412"}, "local_government"),
        ({"local_government": "9999999"}, "local_government"),
        ({"organisation": "999999"}, "organisation"),
        ({"country": "ZZ"}, "country"),
    ],
)
def test_bad_venue_input_is_refused(client, coordinator, overrides, field):
    if overrides.get("local_government") == "1412":
        PowiatFactory(terc="1412")
    client.force_login(coordinator)
    response = client.post(CREATE, form_data(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Venue.objects.exists()


def test_duplicate_venue_is_refused(client, coordinator):
    VenueFactory(name="Centrum Szkoleniowe w Sulejówku", city="Sulejówek", country="PL")
    client.force_login(coordinator)
    response = client.post(CREATE, form_data(name="centrum szkoleniowe w sulejówku"))
    assert "name" in response.context["form"].errors
    assert Venue.objects.count() == 1
    assert client.post(CREATE, form_data(city="Warszawa", postal_code="00-001")).status_code == 302


def test_venue_list_queries_are_bounded(client, expert):
    client.force_login(expert)
    organisation = OrganisationFactory()
    VenueFactory.create_batch(10, organisation=organisation)
    with CaptureQueriesContext(connection) as small:
        assert_page(client, LIST, queries=8, template="organisations/venues/list.html")
    VenueFactory.create_batch(190, organisation=organisation)
    with CaptureQueriesContext(connection) as large:
        assert_page(client, LIST, queries=8, data={"q": "venue"}, template="organisations/venues/list.html")
    assert len(small) == len(large)


def test_coordinator_gets_404_for_an_unknown_venue(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("organisations:venue_edit", args=[999])).status_code == 404
    assert client.get(reverse("organisations:venue_detail", args=[999])).status_code == 404
    assert client.get(CREATE).status_code == 200
