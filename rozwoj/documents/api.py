"""Document library API: everyone reads what they may see (the selectors scope it); coordinators write, and
publishing or changing a published document needs the editor right (the services check it)."""

import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from rozwoj.accounts.auth import api_auth, public_api_auth
from rozwoj.accounts.models import Role
from rozwoj.core.api import Id, Pagination
from rozwoj.core.api_errors import ErrorOut

from . import selectors, services
from .models import FileType, Language, Visibility

router = Router(tags=["documents"])


class VersionOut(Schema):
    id: int
    number: int
    filename: str
    file_type: FileType
    size: int = Field(description="Size in bytes.")
    note: str
    created_at: datetime.datetime
    download_url: str

    @staticmethod
    def resolve_download_url(obj) -> str:
        return reverse("documents:version_download", args=[obj.document_id, obj.pk])


class CategoryOut(Schema):
    id: int
    name: str


class DocumentOut(Schema):
    id: int
    title: str
    description: str
    category: CategoryOut | None
    programme_id: int | None
    language: Language
    visibility: Visibility
    role: str
    is_accessible: bool
    accessibility_note: str
    current_version: VersionOut | None
    updated_at: datetime.datetime
    url: str
    download_url: str | None

    @staticmethod
    def resolve_programme_id(obj, context) -> int | None:
        programme = obj.programme
        if programme is None:
            return None
        request = context["request"]
        if programme.is_public or request.auth is not None and request.auth.is_authenticated:
            return programme.pk
        return None

    @staticmethod
    def resolve_url(obj) -> str:
        return reverse("documents:detail", args=[obj.pk])

    @staticmethod
    def resolve_download_url(obj) -> str | None:
        return reverse("documents:download", args=[obj.pk]) if obj.current_version_id else None


class DocumentDetailOut(DocumentOut):
    versions: list[VersionOut]

    @staticmethod
    def resolve_versions(obj) -> list:
        return obj.version_list


class DocumentFilters(Schema):
    category: Id | None = None
    programme: Id | None = None
    language: Language | None = None
    q: str = Field("", max_length=100)


class DocumentIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    description: str = Field("", max_length=5000)
    category: Id | None = None
    programme: Id | None = None
    language: Language = Language.POLISH
    visibility: Visibility = Visibility.STAFF
    role: str = Field("", max_length=32, description="For visibility `role`: " + ", ".join(Role.values) + ".")
    is_accessible: bool = True
    accessibility_note: str = Field("", max_length=500)


class DocumentPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=300)
    description: str | None = Field(None, max_length=5000)
    category: Id | None = None
    programme: Id | None = None
    language: Language | None = None
    visibility: Visibility | None = None
    role: str | None = Field(
        None, max_length=32, description="For visibility `role`: " + ", ".join(Role.values) + "."
    )
    is_accessible: bool | None = None
    accessibility_note: str | None = Field(None, max_length=500)


class VersionIn(Schema):
    note: str = Field("", max_length=300)


def _refusal(error: ValidationError):
    errors = (
        [
            {"field": None if field == "__all__" else field, "message": str(message)}
            for field, messages in error.message_dict.items()
            for message in messages
        ]
        if hasattr(error, "error_dict")
        else [{"field": None, "message": str(message)} for message in error.messages]
    )
    return Status(422, {"detail": errors[0]["message"] if errors else "", "errors": errors})


def _references(user, values: dict) -> dict:
    """Category and programme ids as objects; an unknown id is a field error."""
    if values.get("category") is not None:
        category = selectors.category_or_none(values["category"])
        if category is None:
            raise ValidationError({"category": _("There is no such category.")})
        values["category"] = category
    if values.get("programme") is not None:
        programme = selectors.programme_for(user, values["programme"])
        if programme is None:
            raise ValidationError({"programme": _("There is no such programme.")})
        values["programme"] = programme
    if "role" in values and values["role"] is None:
        values["role"] = ""
    return values


@router.get(
    "/",
    response=list[DocumentOut],
    auth=public_api_auth,
    summary="Documents of the library the caller may see, newest first",
)
@paginate(Pagination, page_size=50)
def list_documents(request, filters: Query[DocumentFilters]):
    category = selectors.category_or_none(filters.category)
    programme = selectors.programme_for(request.auth, filters.programme) if filters.programme else None
    if (filters.category and category is None) or (filters.programme and programme is None):
        return selectors.document_list(request.auth).none()
    return selectors.document_list(
        request.auth,
        category=category,
        programme=programme,
        language=filters.language or "",
        q=filters.q.strip(),
    )


@router.get("/{int:document_id}", response=DocumentDetailOut, auth=public_api_auth, summary="One document")
def get_document(request, document_id: Id):
    return selectors.document_detail(request.auth, document_id)


@router.post(
    "/",
    response={201: DocumentDetailOut, 422: ErrorOut},
    auth=api_auth,
    summary="Add a document with its first file (coordinators; publishing needs the editor right)",
)
def create_document(request, payload: Form[DocumentIn], file: File[UploadedFile]):
    user = request.auth
    selectors.require_staff(user)
    try:
        values = _references(user, payload.dict())
        document = services.document_create(actor=user, data=values, upload=file)
    except ValidationError as error:
        return _refusal(error)
    return Status(201, selectors.document_detail(user, document.pk))


@router.patch(
    "/{int:document_id}",
    response={200: DocumentDetailOut, 422: ErrorOut},
    auth=api_auth,
    summary="Change a document (coordinators; a published one, or publishing, needs the editor right)",
)
def update_document(request, document_id: Id, payload: DocumentPatch):
    user = request.auth
    document = selectors.access_document(user, document_id, manage=True)
    try:
        values = _references(user, payload.dict(exclude_unset=True))
        services.document_update(actor=user, document=document, data=values)
    except ValidationError as error:
        return _refusal(error)
    return Status(200, selectors.document_detail(user, document_id))


@router.post(
    "/{int:document_id}/versions",
    response={201: VersionOut, 422: ErrorOut},
    auth=api_auth,
    summary="Upload a new version of the file; it becomes the current one",
)
def create_version(request, document_id: Id, payload: Form[VersionIn], file: File[UploadedFile]):
    user = request.auth
    document = selectors.access_document(user, document_id, manage=True)
    try:
        version = services.version_add(actor=user, document=document, upload=file, note=payload.note)
    except ValidationError as error:
        return _refusal(error)
    return Status(201, version)
