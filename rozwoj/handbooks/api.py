"""API of handbook chapters: read for everyone who sees the handbook's working pages, the English text written by
the chapter's editors with the same optimistic lock as the page (a save names the revision it started from; a
newer save answers 409 and writes nothing)."""

import datetime

from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from rozwoj.accounts.auth import api_auth
from rozwoj.core.api import Id, Pagination
from rozwoj.core.api_errors import ErrorOut

from . import selectors, services
from .models import MAX_TEXT, ChapterStatus

router = Router(tags=["handbooks"], auth=api_auth)


class HandbookTranslationOut(Schema):
    language: str
    status: str
    outdated: bool

    @staticmethod
    def resolve_outdated(obj) -> bool:
        return obj.is_outdated


class HandbookChapterOut(Schema):
    id: int
    handbook_id: int
    part: str
    title: str
    order: int
    status: ChapterStatus
    author_organisation: str
    authors: list[str]
    revision: int
    updated_at: datetime.datetime
    translations: list[HandbookTranslationOut]

    @staticmethod
    def resolve_part(obj) -> str:
        return obj.part.title

    @staticmethod
    def resolve_author_organisation(obj) -> str:
        return obj.author_organisation.name

    @staticmethod
    def resolve_authors(obj) -> list[str]:
        return [person.full_name for person in obj.authors.all()]

    @staticmethod
    def resolve_translations(obj) -> list:
        translations = list(obj.translations.all())
        for translation in translations:
            translation.chapter = obj
        return translations


class HandbookChapterDetailOut(HandbookChapterOut):
    body: str


class HandbookChapterTextIn(Schema):
    title: str = Field(min_length=1, max_length=300)
    body: str = Field(max_length=MAX_TEXT)
    revision: int = Field(ge=0, le=2_000_000_000, description="The revision the text was read at.")


@router.get("/chapters", response=list[HandbookChapterOut])
@paginate(Pagination)
def list_chapters(request, handbook: Id | None = None):
    """The chapters of the handbooks the caller works on (optionally of one handbook)."""
    return selectors.chapters_for_api(request.user, handbook_id=handbook)


@router.get("/chapters/{int:chapter_id}", response=HandbookChapterDetailOut)
def get_chapter(request, chapter_id: Id):
    """A chapter with its English text and its revision (to send back when saving)."""
    return selectors.chapter_for_api(request.user, chapter_id)


@router.put(
    "/chapters/{int:chapter_id}/text",
    response={200: HandbookChapterDetailOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def put_chapter_text(request, chapter_id: Id, payload: HandbookChapterTextIn):
    """Save the English text as a new version (the chapter's authors, its author partner's members,
    coordinators). 409 when someone saved after `revision`: nothing is written."""
    chapter = selectors.access_chapter(request.user, chapter_id, manage=True)
    try:
        services.chapter_save_text(
            actor=request.user,
            chapter=chapter,
            title=payload.title,
            body=payload.body,
            base_revision=payload.revision,
        )
    except services.EditConflict as conflict:
        return Status(
            409,
            {
                "detail": f"The chapter was saved meanwhile (revision {conflict.current_revision}); "
                "read it again and merge.",
                "errors": [{"field": "revision", "message": str(conflict.current_revision)}],
            },
        )
    return selectors.chapter_for_api(request.user, chapter_id)
