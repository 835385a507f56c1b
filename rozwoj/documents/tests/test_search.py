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


def test_a_programme_document_is_found_by_its_programme_participants_only():
    """Only documents restrict by programme (events are public or for the signed-in, published news public), so
    "programme:<id>" grants go to documents; a participant of another programme, an unconfirmed registrant and a
    plain signed-in user never find the document, in the search or through its own page."""
    editor = UserFactory(roles=[Role.ADMINISTRATOR])
    programme, other = ProgrammeFactory(is_public=True), ProgrammeFactory(is_public=True)
    services.document_create(
        actor=editor,
        data={
            "title": "Raport dla uczestników",
            "description": "Wyniki ankiet",
            "language": "pl",
            "visibility": Visibility.PROGRAMME,
            "programme": programme,
        },
        upload=upload(),
    )
    insider, elsewhere, waiting = person_with_login(None), person_with_login(None), person_with_login(None)
    RegistrationFactory(
        event=EventFactory(programme=programme), person=insider, status=RegistrationStatus.CONFIRMED
    )
    RegistrationFactory(
        event=EventFactory(programme=other), person=elsewhere, status=RegistrationStatus.CONFIRMED
    )
    RegistrationFactory(
        event=EventFactory(programme=programme), person=waiting, status=RegistrationStatus.CANCELLED
    )
    assert _titles(insider.user, "ankieta") == {"Raport dla uczestników"}
    for user in (None, elsewhere.user, waiting.user, UserFactory(roles=[Role.LOCAL_GOVERNMENT_MEMBER])):
        assert _titles(user, "ankieta") == set()
    assert search(elsewhere.user, "ankieta").total == 0  # not in any kind's count either
