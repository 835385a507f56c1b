"""Registration opens and closes when its dates say so: the window is computed on every read, the coordinator may
open it by hand, close it early and reopen it, and the event page says what will happen and when."""

import datetime
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.events.models import Event, EventStatus
from rozwoj.events.selectors.registration_window import (
    WindowState,
    effective_status_filter,
    open_for_registration,
    registration_window,
)
from rozwoj.events.services import events as services
from rozwoj.people.tests.factories import person_with_login

from .factories import EventFactory, SessionFactory, at

pytestmark = pytest.mark.django_db

NOW = at(2027, 1, 5, 12)
DAY = datetime.timedelta(days=1)


def window(status, opens=None, closes=None, now=NOW):
    event = Event(status=status, registration_opens_at=opens, registration_closes_at=closes)
    return registration_window(event, now=now)


@pytest.mark.parametrize(
    ("status", "opens", "closes", "state"),
    [
        (EventStatus.DRAFT, NOW - DAY, None, WindowState.DRAFT),
        (EventStatus.PLANNED, NOW + DAY, None, WindowState.NOT_YET),
        (EventStatus.PLANNED, NOW - DAY, None, WindowState.OPEN),  # the date passed: open, nobody stepped it
        (EventStatus.PLANNED, NOW, NOW + DAY, WindowState.OPEN),  # opens exactly at its date
        (EventStatus.PLANNED, NOW - 2 * DAY, NOW, WindowState.CLOSED_BY_DATE),  # closes exactly at its date
        (EventStatus.PLANNED, None, None, WindowState.NOT_SCHEDULED),
        (EventStatus.REGISTRATION_OPEN, None, None, WindowState.OPEN),  # opened by hand
        (EventStatus.REGISTRATION_OPEN, NOW + DAY, None, WindowState.NOT_YET),  # the date still rules
        (EventStatus.REGISTRATION_OPEN, None, NOW - DAY, WindowState.CLOSED_BY_DATE),
        (EventStatus.REGISTRATION_CLOSED, NOW - DAY, NOW + DAY, WindowState.CLOSED_BY_COORDINATOR),  # early
        (EventStatus.HELD, None, None, WindowState.HELD),
        (EventStatus.CANCELLED, NOW - DAY, NOW + DAY, WindowState.CANCELLED),
    ],
)
def test_the_state_follows_the_dates_and_the_coordinator(status, opens, closes, state):
    assert window(status, opens, closes).state == state


def test_the_page_says_what_will_happen_and_when():
    with translation.override("en"):
        opens = window(EventStatus.PLANNED, at(2027, 1, 9, 10)).message()
        assert opens.startswith("Registration opens on ")
        assert "9, 2027" in opens or "9 Jan" in opens
        assert not opens.endswith("..")
        until = window(EventStatus.PLANNED, NOW - DAY, at(2027, 1, 20, 16)).message()
        assert until.startswith("Registration is open until ")
        assert "20" in until
    with translation.override("pl"):
        assert window(EventStatus.PLANNED, at(2027, 1, 9, 10)).message() == (
            "Zapisy rozpoczną się 9 stycznia 2027, 10:00."
        )


def test_lists_filter_by_the_same_rule_as_pages():
    """Every combination of status and dates: the list filter agrees with the computed window."""
    moments = [None, NOW - 2 * DAY, NOW - DAY, NOW + DAY, NOW + 2 * DAY]
    for status in EventStatus.values:
        for opens, closes in itertools.product(moments, moments):
            if opens and closes and closes <= opens:
                continue
            EventFactory(status=status, registration_opens_at=opens, registration_closes_at=closes)
    events = list(Event.objects.all())
    expected_open = {e.pk for e in events if registration_window(e, now=NOW).is_open}
    assert set(Event.objects.filter(open_for_registration(NOW)).values_list("pk", flat=True)) == expected_open
    for status in EventStatus.values:
        expected = {e.pk for e in events if registration_window(e, now=NOW).effective_status == status}
        found = set(Event.objects.filter(effective_status_filter(status, NOW)).values_list("pk", flat=True))
        assert found == expected, status


@pytest.fixture
def coordinator():
    return user_with_role(Role.COORDINATOR)


def test_published_training_opens_on_its_date_without_a_step(client):
    now = timezone.now()
    event = EventFactory(status=EventStatus.PLANNED, registration_opens_at=now + DAY)
    SessionFactory(event=event)
    person = person_with_login()
    client.force_login(person.user)
    page = client.get(reverse("events:detail", args=[event.pk])).text
    assert "Zapisy rozpoczną się" in page
    assert reverse("events:register", args=[event.pk]) not in page
    Event.objects.filter(pk=event.pk).update(registration_opens_at=now - DAY)
    page = client.get(reverse("events:detail", args=[event.pk])).text
    assert "zapisy otwarte" in page  # the badge: the effective status
    assert reverse("events:register", args=[event.pk]) in page
    listed = client.get(reverse("events:list"), {"status": EventStatus.REGISTRATION_OPEN}).text
    assert event.title in listed


def test_coordinator_closes_early_and_reopens(client, coordinator):
    now = timezone.now()
    event = EventFactory(
        status=EventStatus.PLANNED, registration_opens_at=now - 2 * DAY, registration_closes_at=now + DAY
    )
    SessionFactory(event=event)
    client.force_login(coordinator)
    detail = reverse("events:detail", args=[event.pk])
    page = client.get(detail).text
    assert "Zamknij zapisy teraz" in page
    client.post(reverse("events:status", args=[event.pk]), {"status": EventStatus.REGISTRATION_CLOSED})
    event.refresh_from_db()
    assert not registration_window(event).is_open
    assert "Otwórz zapisy ponownie" in client.get(detail).text
    client.post(reverse("events:status", args=[event.pk]), {"status": EventStatus.REGISTRATION_OPEN})
    event.refresh_from_db()
    assert registration_window(event).is_open


def test_opening_by_hand_removes_a_future_opening_date(coordinator):
    event = EventFactory(status=EventStatus.PLANNED, registration_opens_at=timezone.now() + 3 * DAY)
    SessionFactory(event=event)
    assert not registration_window(event).is_open
    services.event_set_status(actor=coordinator, event=event, status=EventStatus.REGISTRATION_OPEN)
    event.refresh_from_db()
    assert event.registration_opens_at is None
    assert registration_window(event).is_open


def test_reopening_after_the_closing_date_removes_the_past_date(coordinator):
    now = timezone.now()
    event = EventFactory(
        status=EventStatus.REGISTRATION_CLOSED,
        registration_opens_at=now - 3 * DAY,
        registration_closes_at=now - DAY,
    )
    SessionFactory(event=event)
    services.event_set_status(actor=coordinator, event=event, status=EventStatus.REGISTRATION_OPEN)
    event.refresh_from_db()
    assert event.registration_closes_at is None
    assert registration_window(event).is_open


def test_the_edit_page_explains_the_statuses(client, coordinator):
    event = EventFactory()
    client.force_login(coordinator)
    page = client.get(reverse("events:edit", args=[event.pk])).text
    assert 'id="statuses"' in page
    assert "Kiedy zapisy są otwarte" in page


def test_the_api_reports_the_effective_status(client):
    now = timezone.now()
    event = EventFactory(status=EventStatus.PLANNED, registration_opens_at=now - DAY)
    SessionFactory(event=event)
    data = client.get("/api/v1/events/", {"status": EventStatus.REGISTRATION_OPEN}).json()
    row = next(item for item in data["items"] if item["id"] == event.pk)
    assert row["status"] == EventStatus.REGISTRATION_OPEN
    assert row["registration_open"] is True
