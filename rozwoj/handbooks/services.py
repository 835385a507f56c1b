"""Writes of handbooks: structure, texts with versions and the optimistic lock, review comments, translations,
publication, exports. Each checks the caller's right, writes in a transaction and records the audit entry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from rozwoj.accounts.permissions import require_coordinator
from rozwoj.core.audit import log_action

from .models import (
    MASTER_LANGUAGE,
    MAX_TEXT,
    TRANSLATION_LANGUAGES,
    Chapter,
    ChapterStatus,
    ChapterVersion,
    Comment,
    ExportFormat,
    Handbook,
    HandbookExport,
    Part,
    Translation,
    TranslationStatus,
)
from .selectors import can_edit_chapter, handbooks_visible_to, is_coordinator, paragraphs

EDITOR_STATUSES = {ChapterStatus.OUTLINE, ChapterStatus.DRAFT, ChapterStatus.IN_REVIEW}


@dataclass
class EditConflict(Exception):
    """Someone saved the text after the editor opened it: nothing is written; both texts go back to the page."""

    current_title: str
    current_body: str
    current_revision: int
    current_author: str


def _check_text(title: str, body: str) -> None:
    errors = {}
    if not title.strip():
        errors["title"] = [_("Give the chapter a title.")]
    elif len(title) > 300:
        errors["title"] = [_("The title is too long (at most 300 characters).")]
    if len(body) > MAX_TEXT:
        errors["body"] = [_("The text is too long (at most %(limit)s characters).") % {"limit": MAX_TEXT}]
    if errors:
        raise ValidationError(errors)


# --- structure (coordinators) ---------------------------------------------------------------------------------


def handbook_create(*, actor, programme, title: str, summary: str = "") -> Handbook:
    require_coordinator(actor)
    if Handbook.objects.filter(programme=programme).exists():
        raise ValidationError({"programme": _("This programme has a handbook already.")})
    try:
        with transaction.atomic():
            handbook = Handbook.objects.create(programme=programme, title=title, summary=summary)
            log_action(actor, handbook, "handbook.create", {"title": [None, title]})
    except IntegrityError:
        raise ValidationError({"programme": _("This programme has a handbook already.")}) from None
    return handbook


def part_save(*, actor, handbook: Handbook, part: Part | None, data: dict[str, Any]) -> Part:
    require_coordinator(actor)
    with transaction.atomic():
        if part is None:
            part = Part(handbook=handbook)
        part.title, part.order = data["title"], data.get("order") or 0
        part.save()
        log_action(actor, part, "handbook.part_save", {"title": [None, part.title]})
    return part


def _programme_organisation_ids(handbook: Handbook) -> set[int]:
    ids = set(handbook.programme.partners.values_list("organisation_id", flat=True))
    if handbook.programme.lead_institution_id:
        ids.add(handbook.programme.lead_institution_id)
    return ids


def chapter_save(*, actor, handbook: Handbook, chapter: Chapter | None, data: dict[str, Any]) -> Chapter:
    """Create a chapter or change its place, author partner, authors and techniques (coordinators)."""
    require_coordinator(actor)
    part = data["part"]
    if part.handbook_id != handbook.pk:
        raise ValidationError({"part": _("Choose a part of this handbook.")})
    organisation = data["author_organisation"]
    if organisation.pk not in _programme_organisation_ids(handbook):
        raise ValidationError(
            {"author_organisation": _("The author partner must be a partner or the lead of the programme.")}
        )
    with transaction.atomic():
        creating = chapter is None
        if chapter is None:
            chapter = Chapter(handbook=handbook)
        chapter.part, chapter.author_organisation = part, organisation
        chapter.order = data.get("order") or 0
        if creating or data.get("title") and data["title"] != chapter.title:
            chapter.title = data["title"]
        chapter.save()
        chapter.authors.set(data.get("authors") or [])
        chapter.techniques.set(data.get("techniques") or [])
        log_action(actor, chapter, "handbook.chapter_create" if creating else "handbook.chapter_update")
    return chapter


def chapter_set_status(*, actor, chapter: Chapter, status: str) -> Chapter:
    """Authors move a chapter between outline, draft and in review; approving (and leaving approved) is the
    coordinators'."""
    if status not in ChapterStatus.values:
        raise ValidationError({"status": _("Choose one of the statuses.")})
    if not can_edit_chapter(actor, chapter):
        raise PermissionDenied
    if not is_coordinator(actor) and (
        status == ChapterStatus.APPROVED or chapter.status == ChapterStatus.APPROVED
    ):
        raise PermissionDenied(_("Only a coordinator approves a chapter or reopens an approved one."))
    with transaction.atomic():
        old = chapter.status
        chapter.status = status
        chapter.save(update_fields=["status", "updated_at"])
        log_action(actor, chapter, "handbook.chapter_status", {"status": [old, status]})
    return chapter


# --- texts, versions, the optimistic lock ---------------------------------------------------------------------


def _current_author(chapter: Chapter, language: str) -> str:
    version = chapter.versions.filter(language=language).select_related("author").order_by("-number").first()
    return str(version.author) if version and version.author else ""


def chapter_save_text(
    *, actor, chapter: Chapter, title: str, body: str, base_revision: int
) -> ChapterVersion:
    """Save the English master as a new version, if nobody saved since `base_revision`; else EditConflict.

    The check and the write are one conditional UPDATE (… WHERE revision = base), so of two saves started from
    the same revision exactly one wins on SQLite and PostgreSQL alike."""
    if not can_edit_chapter(actor, chapter):
        raise PermissionDenied
    _check_text(title, body)
    with transaction.atomic():
        updated = Chapter.objects.filter(pk=chapter.pk, revision=base_revision).update(
            title=title, body=body, revision=F("revision") + 1, updated_at=timezone.now()
        )
        if not updated:
            current = Chapter.objects.get(pk=chapter.pk)
            raise EditConflict(
                current.title, current.body, current.revision, _current_author(chapter, MASTER_LANGUAGE)
            )
        chapter.refresh_from_db(fields=["title", "body", "revision", "updated_at"])
        version = ChapterVersion.objects.create(
            chapter=chapter,
            language=MASTER_LANGUAGE,
            number=chapter.revision,
            title=title,
            body=body,
            author=actor,
        )
        log_action(actor, chapter, "handbook.chapter_text", {"revision": [base_revision, chapter.revision]})
    return version


def translation_save(
    *, actor, chapter: Chapter, language: str, title: str, body: str, status: str, base_revision: int
) -> Translation:
    """Save a translation as a new version (the same lock as the master). It then follows the master's current
    revision: it is no longer outdated."""
    if language not in dict(TRANSLATION_LANGUAGES):
        raise ValidationError({"language": _("Choose one of the translation languages.")})
    if status not in TranslationStatus.values:
        raise ValidationError({"status": _("Choose one of the statuses.")})
    if not can_edit_chapter(actor, chapter):
        raise PermissionDenied
    _check_text(title, body)
    master_revision = Chapter.objects.filter(pk=chapter.pk).values_list("revision", flat=True).get()
    try:
        with transaction.atomic():
            if base_revision == 0:
                translation = Translation.objects.create(
                    chapter=chapter,
                    language=language,
                    title=title,
                    body=body,
                    status=status,
                    revision=1,
                    master_revision=master_revision,
                )
            else:
                updated = Translation.objects.filter(
                    chapter=chapter, language=language, revision=base_revision
                ).update(
                    title=title,
                    body=body,
                    status=status,
                    revision=F("revision") + 1,
                    master_revision=master_revision,
                    updated_at=timezone.now(),
                )
                if not updated:
                    raise IntegrityError
                translation = Translation.objects.get(chapter=chapter, language=language)
            ChapterVersion.objects.create(
                chapter=chapter,
                language=language,
                number=translation.revision,
                title=title,
                body=body,
                author=actor,
            )
            log_action(
                actor, chapter, "handbook.translation", {language: [base_revision, translation.revision]}
            )
    except IntegrityError:
        current = Translation.objects.filter(chapter=chapter, language=language).first()
        raise EditConflict(
            current.title if current else "",
            current.body if current else "",
            current.revision if current else 0,
            _current_author(chapter, language),
        ) from None
    return translation


# --- review comments -----------------------------------------------------------------------------------------


def comment_add(*, actor, chapter: Chapter, paragraph: int, body: str) -> Comment:
    """A review comment on one paragraph of the English text, by anyone who sees the chapter's working page."""
    if not handbooks_visible_to(actor).filter(pk=chapter.handbook_id).exists():
        raise PermissionDenied
    blocks = paragraphs(chapter.body)
    errors = {}
    if not 0 <= paragraph < len(blocks):
        errors["paragraph"] = [_("Choose a paragraph of the chapter.")]
    if not body.strip():
        errors["body"] = [_("Write the comment.")]
    elif len(body) > 5000:
        errors["body"] = [_("The comment is too long (at most 5,000 characters).")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        comment = Comment.objects.create(
            chapter=chapter,
            paragraph=paragraph,
            quote=blocks[paragraph][:200],
            body=body.strip(),
            author=actor,
        )
        log_action(actor, comment, "handbook.comment_add")
    return comment


def comment_resolve(*, actor, comment: Comment, resolved: bool) -> Comment:
    """Resolve or reopen a comment: its author, the chapter's editors, coordinators."""
    if not (comment.author_id == getattr(actor, "pk", None) or can_edit_chapter(actor, comment.chapter)):
        raise PermissionDenied
    with transaction.atomic():
        comment.resolved_at = timezone.now() if resolved else None
        comment.resolved_by = actor if resolved else None
        comment.save(update_fields=["resolved_at", "resolved_by"])
        log_action(actor, comment, "handbook.comment_resolve" if resolved else "handbook.comment_reopen")
    return comment


# --- publication and exports ---------------------------------------------------------------------------------


def handbook_publish(*, actor, handbook: Handbook, published: bool) -> Handbook:
    """Publish (or withdraw) the handbook's public pages: its approved chapters only."""
    require_coordinator(actor)
    with transaction.atomic():
        handbook.is_published = published
        if published and handbook.published_at is None:
            handbook.published_at = timezone.now()
        handbook.save(update_fields=["is_published", "published_at", "updated_at"])
        log_action(actor, handbook, "handbook.publish" if published else "handbook.unpublish")
    return handbook


def export_request(*, actor, handbook: Handbook, language: str, fmt: str) -> HandbookExport:
    """Ask for a PDF or DOCX of the whole handbook (every language) or one language; the background work starts
    once this transaction commits and records its progress chapter by chapter."""
    if not handbooks_visible_to(actor).filter(pk=handbook.pk).exists():
        raise PermissionDenied
    errors = {}
    if language and language not in {MASTER_LANGUAGE, *dict(TRANSLATION_LANGUAGES)}:
        errors["language"] = [_("Choose one of the languages.")]
    if fmt not in ExportFormat.values:
        errors["format"] = [_("Choose PDF or DOCX.")]
    if errors:
        raise ValidationError(errors)
    total = handbook.chapters.count() * (1 if language else 1 + len(TRANSLATION_LANGUAGES))
    export = HandbookExport.objects.create(
        handbook=handbook, language=language, format=fmt, requested_by=actor, chapters_total=total
    )
    log_action(
        actor, handbook, "handbook.export_request", {"language": [None, language], "format": [None, fmt]}
    )
    from .tasks import prepare_export  # the task module imports this one's neighbours

    transaction.on_commit(lambda: prepare_export.delay(export.pk))
    return export


def export_to_library(*, actor, export: HandbookExport, visibility: str):
    """Put a prepared export into the document library (documents' own service: its rules on who publishes)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rozwoj.documents.services import document_create

    from .exports import export_filename

    if export.ready_at is None or not export.file:
        raise ValidationError(_("The export is not ready yet."))
    handbook = export.handbook
    with export.file.open("rb") as handle:
        upload = SimpleUploadedFile(export_filename(export), handle.read())
    language = export.language if export.language in {"pl", "en"} else "other"
    document = document_create(
        actor=actor,
        data={
            "title": handbook.title,
            "description": handbook.summary,
            "programme": handbook.programme,
            "language": language if export.language else "other",
            "visibility": visibility,
            "is_accessible": True,
        },
        upload=upload,
        note=_("Exported from the handbook"),
    )
    log_action(actor, handbook, "handbook.to_library", {"document": [None, document.pk]})
    return document
