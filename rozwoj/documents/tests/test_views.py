"""The library as its users meet it: the list with filters and paging, the document page with its versions,
downloads that check visibility and count, the management pages, and bad input answered with a message."""

import pytest
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import UserFactory
from rozwoj.core.testing import assert_page
from rozwoj.documents.models import Document, FileType, Language, Visibility
from rozwoj.events.models import RegistrationStatus
from rozwoj.events.tests.factories import EventFactory, RegistrationFactory
from rozwoj.people.tests.factories import person_with_login
from rozwoj.programmes.tests.factories import ProgrammeFactory

from .factories import PDF_BYTES, CategoryFactory, DocumentFactory, upload

pytestmark = pytest.mark.django_db


def _documents(n, **kwargs):
    category = CategoryFactory()
    programme = ProgrammeFactory(is_public=True)
    return [DocumentFactory(category=category, programme=programme, **kwargs) for _ in range(n)]


@pytest.mark.parametrize("rows", [10, 200])
def test_the_library_list_keeps_its_query_budget(client, rows):
    _documents(rows)
    assert_page(client, reverse("documents:library"), queries=6, template="documents/library.html",
                contains="Dokument")  # fmt: skip
    client.force_login(UserFactory(roles=[Role.LOCAL_GOVERNMENT_MEMBER]))
    assert_page(client, reverse("documents:library"), queries=12, template="documents/library.html")
    client.force_login(UserFactory(roles=[Role.COORDINATOR]))
    assert_page(client, reverse("documents:manage"), queries=12, template="documents/manage.html")


def test_the_library_shows_size_and_type_beside_the_link_and_the_accessibility_note(client):
    DocumentFactory(title="Raport dostępny")
    DocumentFactory(title="Skan uchwały", is_accessible=False, accessibility_note="Wersję tekstową wyślemy.")
    body = client.get(reverse("documents:library")).content.decode()
    with translation.override("pl"):
        size = filesizeformat(len(PDF_BYTES))
    assert "bajtów" in size
    assert f"(PDF, {size})" in body
    assert "Wersję tekstową wyślemy." in body
    assert body.count("Wersję tekstową wyślemy.") == 1


def test_filters_by_category_programme_and_language(client):
    reports, models = CategoryFactory(name_pl="Raporty"), CategoryFactory(name_pl="Modele")
    programme = ProgrammeFactory(is_public=True)
    DocumentFactory(title="Raport roczny", category=reports)
    DocumentFactory(title="Model doradztwa", category=models, programme=programme)
    DocumentFactory(title="Annual report", category=reports, language=Language.ENGLISH)
    url = reverse("documents:library")

    def titles(**params):
        body = client.get(url, params).content.decode()
        return {t for t in ("Raport roczny", "Model doradztwa", "Annual report") if t in body}

    assert titles(category=reports.pk) == {"Raport roczny", "Annual report"}
    assert titles(programme=programme.pk) == {"Model doradztwa"}
    assert titles(language="en") == {"Annual report"}
    assert titles(category=reports.pk, language="pl") == {"Raport roczny"}
    # Bad values are ignored, never an error page.
    assert (
        client.get(url, {"category": "99999999999999999999", "page": "x", "language": "<b>"}).status_code
        == 200
    )


def test_paging(client, settings):
    settings.ROZWOJ_PAGE_SIZE = 5
    _documents(12)
    body = client.get(reverse("documents:library"), {"page": 3}).content.decode()
    assert "3 z 3" in body or "3 of 3" in body


def test_restricted_documents_do_not_leak_to_the_wrong_people(client):
    programme = ProgrammeFactory(is_public=True)
    DocumentFactory(title="Publiczny")
    DocumentFactory(title="Dla zalogowanych", visibility=Visibility.SIGNED_IN)
    DocumentFactory(title="Dla samorządów", visibility=Visibility.ROLE, role=Role.LOCAL_GOVERNMENT_MEMBER)
    DocumentFactory(title="Dla uczestników", visibility=Visibility.PROGRAMME, programme=programme)
    DocumentFactory(title="Szkic koordynatora", visibility=Visibility.STAFF)
    all_titles = {"Publiczny", "Dla zalogowanych", "Dla samorządów", "Dla uczestników", "Szkic koordynatora"}
    participant = person_with_login(None)
    RegistrationFactory(
        event=EventFactory(programme=programme), person=participant, status=RegistrationStatus.CONFIRMED
    )
    pending = person_with_login(None)
    RegistrationFactory(
        event=EventFactory(programme=programme), person=pending, status=RegistrationStatus.PENDING
    )
    cases = {
        None: {"Publiczny"},
        UserFactory(roles=[]): {"Publiczny", "Dla zalogowanych"},
        UserFactory(roles=[Role.LOCAL_GOVERNMENT_MEMBER]): {
            "Publiczny",
            "Dla zalogowanych",
            "Dla samorządów",
        },
        UserFactory(roles=[Role.EXPERT]): {"Publiczny", "Dla zalogowanych"},
        participant.user: {"Publiczny", "Dla zalogowanych", "Dla uczestników"},
        pending.user: {"Publiczny", "Dla zalogowanych"},
        UserFactory(roles=[Role.COORDINATOR]): all_titles,
        UserFactory(roles=[Role.ADMINISTRATOR]): all_titles,
    }
    for user, expected in cases.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        body = client.get(reverse("documents:library")).content.decode()
        assert {t for t in all_titles if t in body} == expected, user
        for document in Document.objects.all():
            page = client.get(reverse("documents:detail", args=[document.pk])).status_code
            file = client.get(reverse("documents:download", args=[document.pk])).status_code
            version = client.get(
                reverse("documents:version_download", args=[document.pk, document.current_version_id])
            ).status_code
            visible = document.title in expected
            assert (page, file, version) == ((200, 200, 200) if visible else (404, 404, 404)), (
                user,
                document,
            )
        api = client.get("/api/v1/documents/").json()["items"]
        assert {row["title"] for row in api} == expected, user


def test_the_download_is_sent_safely_and_counted(client):
    document = DocumentFactory(title="Model")
    response = client.get(reverse("documents:download", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "dokument.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    client.get(reverse("documents:download", args=[document.pk]))
    document.refresh_from_db()
    assert document.download_count == 2


def test_the_document_page_lists_the_versions_and_old_ones_stay_downloadable(client):
    editor = UserFactory(roles=[Role.ADMINISTRATOR])
    client.force_login(editor)
    url = reverse("documents:create")
    response = client.post(
        url,
        {"title": "Model doradztwa dla JST", "language": "pl", "visibility": "public", "is_accessible": "on",
         "file": upload()},
    )  # fmt: skip
    document = Document.objects.get()
    assert response.status_code == 302
    response = client.post(
        reverse("documents:version_create", args=[document.pk]),
        {"note": "Poprawki", "file": upload(FileType.ODT)},
    )
    assert response.status_code == 302
    client.logout()
    body = assert_page(client, reverse("documents:detail", args=[document.pk]), queries=8).content.decode()
    assert "Poprawki" in body
    assert "(ODT," in body
    assert "(PDF," in body
    first = document.versions.get(number=1)
    response = client.get(reverse("documents:version_download", args=[document.pk, first.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_an_upload_that_lies_is_a_field_error_and_changes_nothing(client):
    client.force_login(UserFactory(roles=[Role.ADMINISTRATOR]))
    response = client.post(
        reverse("documents:create"),
        {"title": "Raport", "language": "pl", "visibility": "public", "is_accessible": "on",
         "file": upload(name="raport.pdf", content=b"<script>alert(1)</script>")},
    )  # fmt: skip
    assert response.status_code == 200
    assert "raport.pdf" not in response.content.decode() or "PDF" in response.content.decode()
    assert response.context["form"].errors["file"]
    assert not Document.objects.exists()


def test_a_coordinator_without_the_editor_right_is_told_to_keep_it_for_coordinators(client):
    client.force_login(UserFactory(roles=[Role.COORDINATOR]))
    response = client.post(
        reverse("documents:create"),
        {
            "title": "Raport",
            "language": "pl",
            "visibility": "public",
            "is_accessible": "on",
            "file": upload(),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["visibility"]
    assert not Document.objects.exists()
    response = client.post(
        reverse("documents:create"),
        {"title": "Raport", "language": "pl", "visibility": "staff", "is_accessible": "on", "file": upload()},
    )
    assert response.status_code == 302
    assert Document.objects.get().visibility == Visibility.STAFF


def test_management_pages_are_in_the_navigation_for_coordinators(client):
    client.force_login(UserFactory(roles=[Role.COORDINATOR]))
    body = client.get(reverse("documents:library")).content.decode()
    assert reverse("documents:manage") in body
    client.force_login(UserFactory(roles=[Role.EXPERT]))
    body = client.get(reverse("documents:library")).content.decode()
    assert reverse("documents:manage") not in body
    assert reverse("documents:library") in body


def test_every_page_of_the_app_within_its_query_budget(client):
    category = CategoryFactory()
    document = DocumentFactory(category=category)
    client.force_login(UserFactory(roles=[Role.ADMINISTRATOR]))
    for url, template in [
        (reverse("documents:library"), "documents/library.html"),
        (reverse("documents:manage"), "documents/manage.html"),
        (reverse("documents:create"), "documents/form.html"),
        (reverse("documents:categories"), "documents/categories.html"),
        (reverse("documents:category_edit", args=[category.pk]), "documents/category_form.html"),
        (reverse("documents:detail", args=[document.pk]), "documents/detail.html"),
        (reverse("documents:edit", args=[document.pk]), "documents/form.html"),
        (reverse("documents:version_create", args=[document.pk]), "documents/version_form.html"),
    ]:
        assert_page(client, url, queries=12, template=template)


def test_a_published_document_offers_its_changes_only_to_editors(client):
    document = DocumentFactory(visibility=Visibility.PUBLIC)
    edit_url = reverse("documents:edit", args=[document.pk])
    client.force_login(UserFactory(roles=[Role.COORDINATOR]))
    page = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert edit_url not in page
    assert "tylko redaktor" in page
    assert client.get(edit_url).status_code == 403
    client.force_login(UserFactory(roles=[Role.COORDINATOR, Role.EDITOR]))
    assert edit_url in client.get(reverse("documents:detail", args=[document.pk])).content.decode()


def test_the_sitemap_lists_public_documents_only(client, django_assert_max_num_queries):
    programme = ProgrammeFactory(is_public=True)
    public = DocumentFactory(title="Publiczny")
    hidden = [
        DocumentFactory(visibility=Visibility.SIGNED_IN),
        DocumentFactory(visibility=Visibility.ROLE, role=Role.LOCAL_GOVERNMENT_MEMBER),
        DocumentFactory(visibility=Visibility.PROGRAMME, programme=programme),
        DocumentFactory(visibility=Visibility.STAFF),
    ]
    no_file = Document.objects.create(title="Bez pliku", visibility=Visibility.PUBLIC)
    DocumentFactory.create_batch(3)
    with django_assert_max_num_queries(12):
        response = client.get("/sitemap.xml")
    assert response.status_code == 200
    text = response.content.decode()
    assert f"http://testserver{reverse('documents:library')}</loc>" in text
    assert f"http://testserver{reverse('documents:detail', args=[public.pk])}</loc>" in text
    for document in [*hidden, no_file]:
        assert f"{reverse('documents:detail', args=[document.pk])}</loc>" not in text
    assert "/file/" not in text  # the files themselves are never listed
