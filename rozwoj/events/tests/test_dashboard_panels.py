"""Things to do on the dashboard: what is open for registration, registrations awaiting approval, events one
runs; each in one or two queries whatever the number of events."""

import datetime

import pytest
from django.utils import timezone

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.events.models import EventStatus, EventTrainer, RegistrationStatus
from rozwoj.events.selectors.dashboard import awaiting_approval, events_trained_by, open_for_registration_to
from rozwoj.people.tests.factories import person_with_login

from .factories import EventFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def open_event(**kwargs):
    event = EventFactory(status=EventStatus.PLANNED, registration_opens_at=timezone.now() - DAY, **kwargs)
    SessionFactory(event=event)
    return event


def test_open_for_registration_leaves_out_what_does_not_concern_the_user(django_assert_max_num_queries):
    person = person_with_login(Role.EXPERT)
    wanted = open_event(title="Otwarte")
    registered = open_event()
    RegistrationFactory(event=registered, person=person)
    trained = open_event()
    EventTrainer.objects.create(event=trained, person=person)
    open_event(audience_roles=[Role.LOCAL_GOVERNMENT_MEMBER])
    not_yet = EventFactory(status=EventStatus.PLANNED, registration_opens_at=timezone.now() + DAY)
    SessionFactory(event=not_yet)
    started = open_event()
    started.sessions.update(starts_at=timezone.now() - DAY)
    for _ in range(5):
        open_event()
    with django_assert_max_num_queries(2):  # the events, and the user's person for what they may see
        found = open_for_registration_to(person.user, limit=20)
    assert wanted in found
    assert not {registered, trained, not_yet, started} & set(found)
    assert len(found) == 6


def test_awaiting_approval_for_coordinators_only():
    event = open_event(requires_approval=True)
    RegistrationFactory.create_batch(2, event=event, status=RegistrationStatus.PENDING)
    RegistrationFactory(event=event, status=RegistrationStatus.CONFIRMED)
    coordinator = user_with_role(Role.COORDINATOR)
    assert [(e, e.pending) for e in awaiting_approval(coordinator)] == [(event, 2)]
    assert awaiting_approval(user_with_role(Role.EXPERT)) == []


def test_events_trained_by_the_user(django_assert_max_num_queries):
    person = person_with_login(Role.EXPERT)
    event = open_event()
    EventTrainer.objects.create(event=event, person=person)
    RegistrationFactory.create_batch(3, event=event)
    SessionFactory(event=event)  # a second session does not double the count
    open_event()
    with django_assert_max_num_queries(1):
        found = events_trained_by(person.user)
    assert [(e, e.active_count) for e in found] == [(event, 3)]
