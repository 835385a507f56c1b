"""Events and programmes in the site search: who finds which event, and the index follows the services."""

import pytest

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.core.search import grants_for, reindex, search
from rozwoj.events.models import EventStatus, RegistrationStatus, Visibility
from rozwoj.events.services import events as event_services
from rozwoj.events.tests.factories import (
    EventFactory,
    RegistrationFactory,
    SessionFactory,
    event_data,
    session_data,
)
from rozwoj.organisations.tests.factories import VenueFactory
from rozwoj.people.tests.factories import person_with_login
from rozwoj.programmes.services import programme_update
from rozwoj.programmes.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def found(user, query, kind="events"):
    return [
        str(hit.title).replace("<mark>", "").replace("</mark>", "")
        for group in search(user, query, kind=kind).groups
        for hit in group.hits
    ]


def test_public_internal_and_draft_events():
    EventFactory(title="Szkolenie z budżetu otwarte", visibility=Visibility.PUBLIC)
    EventFactory(title="Szkolenie z budżetu wewnętrzne", visibility=Visibility.INTERNAL)
    EventFactory(title="Szkolenie z budżetu szkic", status=EventStatus.DRAFT)
    reindex("events")
    assert found(None, "budżet") == ["Szkolenie z budżetu otwarte"]
    member = user_with_role(Role.LOCAL_GOVERNMENT_MEMBER)
    assert sorted(found(member, "budżetu")) == [
        "Szkolenie z budżetu otwarte",
        "Szkolenie z budżetu wewnętrzne",
    ]
    coordinator = user_with_role(Role.COORDINATOR)
    assert "Szkolenie z budżetu szkic" not in found(coordinator, "budżet")  # drafts are never found


def test_venue_city_and_description_are_found():
    event = EventFactory(title="Warsztaty", description="Praca z **mieszkańcami** gminy")
    SessionFactory(event=event, venue=VenueFactory(city="Łódź"))
    reindex("events", [event.pk])
    assert found(None, "lodz") == ["Warsztaty"]
    assert found(None, "mieszkańców") == ["Warsztaty"]


def test_services_keep_the_index_in_step():
    coordinator = user_with_role(Role.COORDINATOR)
    event = event_services.event_create(
        actor=coordinator, data=event_data(title="Spotkanie sieci koordynatorów"), trainers=None
    )
    assert found(None, "sieci") == []  # a draft
    event_services.event_set_status(actor=coordinator, event=event, status=EventStatus.PLANNED)
    assert found(None, "sieci") == ["Spotkanie sieci koordynatorów"]
    event_services.event_update(actor=coordinator, event=event, data={"title": "Spotkanie partnerów z Łotwy"})
    assert found(None, "sieci") == []
    assert found(None, "łotwa") == ["Spotkanie partnerów z Łotwy"]
    event_services.session_create(
        actor=coordinator, event=event, data=session_data(venue=VenueFactory(city="Kraków"))
    )
    assert found(None, "Krakowie") == ["Spotkanie partnerów z Łotwy"]


def test_registrants_hold_the_grant_of_their_events():
    person = person_with_login()
    event = EventFactory()
    RegistrationFactory(event=event, person=person)
    cancelled = RegistrationFactory(person=person, status=RegistrationStatus.CANCELLED)
    grants = grants_for(person.user)
    assert f"event:{event.pk}" in grants
    assert f"event:{cancelled.event_id}" not in grants
    assert grants_for(None) == frozenset({"public"})


def test_programmes_public_for_everyone_the_others_for_signed_in_users():
    coordinator = user_with_role(Role.COORDINATOR)
    public = ProgrammeFactory(name="Doradztwo dla samorządów", is_public=True)
    ProgrammeFactory(name="Doradztwo wewnętrzne", is_public=False)
    reindex("programmes")
    assert found(None, "doradztwa", "programmes") == [f"Doradztwo dla samorządów ({public.acronym})"]
    assert len(found(user_with_role(None), "doradztwo", "programmes")) == 2
    programme_update(actor=coordinator, programme=public, data={"name": "Coaching dla liderów"})
    assert found(None, "coachingu", "programmes") == [f"Coaching dla liderów ({public.acronym})"]


def test_an_event_follows_its_programme_name_and_its_venues_city():
    """The event's entry shows its programme's name and its venues' cities; the services of programmes and
    venues reindex the events that show them (core.search.related_changed), and no others."""
    from rozwoj.organisations.services import venue_update

    coordinator = user_with_role(Role.COORDINATOR)
    programme = ProgrammeFactory(name="Akademia samorządowa", is_public=True)
    venue = VenueFactory(city="Gdańsk")
    event = EventFactory(title="Warsztat otwarcia", programme=programme)
    SessionFactory(event=event, venue=venue)
    other = EventFactory(title="Warsztat zamknięcia")
    SessionFactory(event=other, venue=VenueFactory(city="Opole"))
    reindex("events")
    assert found(None, "akademia") == ["Warsztat otwarcia"]

    programme_update(actor=coordinator, programme=programme, data={"name": "Szkoła liderów gmin"})
    assert found(None, "akademia") == []
    assert found(None, "liderów") == ["Warsztat otwarcia"]

    assert found(None, "gdansk") == ["Warsztat otwarcia"]
    venue_update(actor=coordinator, venue=venue, data={"city": "Sopot"})
    assert found(None, "gdansk") == []
    assert found(None, "sopocie") == ["Warsztat otwarcia"]
    assert found(None, "opole") == ["Warsztat zamknięcia"]  # events elsewhere untouched


def test_a_venue_change_without_a_new_city_reindexes_nothing(django_assert_max_num_queries):
    from rozwoj.organisations.services import venue_update

    coordinator = user_with_role(Role.COORDINATOR)
    venue = VenueFactory(city="Gdańsk", name="Sala A")
    SessionFactory(event=EventFactory(title="Warsztat"), venue=venue)
    reindex("events")
    with django_assert_max_num_queries(8):
        venue_update(actor=coordinator, venue=venue, data={"name": "Sala B"})
    assert found(None, "gdansk") == ["Warsztat"]
