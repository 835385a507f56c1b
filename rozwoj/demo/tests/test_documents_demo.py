"""The demo library promises "Model doradztwa dla JST" as a public PDF in its second version with the first kept,
and the ORE training programme as a document, linked to their programme."""

import pytest
from django.urls import reverse

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import UserFactory
from rozwoj.demo import data
from rozwoj.demo.documents import MODEL_TITLE, PROGRAMME_TITLE, load_documents_demo
from rozwoj.documents.models import Document, Visibility
from rozwoj.programmes.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_the_demo_library(client):
    UserFactory(email=data.ACCOUNTS[0][0], roles=[Role.ADMINISTRATOR])
    programme = ProgrammeFactory(acronym="Wsparcie JST", is_public=True)
    load_documents_demo()
    model = Document.objects.get(title=MODEL_TITLE)
    assert model.visibility == Visibility.PUBLIC
    assert model.programme == programme
    assert list(model.versions.values_list("number", flat=True)) == [2, 1]
    assert model.current_version.number == 2
    training = Document.objects.get(title=PROGRAMME_TITLE)
    assert training.programme == programme
    assert training.is_published
    body = client.get(reverse("documents:library")).content.decode()
    assert MODEL_TITLE in body
    assert "(PDF," in body
    for version in model.versions.all():
        response = client.get(reverse("documents:version_download", args=[model.pk, version.pk]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
