"""The visitors' home page: what the platform does, trainings open for registration, programmes; the sections
come from the apps' registrations (rozwoj.core.home)."""

import datetime

import pytest
from django.utils import timezone

from rozwoj.core.home import HomeSection, _sections, home_sections, register_home_section
from rozwoj.core.testing import assert_page
from rozwoj.events.models import EventStatus, Visibility
from rozwoj.events.tests.factories import EventFactory, SessionFactory
from rozwoj.people.tests.factories import person_with_login
from rozwoj.programmes.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def open_event(title, **kwargs):
    event = EventFactory(title=title, status=EventStatus.REGISTRATION_OPEN, **kwargs)
    SessionFactory(event=event, starts_at=timezone.now() + datetime.timedelta(days=10))
    return event


def test_a_visitor_sees_what_the_platform_does_and_what_is_open_for_registration(client):
    open_event("Szkolenie z budżetu zadaniowego")
    open_event("Spotkanie wewnętrzne", visibility=Visibility.INTERNAL)
    EventFactory(title="Szkic szkolenia", status=EventStatus.DRAFT)
    ProgrammeFactory(name="Program publiczny", is_public=True)
    ProgrammeFactory(name="Program wewnętrzny", is_public=False)
    response = assert_page(
        client,
        "/",
        queries=4,
        template="dashboard/public_home.html",
        contains=[
            "platforma, na której działają programy instytucji",
            "Najbliższe szkolenia i spotkania z otwartą rejestracją",
            "Szkolenie z budżetu zadaniowego",
            "Program publiczny",
            'role="search"',
        ],
    )
    body = response.content.decode()
    assert "Spotkanie wewnętrzne" not in body
    assert "Szkic szkolenia" not in body
    assert "Program wewnętrzny" not in body
    assert body.index("Szkolenie z budżetu zadaniowego") < body.index("Program publiczny")


def test_the_home_page_query_budget_does_not_grow_with_the_data(client):
    for number in range(30):
        open_event(f"Szkolenie {number}")
        ProgrammeFactory()
    assert_page(client, "/", queries=4, template="dashboard/public_home.html")


def test_an_app_adds_a_section_by_registering_it(client):
    section = HomeSection(
        key="test-news",
        order=20,
        template="dashboard/tests/_section.html",
        items=lambda user: ["Nowy wpis"],
        for_signed_in=True,
    )
    register_home_section(section)
    try:
        keys = [filled.key for filled in home_sections(None)]
        assert keys.index("test-news") > keys.index("events") if "events" in keys else "test-news" in keys
        signed_in = person_with_login().user
        assert [filled.key for filled in home_sections(signed_in)] == ["test-news"]
    finally:
        _sections.pop("test-news")


def test_a_signed_in_user_sees_their_next_sessions_first(client):
    person = person_with_login()
    client.force_login(person.user)
    body = client.get("/").content.decode()
    assert body.index('id="my-upcoming-heading"') < body.index("</main>")
    assert (
        "Najbliższe szkolenia i spotkania z otwartą rejestracją" not in body
    )  # the dashboard has its own list
