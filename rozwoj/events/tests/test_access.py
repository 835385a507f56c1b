"""The access functions: 404 when the caller may not see the object, 403 when `manage` asks for more."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from rozwoj.accounts.permissions import require_coordinator
from rozwoj.events.models import EventStatus
from rozwoj.events.selectors import (
    access_event,
    access_own_registration,
    access_registration,
    access_session,
)
from rozwoj.people.tests.factories import person_with_login

from .factories import EventFactory, SessionFactory, coordinator, participant, trainer_of

pytestmark = pytest.mark.django_db


def test_access_event_404_403_and_allowed():
    draft = EventFactory(status=EventStatus.DRAFT)
    public = EventFactory()
    outsider = person_with_login().user
    with pytest.raises(Http404):
        access_event(outsider, draft.pk)
    with pytest.raises(Http404):
        access_event(AnonymousUser(), draft.pk)
    with pytest.raises(Http404):
        access_event(outsider, 999_999)
    assert access_event(outsider, public.pk) == public
    with pytest.raises(PermissionDenied):
        access_event(outsider, public.pk, manage=True)
    assert access_event(trainer_of(draft), draft.pk, manage=True) == draft
    assert access_event(coordinator(), draft.pk, manage=True, related=("organiser",)) == draft


def test_access_session_checks_its_event():
    session = SessionFactory(event=EventFactory(status=EventStatus.DRAFT))
    outsider = person_with_login().user
    with pytest.raises(Http404):
        access_session(outsider, session.pk, manage=True)
    assert access_session(trainer_of(session.event), session.pk, manage=True) == session


def test_access_registration_and_own_registration():
    event = EventFactory()
    registration = participant(event)
    trainer = trainer_of(event)
    stranger = person_with_login().user
    assert access_registration(trainer, registration.pk, manage=True) == registration
    with pytest.raises(PermissionDenied):
        access_registration(stranger, registration.pk, manage=True)
    assert access_own_registration(registration.person.user, registration.pk) == registration
    assert access_own_registration(coordinator(), registration.pk) == registration
    with pytest.raises(Http404):
        access_own_registration(trainer, registration.pk)
    with pytest.raises(PermissionDenied):  # the API tells the event's trainers it is not theirs to cancel
        access_own_registration(trainer, registration.pk, managers_forbidden=True)
    with pytest.raises(Http404):
        access_own_registration(stranger, registration.pk, managers_forbidden=True)


def test_require_coordinator():
    require_coordinator(coordinator())
    for user in (AnonymousUser(), person_with_login().user, None):
        with pytest.raises(PermissionDenied):
            require_coordinator(user)
