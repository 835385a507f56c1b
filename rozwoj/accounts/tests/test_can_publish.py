"""The editor right: administrators, and coordinators an administrator made editors, publish news and
documents; a coordinator cannot give it to themselves."""

import pytest
from django.urls import reverse

from rozwoj.accounts.models import Role
from rozwoj.accounts.permissions import can_publish
from rozwoj.accounts.tests.factories import UserFactory
from rozwoj.people.services import assignable_roles

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("roles", "expected"),
    [
        ([Role.ADMINISTRATOR], True),
        ([Role.COORDINATOR, Role.EDITOR], True),
        ([Role.COORDINATOR], False),
        ([Role.EDITOR], False),  # the right without the coordinator role gives nothing
        ([Role.EXPERT], False),
        ([], False),
    ],
)
def test_who_may_publish(roles, expected):
    assert can_publish(UserFactory(roles=roles)) is expected


def test_anonymous_may_not_publish():
    from django.contrib.auth.models import AnonymousUser

    assert can_publish(AnonymousUser()) is False
    assert can_publish(None) is False


def test_only_an_administrator_grants_the_editor_right():
    assert Role.EDITOR in assignable_roles(UserFactory(roles=[Role.ADMINISTRATOR]))
    assert Role.EDITOR not in assignable_roles(UserFactory(roles=[Role.COORDINATOR]))


def test_the_roles_page_offers_the_editor_right_to_an_administrator(client):
    from rozwoj.people.tests.factories import PersonFactory

    person = PersonFactory(user=UserFactory(roles=[Role.COORDINATOR]))
    client.force_login(UserFactory(roles=[Role.ADMINISTRATOR]))
    text = client.get(reverse("people:roles", args=[person.pk])).content.decode()
    assert 'value="editor"' in text
    client.force_login(UserFactory(roles=[Role.COORDINATOR]))
    text = client.get(reverse("people:roles", args=[person.pk])).content.decode()
    assert 'value="editor"' not in text
