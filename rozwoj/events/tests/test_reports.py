import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.events.models import AttendanceMode, EventStatus, RegistrationStatus, Visibility
from rozwoj.events.selectors.reports import event_figures, upcoming_events_for
from rozwoj.people.tests.factories import PersonFactory, person_with_login

from .factories import EventFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 5, 4, 8, 0, tzinfo=datetime.UTC)
DAY = datetime.timedelta(days=1)


def event(status, *, start=NOW + 10 * DAY, hours=("6",), **kwargs):
    event = EventFactory(status=status, **kwargs)
    for order, h in enumerate(hours, start=1):
        SessionFactory(event=event, order=order, starts_at=start + (order - 1) * DAY, hours=Decimal(h))
    return event


@pytest.fixture
def coordinator():
    return user_with_role(Role.COORDINATOR)


def test_event_figures(coordinator):
    planned = event(EventStatus.PLANNED, start=NOW + 3 * DAY)
    open_ = event(EventStatus.REGISTRATION_OPEN, start=NOW + 1 * DAY)
    closed = event(EventStatus.REGISTRATION_CLOSED, start=NOW + 2 * DAY)
    held = event(EventStatus.HELD, start=NOW - 30 * DAY, hours=("6", "7.5"))
    held2 = event(EventStatus.HELD, start=NOW - 60 * DAY, hours=("4",))
    cancelled = event(EventStatus.CANCELLED, hours=("100",))
    event(EventStatus.DRAFT, hours=("50",))
    someone = PersonFactory()
    RegistrationFactory(event=held, person=someone)
    RegistrationFactory(event=held2, person=someone)  # counted once
    RegistrationFactory(event=open_)
    RegistrationFactory(event=closed, status=RegistrationStatus.WAITING)  # not a participant
    RegistrationFactory(event=cancelled, status=RegistrationStatus.CANCELLED)

    figures = event_figures(coordinator, now=NOW)

    assert (figures["planned"], figures["held"], figures["cancelled"]) == (3, 2, 1)
    assert figures["participants"] == 2
    assert figures["hours"] == Decimal("17.5")
    assert figures["upcoming"] == [open_, closed, planned]
    assert figures["upcoming"][0].next_start == NOW + DAY


def test_upcoming_lists_five_by_next_session_and_skips_past(coordinator):
    events = [event(EventStatus.REGISTRATION_OPEN, start=NOW + (10 - n) * DAY) for n in range(7)]
    event(EventStatus.REGISTRATION_OPEN, start=NOW - 5 * DAY)  # over
    # started yesterday; its second session runs now (not over yet), its third is tomorrow
    ongoing = event(EventStatus.REGISTRATION_CLOSED, start=NOW - DAY, hours=("6", "6", "6"))
    upcoming = event_figures(coordinator, now=NOW)["upcoming"]
    assert upcoming == [ongoing, events[6], events[5], events[4], events[3]]
    assert upcoming[0].next_start == NOW


def test_empty_figures(coordinator):
    figures = event_figures(coordinator, now=NOW)
    assert figures == {
        "planned": 0,
        "held": 0,
        "cancelled": 0,
        "participants": 0,
        "hours": Decimal("0"),
        "upcoming": [],
    }


def test_figures_respect_visibility_for_non_coordinators():
    event(EventStatus.DRAFT, start=NOW + DAY)
    visible = event(EventStatus.PLANNED, start=NOW + DAY, visibility=Visibility.INTERNAL)
    expert = user_with_role(Role.EXPERT)
    figures = event_figures(expert, now=NOW)
    assert figures["planned"] == 1
    assert figures["upcoming"] == [visible]


def test_figures_use_a_fixed_number_of_queries(coordinator, django_assert_max_num_queries):
    def build(n):
        for _ in range(n):
            e = event(EventStatus.HELD, start=NOW - 10 * DAY, hours=("3", "3"))
            RegistrationFactory.create_batch(2, event=e)
            event(EventStatus.REGISTRATION_OPEN, start=NOW + 5 * DAY)

    build(2)
    # roles are read once per request, before the dashboard asks for figures
    assert coordinator.is_coordinator
    with CaptureQueriesContext(connection) as few:
        event_figures(coordinator, now=NOW)
    build(20)
    with CaptureQueriesContext(connection) as many:
        event_figures(coordinator, now=NOW)
    assert len(few) == len(many)
    with django_assert_max_num_queries(4):
        event_figures(coordinator, now=NOW)


def test_upcoming_events_for_a_participant():
    person = person_with_login(Role.EXPERT)
    user = person.user
    confirmed = event(EventStatus.REGISTRATION_OPEN, start=NOW + 2 * DAY, hours=("6", "6"))
    waiting = event(EventStatus.REGISTRATION_CLOSED, start=NOW + DAY)
    past = event(EventStatus.HELD, start=NOW - 10 * DAY)
    cancelled_event = event(EventStatus.CANCELLED, start=NOW + DAY)
    withdrawn = event(EventStatus.REGISTRATION_OPEN, start=NOW + DAY)
    someone_elses = event(EventStatus.REGISTRATION_OPEN, start=NOW + DAY)
    RegistrationFactory(event=confirmed, person=person, mode=AttendanceMode.ONLINE)
    RegistrationFactory(event=waiting, person=person, status=RegistrationStatus.WAITING)
    RegistrationFactory(event=past, person=person)
    RegistrationFactory(event=cancelled_event, person=person)
    RegistrationFactory(event=withdrawn, person=person, status=RegistrationStatus.CANCELLED)
    RegistrationFactory(event=someone_elses)

    sessions = upcoming_events_for(user, now=NOW)

    assert [(s.event, s.order) for s in sessions] == [(waiting, 1), (confirmed, 1), (confirmed, 2)]
    assert sessions[0].registration_status == RegistrationStatus.WAITING
    assert sessions[1].registration_mode == AttendanceMode.ONLINE
    assert str(sessions[1].registration_status_label)
    assert len(upcoming_events_for(user, limit=2, now=NOW)) == 2


def test_upcoming_events_for_is_one_query(django_assert_num_queries):
    person = person_with_login()
    for n in range(8):
        RegistrationFactory(event=event(EventStatus.REGISTRATION_OPEN, start=NOW + n * DAY), person=person)
    with django_assert_num_queries(1):
        sessions = upcoming_events_for(person.user, now=NOW)
        [(s.event.title, s.event.kind.name, s.venue and s.venue.name) for s in sessions]


def test_upcoming_events_for_anonymous():
    from django.contrib.auth.models import AnonymousUser

    assert upcoming_events_for(AnonymousUser()) == []


def test_dashboard_partials_render(coordinator):
    from django.template.loader import render_to_string

    upcoming = event(EventStatus.REGISTRATION_OPEN, start=NOW + DAY, title="Najbliższe szkolenie")
    event(EventStatus.HELD, start=NOW - 10 * DAY, hours=("6", "1.5"))
    html = render_to_string(
        "events/dashboard/_figures.html", {"figures": event_figures(coordinator, now=NOW)}
    )
    assert f'href="/events/{upcoming.pk}/"' in html
    assert "Najbliższe szkolenie" in html
    assert '<span class="figure">7,50</span>' in html  # hours, localised

    person = person_with_login()
    RegistrationFactory(event=upcoming, person=person, status=RegistrationStatus.WAITING)
    html = render_to_string(
        "events/dashboard/_my_upcoming.html", {"sessions": upcoming_events_for(person.user, now=NOW)}
    )
    assert "Najbliższe szkolenie" in html
    assert str(RegistrationStatus.WAITING.label) in html or "oczekujących" in html
    assert 'href="/events/my/"' in html
    empty = render_to_string("events/dashboard/_my_upcoming.html", {"sessions": []})
    assert 'href="/events/my/"' in empty
