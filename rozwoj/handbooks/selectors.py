"""Reads of handbooks, always scoped to what the caller may see.

Who sees what: coordinators (and administrators) every handbook; a partner member the handbook of a programme
they act for (rozwoj.programmes.selectors.partner_organisation_ids) and of any chapter they are an author of;
everyone, signed in or not, the approved chapters of a published handbook on its public pages.
Who edits a chapter's texts: coordinators, the chapter's authors and the members of its author organisation.
"""

from __future__ import annotations

import re

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from rozwoj.programmes.selectors import partner_organisation_ids

from .models import (
    LANGUAGES,
    MASTER_LANGUAGE,
    Chapter,
    ChapterStatus,
    ChapterVersion,
    Comment,
    Handbook,
    HandbookExport,
    Part,
    Translation,
)


def _signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def is_coordinator(user) -> bool:
    return _signed_in(user) and user.is_coordinator


def _person_id(user):
    person = getattr(user, "person", None) if _signed_in(user) else None
    return person.pk if person is not None else None


def handbooks_visible_to(user) -> QuerySet[Handbook]:
    """The handbooks whose working pages `user` may open (not the public pages: see published_handbooks)."""
    if not _signed_in(user):
        return Handbook.objects.none()
    if user.is_coordinator:
        return Handbook.objects.all()
    from rozwoj.accounts.models import Role

    if not user.has_role(Role.PARTNER_MEMBER):
        return Handbook.objects.none()
    person_id = _person_id(user)
    if person_id is None:
        return Handbook.objects.none()
    import datetime

    from rozwoj.programmes.models import ProgrammePartner

    current = Q(end_date__isnull=True) | Q(end_date__gte=datetime.date.today())
    organisations = user.person.memberships.filter(current).values_list("organisation_id", flat=True)
    programmes = ProgrammePartner.objects.filter(organisation_id__in=organisations).values("programme_id")
    return Handbook.objects.filter(
        Q(programme_id__in=programmes)
        | Q(programme__lead_institution_id__in=organisations)
        | Q(chapters__authors=person_id)
    ).distinct()


def editable_organisation_ids(user, handbook: Handbook) -> set[int]:
    return partner_organisation_ids(user, handbook.programme)


def can_edit_chapter(user, chapter: Chapter, organisation_ids: set[int] | None = None) -> bool:
    """Coordinators; the chapter's authors; members of its author organisation in the programme."""
    if not _signed_in(user):
        return False
    if user.is_coordinator:
        return True
    if organisation_ids is None:
        organisation_ids = editable_organisation_ids(user, chapter.handbook)
    if chapter.author_organisation_id in organisation_ids:
        return True
    person_id = _person_id(user)
    return person_id is not None and any(a.pk == person_id for a in chapter.authors.all())


def access_handbook(user, pk: int, *, manage: bool = False) -> Handbook:
    """The handbook's working page: 404 when invisible, 403 when `manage` asks for the coordinator's right."""
    try:
        handbook = handbooks_visible_to(user).select_related("programme").get(pk=pk)
    except (Handbook.DoesNotExist, ValueError):
        raise Http404 from None
    if manage and not is_coordinator(user):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    return handbook


def access_chapter(user, pk: int, *, manage: bool = False) -> Chapter:
    """A chapter on the working pages: 404 when its handbook is invisible, 403 when `manage` asks to edit its
    texts and the user may not (can_edit_chapter)."""
    try:
        chapter = (
            Chapter.objects.filter(handbook__in=handbooks_visible_to(user))
            .select_related("handbook__programme", "part", "author_organisation")
            .prefetch_related("authors")
            .get(pk=pk)
        )
    except (Chapter.DoesNotExist, ValueError):
        raise Http404 from None
    if manage and not can_edit_chapter(user, chapter):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    return chapter


def access_comment(user, pk: int) -> Comment:
    try:
        comment = Comment.objects.select_related("chapter").get(pk=pk)
    except (Comment.DoesNotExist, ValueError):
        raise Http404 from None
    access_chapter(user, comment.chapter_id)
    return comment


def access_export(user, pk: int) -> HandbookExport:
    try:
        export = HandbookExport.objects.select_related("handbook").get(pk=pk)
    except (HandbookExport.DoesNotExist, ValueError):
        raise Http404 from None
    access_handbook(user, export.handbook_id)
    return export


def handbook_list(user) -> QuerySet[Handbook]:
    return (
        handbooks_visible_to(user)
        .select_related("programme")
        .annotate(
            chapter_count=Count("chapters", distinct=True),
            approved_count=Count(
                "chapters", filter=Q(chapters__status=ChapterStatus.APPROVED), distinct=True
            ),
        )
        .order_by("title", "pk")
    )


def handbook_structure(handbook: Handbook, *, approved_only: bool = False) -> list[Part]:
    """Parts with their chapters (authors, organisation, translations) in a fixed number of queries."""
    chapters = Chapter.objects.select_related("author_organisation").prefetch_related(
        "authors", Prefetch("translations", queryset=Translation.objects.order_by("language"))
    )
    if approved_only:
        chapters = chapters.filter(status=ChapterStatus.APPROVED)
    parts = list(
        Part.objects.filter(handbook=handbook)
        .order_by("order", "pk")
        .prefetch_related(Prefetch("chapters", queryset=chapters.order_by("order", "pk")))
    )
    for part in parts:
        for chapter in part.chapters.all():
            chapter.handbook = handbook  # no query for chapter.handbook later
            by_language = {t.language: t for t in chapter.translations.all()}
            for translation in by_language.values():
                translation.chapter = chapter
            cells = [by_language.get(code) for code, _name in LANGUAGES[1:]]
            chapter.translation_cells = cells  # type: ignore[attr-defined]
    return parts


def published_handbooks() -> QuerySet[Handbook]:
    return Handbook.objects.filter(is_published=True)


def access_public_handbook(pk: int) -> Handbook:
    try:
        return published_handbooks().select_related("programme").get(pk=pk)
    except (Handbook.DoesNotExist, ValueError):
        raise Http404 from None


def access_public_chapter(pk: int) -> Chapter:
    try:
        return (
            Chapter.objects.filter(handbook__is_published=True, status=ChapterStatus.APPROVED)
            .select_related("handbook", "part", "author_organisation")
            .prefetch_related("authors")
            .get(pk=pk)
        )
    except (Chapter.DoesNotExist, ValueError):
        raise Http404 from None


def chapter_versions(chapter: Chapter, language: str = MASTER_LANGUAGE) -> QuerySet[ChapterVersion]:
    return chapter.versions.filter(language=language).select_related("author").order_by("-number")


def chapter_comments(chapter: Chapter) -> list[Comment]:
    return list(
        chapter.comments.select_related("author", "resolved_by").order_by("paragraph", "created_at", "pk")
    )


def chapters_describing(technique, user) -> list[Chapter]:
    """The chapters describing a technique that the page's reader may see: the approved chapters of published
    handbooks, and every chapter of the handbooks whose working pages they open. One query."""
    visible = Q(handbook__is_published=True, status=ChapterStatus.APPROVED)
    if _signed_in(user):
        visible |= Q(handbook__in=handbooks_visible_to(user))
    return list(
        Chapter.objects.filter(visible, techniques=technique)
        .select_related("handbook")
        .order_by("handbook__title", "part__order", "order", "pk")
    )


def paragraphs(text: str) -> list[str]:
    """A Markdown text's paragraphs (blocks separated by an empty line): the anchors of review comments."""
    return [block.strip() for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if block.strip()]


def sections(text: str) -> list[str]:
    """A chapter's sections: its second-level headings, in order."""
    return [line[3:].strip() for line in text.replace("\r\n", "\n").split("\n") if line.startswith("## ")]


def translations_of(chapter: Chapter) -> dict[str, Translation]:
    """The chapter's translations by language (each knowing its chapter, to say whether it is outdated)."""
    found = {t.language: t for t in Translation.objects.filter(chapter=chapter)}
    for translation in found.values():
        translation.chapter = chapter
    return found


def recent_exports(handbook: Handbook, limit: int = 5) -> list[HandbookExport]:
    return list(handbook.exports.select_related("requested_by")[:limit])


def chapter_techniques(chapter: Chapter) -> list:
    return list(chapter.techniques.order_by("name"))


def versions_numbered(chapter: Chapter, language: str, numbers: list[int]) -> dict[int, ChapterVersion]:
    return {v.number: v for v in chapter.versions.filter(language=language, number__in=numbers)}


def chapters_for_api(user, *, handbook_id: int | None = None) -> QuerySet[Chapter]:
    chapters = (
        Chapter.objects.filter(handbook__in=handbooks_visible_to(user))
        .select_related("part", "author_organisation")
        .prefetch_related("authors", "translations")
        .order_by("handbook_id", "part__order", "part_id", "order", "pk")
    )
    if handbook_id is not None:
        chapters = chapters.filter(handbook_id=handbook_id)
    return chapters


def chapter_for_api(user, pk: int) -> Chapter:
    try:
        return chapters_for_api(user).get(pk=pk)
    except Chapter.DoesNotExist:
        raise Http404 from None
