"""The documents API: reads per visibility, writes for coordinators and editors, uploads checked by content, bad
input answered 4xx in the project's JSON error format."""

import pytest

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import UserFactory
from rozwoj.documents.models import Document, FileType, Visibility
from rozwoj.programmes.tests.factories import ProgrammeFactory

from .factories import CategoryFactory, DocumentFactory, upload

pytestmark = pytest.mark.django_db


def test_public_list_with_filters_and_file_details(client):
    category = CategoryFactory()
    programme = ProgrammeFactory(is_public=True)
    DocumentFactory(title="Model", category=category, programme=programme)
    DocumentFactory(title="Raport")
    DocumentFactory(title="Szkic", visibility=Visibility.STAFF)
    items = client.get("/api/v1/documents/").json()["items"]
    assert {item["title"] for item in items} == {"Model", "Raport"}
    model = client.get("/api/v1/documents/", {"category": category.pk}).json()["items"]
    assert [item["title"] for item in model] == ["Model"]
    assert model[0]["current_version"]["file_type"] == "pdf"
    assert model[0]["current_version"]["size"] > 0
    assert model[0]["download_url"].endswith("/file/")
    by_programme = client.get("/api/v1/documents/", {"programme": programme.pk}).json()["items"]
    assert [item["title"] for item in by_programme] == ["Model"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/documents/0",
        "/api/v1/documents/99999999999999999999",
        "/api/v1/documents/?category=abc",
        "/api/v1/documents/?programme=-1",
        "/api/v1/documents/?page=0",
        "/api/v1/documents/?page_size=1000",
        "/api/v1/documents/?language=xx",
    ],
)
def test_bad_ids_and_filters_answer_4xx_json(client, url):
    response = client.get(url)
    assert 400 <= response.status_code < 500
    assert "detail" in response.json()


def test_an_unknown_or_hidden_document_is_404(client):
    hidden = DocumentFactory(visibility=Visibility.STAFF)
    for pk in (hidden.pk, hidden.pk + 1000):
        response = client.get(f"/api/v1/documents/{pk}")
        assert response.status_code == 404
        assert response.json()["detail"]


def test_an_editor_uploads_a_document_and_a_version(client):
    client.force_login(UserFactory(roles=[Role.ADMINISTRATOR]))
    response = client.post(
        "/api/v1/documents/", {"title": "Model", "visibility": "public", "file": upload(FileType.XLSX)}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["current_version"]["file_type"] == "xlsx"
    assert body["visibility"] == "public"
    response = client.post(f"/api/v1/documents/{body['id']}/versions", {"note": "v2", "file": upload()})
    assert response.status_code == 201
    assert response.json()["number"] == 2
    detail = client.get(f"/api/v1/documents/{body['id']}").json()
    assert [v["number"] for v in detail["versions"]] == [2, 1]
    assert detail["current_version"]["number"] == 2


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("raport.pdf", b"<html></html>"),
        ("raport.docx", b"%PDF-1.4 x"),
        ("raport.exe", b"MZ"),
        ("raport.pdf", b""),
    ],
)
def test_bad_files_answer_422_json_and_create_nothing(client, name, content):
    client.force_login(UserFactory(roles=[Role.ADMINISTRATOR]))
    response = client.post(
        "/api/v1/documents/", {"title": "Model", "file": upload(name=name, content=content)}
    )
    assert response.status_code in (400, 422)
    assert response.json()["errors"]
    assert not Document.objects.exists()


def test_missing_file_or_bad_fields_answer_422(client):
    client.force_login(UserFactory(roles=[Role.ADMINISTRATOR]))
    assert client.post("/api/v1/documents/", {"title": "Model"}).status_code == 422
    response = client.post("/api/v1/documents/", {"title": "", "file": upload()})
    assert response.status_code == 422
    response = client.post("/api/v1/documents/", {"title": "M", "visibility": "role", "file": upload()})
    assert response.status_code == 422
    assert response.json()["errors"]
    response = client.post("/api/v1/documents/", {"title": "M", "category": 99999, "file": upload()})
    assert response.status_code == 422
    assert not Document.objects.exists()


def test_the_operations_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/documents/"])
    assert {"get", "patch"} <= set(paths["/api/v1/documents/{document_id}"])
    assert "post" in paths["/api/v1/documents/{document_id}/versions"]
