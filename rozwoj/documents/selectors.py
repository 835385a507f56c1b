"""Reads of the document library, always scoped to what the caller may see.

A coordinator (or administrator) sees every document; anybody else the published ones meant for them: public
ones; for a signed-in user also those for signed-in users, for one of their roles, and for the participants of a
programme they take part in (told by `rozwoj.core.participation`)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from rozwoj.core.participation import programmes_of
from rozwoj.programmes.selectors import programmes_visible_to

from .models import Category, Document, DocumentVersion, Visibility

LIST_RELATED = ("category", "programme", "current_version")


def is_staff(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_coordinator)


def visibility_filter(user) -> Q:
    """The condition for the documents `user` may see (empty Q for coordinators: everything)."""
    if is_staff(user):
        return Q()
    condition = Q(visibility=Visibility.PUBLIC)
    if user is not None and user.is_authenticated:
        condition |= Q(visibility=Visibility.SIGNED_IN)
        roles = sorted(user.role_set)
        if roles:
            condition |= Q(visibility=Visibility.ROLE, role__in=roles)
        programmes = programmes_of(user)
        if programmes:
            condition |= Q(visibility=Visibility.PROGRAMME, programme_id__in=sorted(programmes))
    return condition


def documents_visible_to(user) -> QuerySet[Document]:
    return Document.objects.filter(visibility_filter(user))


def can_see_document(user, document: Document) -> bool:
    """The rule of `documents_visible_to` for one document already loaded."""
    if is_staff(user) or document.visibility == Visibility.PUBLIC:
        return True
    if user is None or not user.is_authenticated:
        return False
    if document.visibility == Visibility.SIGNED_IN:
        return True
    if document.visibility == Visibility.ROLE:
        return user.has_role(document.role)
    if document.visibility == Visibility.PROGRAMME:
        return document.programme_id in programmes_of(user)
    return False


def document_list(
    user,
    *,
    category: Category | None = None,
    programme=None,
    language: str = "",
    visibility: str = "",
    q: str = "",
) -> QuerySet[Document]:
    """Documents for lists (library, management and API): scoped, filtered, with what a row shows joined in.
    A programme filter matches only a programme the user may see."""
    documents = documents_visible_to(user)
    if category is not None:
        documents = documents.filter(category=category)
    if programme is not None:
        documents = documents.filter(
            programme=programme, programme__in=programmes_visible_to(user).values("pk")
        )
    if language:
        documents = documents.filter(language=language)
    if visibility and is_staff(user):
        documents = documents.filter(visibility=visibility)
    if q:
        documents = documents.filter(Q(title__icontains=q) | Q(description__icontains=q))
    return documents.select_related(*LIST_RELATED).order_by("-created_at", "-id")


def access_document(user, pk: int, *, manage: bool = False) -> Document:
    """One document the user may see (404 otherwise); with `manage`, only for coordinators (403 otherwise)."""
    try:
        document = Document.objects.select_related(*LIST_RELATED).get(pk=pk)
    except (Document.DoesNotExist, ValueError, OverflowError):
        raise Http404 from None
    if not can_see_document(user, document):
        raise Http404
    if manage and not is_staff(user):
        raise PermissionDenied
    return document


def access_version(user, document_pk: int, pk: int, *, manage: bool = False) -> DocumentVersion:
    """One version of a document the user may see (404 otherwise; 403 with `manage` for non-coordinators)."""
    document = access_document(user, document_pk, manage=manage)
    try:
        version = document.versions.get(pk=pk)
    except (DocumentVersion.DoesNotExist, ValueError, OverflowError):
        raise Http404 from None
    version.document = document
    return version


def document_detail(user, pk: int) -> Document:
    """A document with its versions (newest first, uploader joined)."""
    document = access_document(user, pk)
    versions = list(document.versions.select_related("uploaded_by").order_by("-number"))
    document.version_list = versions  # type: ignore[attr-defined]
    return document


def version_list(document: Document) -> QuerySet[DocumentVersion]:
    return document.versions.order_by("-number")


def categories() -> QuerySet[Category]:
    return Category.objects.all()


def access_category(user, pk: int) -> Category:
    if not is_staff(user):
        raise PermissionDenied
    try:
        return Category.objects.get(pk=pk)
    except (Category.DoesNotExist, ValueError, OverflowError):
        raise Http404 from None


def category_choices_with_counts() -> QuerySet[Category]:
    return Category.objects.annotate(document_count=Count("documents"))


def filter_programmes(user):
    """The programmes a library filter offers: those the user sees that have documents."""
    return programmes_visible_to(user).filter(documents__isnull=False).distinct().order_by("name")


def document_counts() -> dict:
    """For the coordinator dashboard: documents by publication, downloads in total. One query."""
    figures = Document.objects.aggregate(
        total=Count("id"),
        unpublished=Count("id", filter=Q(visibility=Visibility.STAFF)),
        downloads=Sum("download_count"),
    )
    figures["downloads"] = figures["downloads"] or 0
    return figures


def require_staff(user) -> None:
    if not is_staff(user):
        raise PermissionDenied


def category_or_none(pk: int | None) -> Category | None:
    if pk is None:
        return None
    return Category.objects.filter(pk=pk).first()


def programme_for(user, pk: int | None):
    """A programme the user may see, or None."""
    if pk is None:
        return None
    return programmes_visible_to(user).filter(pk=pk).first()
