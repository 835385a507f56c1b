"""Writing the library: coordinators write, editors publish; versions keep the old files; every change audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import UserFactory
from rozwoj.core.models import AuditLogEntry
from rozwoj.documents import services
from rozwoj.documents.models import Document, FileType, Visibility
from rozwoj.programmes.tests.factories import ProgrammeFactory

from .factories import CategoryFactory, DocumentFactory, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return UserFactory(roles=[Role.COORDINATOR])


@pytest.fixture
def editor():
    return UserFactory(roles=[Role.COORDINATOR, "editor"])


@pytest.fixture
def administrator():
    return UserFactory(roles=[Role.ADMINISTRATOR])


def _data(**extra):
    return {"title": "Model doradztwa", "description": "Opis", "language": "pl", **extra}


def test_a_coordinator_writes_a_draft_but_cannot_publish(coordinator):
    document = services.document_create(actor=coordinator, data=_data(), upload=upload())
    assert document.visibility == Visibility.STAFF
    assert document.current_version.number == 1
    with pytest.raises(PermissionDenied):
        services.document_update(actor=coordinator, document=document, data={"visibility": Visibility.PUBLIC})
    with pytest.raises(PermissionDenied):
        services.document_create(actor=coordinator, data=_data(visibility=Visibility.PUBLIC), upload=upload())
    document.refresh_from_db()
    assert document.visibility == Visibility.STAFF
    assert Document.objects.count() == 1


@pytest.mark.parametrize("publisher", ["editor", "administrator"])
def test_an_editor_or_administrator_publishes_and_it_is_audited(request, coordinator, publisher):
    actor = request.getfixturevalue(publisher)
    document = services.document_create(actor=coordinator, data=_data(), upload=upload())
    services.document_update(actor=actor, document=document, data={"visibility": Visibility.PUBLIC})
    document.refresh_from_db()
    assert document.is_published
    assert document.published_by == actor
    assert document.published_at
    actions = list(
        AuditLogEntry.objects.filter(object_id=str(document.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["document.create", "document.update", "document.publish"]


def test_a_published_document_changes_only_with_the_editor_right(coordinator, editor):
    document = DocumentFactory(visibility=Visibility.PUBLIC)
    for change in (
        lambda: services.document_update(actor=coordinator, document=document, data={"title": "Inny"}),
        lambda: services.version_add(actor=coordinator, document=document, upload=upload()),
        lambda: services.document_delete(actor=coordinator, document=document),
    ):
        with pytest.raises(PermissionDenied):
            change()
    services.document_update(actor=editor, document=document, data={"title": "Inny"})
    document.refresh_from_db()
    assert document.title == "Inny"


def test_people_without_the_coordinator_role_write_nothing():
    for roles in ([], [Role.EXPERT], [Role.LOCAL_GOVERNMENT_MEMBER], ["editor"]):
        with pytest.raises(PermissionDenied):
            services.document_create(actor=UserFactory(roles=roles), data=_data(), upload=upload())


def test_a_new_version_becomes_current_and_the_old_one_stays(editor):
    document = services.document_create(
        actor=editor, data=_data(visibility=Visibility.PUBLIC), upload=upload(), note="pierwsza"
    )
    first = document.current_version
    second = services.version_add(actor=editor, document=document, upload=upload(FileType.DOCX), note="druga")
    document.refresh_from_db()
    assert document.current_version == second
    assert second.number == 2
    assert second.file_type == FileType.DOCX
    assert list(document.versions.values_list("number", flat=True)) == [2, 1]
    assert first.file.storage.exists(first.file.name)
    services.version_set_current(actor=editor, document=document, version=first)
    document.refresh_from_db()
    assert document.current_version == first
    assert AuditLogEntry.objects.filter(
        action="document.version_current", object_id=str(document.pk)
    ).exists()


def test_constraints_of_visibility_and_accessibility(editor):
    with pytest.raises(ValidationError) as error:
        services.document_create(actor=editor, data=_data(visibility=Visibility.ROLE), upload=upload())
    assert "role" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.document_create(actor=editor, data=_data(visibility=Visibility.PROGRAMME), upload=upload())
    assert "__all__" in error.value.message_dict or "programme" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.document_create(actor=editor, data=_data(is_accessible=False), upload=upload())
    document = services.document_create(
        actor=editor,
        data=_data(
            visibility=Visibility.PROGRAMME,
            programme=ProgrammeFactory(),
            is_accessible=False,
            accessibility_note="Wersję dostępną wyślemy na prośbę: biuro@example.org",
        ),
        upload=upload(),
    )
    assert document.visibility == Visibility.PROGRAMME
    assert Document.objects.count() == 1


def test_a_file_that_lies_creates_nothing(editor):
    with pytest.raises(ValidationError):
        services.document_create(
            actor=editor, data=_data(), upload=upload(name="raport.pdf", content=b"MZ\x90")
        )
    assert not Document.objects.exists()


def test_download_counts_add_up(editor):
    document = DocumentFactory()
    for _ in range(3):
        services.record_download(document.current_version)
    document.refresh_from_db()
    document.current_version.refresh_from_db()
    assert document.download_count == 3
    assert document.current_version.download_count == 3


def test_categories_are_an_editable_list(coordinator):
    category = services.category_save(
        actor=coordinator, category=None, data={"name_pl": "Raporty", "name_en": "Reports", "order": 1}
    )
    with pytest.raises(ValidationError):
        services.category_save(actor=coordinator, category=None, data={"name_pl": "raporty", "order": 2})
    DocumentFactory(category=category)
    with pytest.raises(ValidationError):
        services.category_delete(actor=coordinator, category=category)
    empty = CategoryFactory()
    services.category_delete(actor=coordinator, category=empty)
    with pytest.raises(PermissionDenied):
        services.category_save(actor=UserFactory(roles=[]), category=None, data={"name_pl": "X"})


def test_deleting_removes_the_document_and_its_files(editor, django_capture_on_commit_callbacks):
    document = DocumentFactory()
    name = document.current_version.file.name
    storage = document.current_version.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        services.document_delete(actor=editor, document=document)
    assert not Document.objects.exists()
    assert not storage.exists(name)
