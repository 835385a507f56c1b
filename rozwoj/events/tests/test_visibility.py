import pytest

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.events.models import EventStatus, EventTrainer, Visibility
from rozwoj.events.selectors import events_visible_to
from rozwoj.events.tests.factories import EventFactory
from rozwoj.people.tests.factories import person_with_login

pytestmark = pytest.mark.django_db


def test_drafts_are_hidden_from_a_login_without_a_person_and_without_trainers():
    draft = EventFactory(status=EventStatus.DRAFT)
    planned = EventFactory(status=EventStatus.PLANNED)
    visible = set(events_visible_to(user_with_role(Role.EXPERT)))
    assert planned in visible
    assert draft not in visible


def test_trainers_see_their_draft_and_coordinators_see_every_draft():
    draft = EventFactory(status=EventStatus.DRAFT)
    trainer = person_with_login(Role.EXPERT)
    EventTrainer.objects.create(event=draft, person=trainer)
    assert draft in events_visible_to(trainer.user)
    assert draft not in events_visible_to(person_with_login(Role.EXPERT).user)
    assert draft in events_visible_to(user_with_role(Role.COORDINATOR))


def test_anonymous_visitors_see_public_events_only():
    from django.contrib.auth.models import AnonymousUser

    public = EventFactory(visibility=Visibility.PUBLIC)
    internal = EventFactory(visibility=Visibility.INTERNAL)
    visible = set(events_visible_to(AnonymousUser()))
    assert public in visible
    assert internal not in visible
