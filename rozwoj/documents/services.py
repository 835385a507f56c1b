"""Writes of the document library.

Coordinators (and administrators) write documents, but what the public (or any non-coordinator) sees changes only
with the editor right (`can_publish`): making a document visible beyond coordinators, and any change to a document
that is already visible beyond them (its text, its file, its current version, its removal). Every change is in
the audit log; the site search is told after the commit."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from rozwoj.accounts.models import Role
from rozwoj.accounts.permissions import can_publish, require_coordinator
from rozwoj.core.audit import changed_fields, log_action
from rozwoj.core.files import safe_filename

from . import search_index
from .filetypes import check_upload
from .models import PUBLISHED_VISIBILITIES, Category, Document, DocumentVersion, Visibility

DOCUMENT_FIELDS = [
    "title",
    "description",
    "category",
    "programme",
    "language",
    "visibility",
    "role",
    "is_accessible",
    "accessibility_note",
]
CATEGORY_FIELDS = ["name_pl", "name_en", "order"]


def _require_publisher(actor) -> None:
    if not can_publish(actor):
        raise PermissionDenied(_("Publishing documents needs the editor right."))


def _require_change_allowed(actor, document: Document) -> None:
    """Coordinators change unpublished documents; a published one only with the editor right."""
    require_coordinator(actor)
    if document.visibility in PUBLISHED_VISIBILITIES:
        _require_publisher(actor)


def _normalise(values: dict[str, Any]) -> dict[str, Any]:
    """Fields that do not apply are emptied: the role unless shown to a role."""
    if "visibility" in values and values["visibility"] != Visibility.ROLE:
        values["role"] = ""
    if values.get("is_accessible"):
        values["accessibility_note"] = values.get("accessibility_note", "")
    return values


def document_errors(document: Document) -> dict[str, list[str]]:
    """The rules between the fields (also database constraints), as errors on the field to correct."""
    errors: dict[str, list[str]] = {}
    if document.role and document.role not in Role.values:
        errors["role"] = [_("Choose one of the roles.")]
    elif document.visibility == Visibility.ROLE and not document.role:
        errors["role"] = [_("Choose the role that may see the document.")]
    if document.visibility == Visibility.PROGRAMME and document.programme_id is None:
        errors["programme"] = [_("Choose the programme whose participants may see the document.")]
    if not document.is_accessible and not document.accessibility_note.strip():
        errors["accessibility_note"] = [
            _("Say how to get an accessible alternative of a document that is not accessible.")
        ]
    return errors


def _validate(document: Document) -> None:
    errors = document_errors(document)
    if errors:
        raise ValidationError(errors)
    document.full_clean(exclude=["current_version"])


def _add_version(*, actor, document: Document, upload, note: str) -> DocumentVersion:
    file_type = check_upload(upload)
    number = (document.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = DocumentVersion(
        document=document,
        number=number,
        filename=safe_filename(upload.name)[:120],
        file_type=file_type,
        size=upload.size,
        note=note,
        uploaded_by=actor,
    )
    version.file.save(version.filename, upload, save=False)
    try:
        with transaction.atomic():
            version.save()
    except IntegrityError:
        version.file.delete(save=False)
        raise ValidationError({"file": _("Another version was added at the same time; try again.")}) from None
    return version


def document_create(*, actor, data: dict[str, Any], upload, note: str = "") -> Document:
    """A new document with its first version. Published at once only by an editor."""
    require_coordinator(actor)
    values = _normalise({key: data[key] for key in DOCUMENT_FIELDS if key in data})
    if values.get("visibility", Visibility.STAFF) in PUBLISHED_VISIBILITIES:
        _require_publisher(actor)
    check_upload(upload)
    with transaction.atomic():
        document = Document(**values, created_by=actor)
        if document.is_published:
            document.published_at, document.published_by = timezone.now(), actor
        _validate(document)
        document.save()
        version = _add_version(actor=actor, document=document, upload=upload, note=note)
        document.current_version = version
        document.save(update_fields=["current_version"])
        log_action(
            actor,
            document,
            "document.create",
            {key: [None, value] for key, value in values.items()} | {"version": [None, version.number]},
        )
        if document.is_published:
            log_action(actor, document, "document.publish", {"visibility": [None, document.visibility]})
        search_index.changed(document.pk)
    return document


def document_update(*, actor, document: Document, data: dict[str, Any]) -> dict[str, Any]:
    """Change the description or visibility; publishing or changing a published document needs an editor."""
    _require_change_allowed(actor, document)
    values = _normalise({key: data[key] for key in DOCUMENT_FIELDS if key in data})
    was_published = document.is_published
    if values.get("visibility", document.visibility) in PUBLISHED_VISIBILITIES:
        _require_publisher(actor)
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        changes = changed_fields(locked, values)
        if not changes:
            return {}
        if locked.is_published and not was_published:
            locked.published_at, locked.published_by = timezone.now(), actor
        _validate(locked)
        locked.save()
        log_action(actor, locked, "document.update", changes)
        if "visibility" in changes and was_published != locked.is_published:
            action = "document.publish" if locked.is_published else "document.unpublish"
            log_action(actor, locked, action, {"visibility": changes["visibility"]})
        search_index.changed(locked.pk)
    for key in changes:
        setattr(document, key, getattr(locked, key))
    return changes


def version_add(*, actor, document: Document, upload, note: str = "") -> DocumentVersion:
    """A new version of the file; it becomes the current one, the older ones stay downloadable."""
    _require_change_allowed(actor, document)
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        version = _add_version(actor=actor, document=locked, upload=upload, note=note)
        previous = locked.current_version_id
        locked.current_version = version
        locked.save(update_fields=["current_version", "updated_at"])
        log_action(
            actor,
            locked,
            "document.version_add",
            {
                "version": [None, version.number],
                "file": [None, version.filename],
                "current": [previous, version.pk],
            },
        )
        search_index.changed(locked.pk)
    document.current_version = version
    return version


def version_set_current(*, actor, document: Document, version: DocumentVersion) -> None:
    """Choose which version the library links to (an older one, e.g. when the newest was a mistake)."""
    _require_change_allowed(actor, document)
    if version.document_id != document.pk:
        raise ValidationError(_("This version belongs to another document."))
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if locked.current_version_id == version.pk:
            return
        previous = locked.current_version_id
        locked.current_version = version
        locked.save(update_fields=["current_version", "updated_at"])
        log_action(actor, locked, "document.version_current", {"current": [previous, version.pk]})
    document.current_version = version


def document_delete(*, actor, document: Document) -> None:
    """Remove a document with all its versions and files (the files after the commit)."""
    _require_change_allowed(actor, document)
    files = [version.file for version in document.versions.all()]
    pk = document.pk
    with transaction.atomic():
        log_action(actor, document, "document.delete", {"title": [document.title, None]})
        Document.objects.filter(pk=pk).update(current_version=None)
        document.delete()
        search_index.removed(pk)

        def _delete_files():
            for field_file in files:
                field_file.delete(save=False)

        transaction.on_commit(_delete_files)


def record_download(version: DocumentVersion) -> None:
    """Count a download of `version` (and of its document) without a lost update between two requests."""
    DocumentVersion.objects.filter(pk=version.pk).update(download_count=F("download_count") + 1)
    Document.objects.filter(pk=version.document_id).update(download_count=F("download_count") + 1)


# --- categories --------------------------------------------------------------------------------------------


def category_save(*, actor, category: Category | None, data: dict[str, Any]) -> Category:
    require_coordinator(actor)
    values = {key: data[key] for key in CATEGORY_FIELDS if key in data}
    with transaction.atomic():
        if category is None:
            category = Category(**values)
            changes = {key: [None, value] for key, value in values.items()}
            action = "document_category.create"
        else:
            changes = changed_fields(category, values)
            action = "document_category.update"
            if not changes:
                return category
        category.full_clean()
        try:
            with transaction.atomic():
                category.save()
        except IntegrityError:
            raise ValidationError({"name_pl": _("A category with this name already exists.")}) from None
        log_action(actor, category, action, changes)
    return category


def category_delete(*, actor, category: Category) -> None:
    """Remove a category no document uses."""
    require_coordinator(actor)
    with transaction.atomic():
        if category.documents.exists():
            raise ValidationError(_("Documents use this category; move them to another one first."))
        log_action(actor, category, "document_category.delete", {"name_pl": [category.name_pl, None]})
        category.delete()
