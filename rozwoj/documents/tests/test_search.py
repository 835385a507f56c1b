"""The site search finds documents by title and description, and only for those who may see them."""

import pytest
from django.utils.html import strip_tags

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import UserFactory
from rozwoj.core.search import search
from rozwoj.documents import services
from rozwoj.documents.models import Visibility
from rozwoj.events.models import RegistrationStatus
from rozwoj.events.tests.factories import EventFactory, RegistrationFactory
from rozwoj.people.tests.factories import person_with_login
from rozwoj.programmes.tests.factories import ProgrammeFactory

from .factories import upload

pytestmark = pytest.mark.django_db


def _titles(user, query):
    results = search(user, query, kind="documents")
    return {strip_tags(hit.title) for group in results.groups for hit in group.hits}


def test_documents_are_found_by_who_may_see_them():
    editor = UserFactory(roles=[Role.ADMINISTRATOR])
    programme = ProgrammeFactory(is_public=True)

    def add(title, **data):
        return services.document_create(
            actor=editor,
            data={"title": title, "description": "Model doradztwa dla samorządów", "language": "pl", **data},
            upload=upload(),
        )

    add("Publiczny model", visibility=Visibility.PUBLIC)
    add("Szkic modelu", visibility=Visibility.STAFF)
    add("Model dla samorządów", visibility=Visibility.ROLE, role=Role.LOCAL_GOVERNMENT_MEMBER)
    add("Model dla uczestników", visibility=Visibility.PROGRAMME, programme=programme)
    participant = person_with_login(None)
    RegistrationFactory(
        event=EventFactory(programme=programme), person=participant, status=RegistrationStatus.CONFIRMED
    )
    every = {"Publiczny model", "Szkic modelu", "Model dla samorządów", "Model dla uczestników"}
    assert _titles(None, "doradztwa") == {"Publiczny model"}
    assert _titles(UserFactory(roles=[Role.LOCAL_GOVERNMENT_MEMBER]), "doradztwa") == {
        "Publiczny model",
        "Model dla samorządów",
    }
    assert _titles(participant.user, "doradztwa") == {"Publiczny model", "Model dla uczestników"}
    assert _titles(UserFactory(roles=[Role.COORDINATOR]), "doradztwa") == every
