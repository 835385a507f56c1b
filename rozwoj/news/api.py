"""News API: anyone reads published posts; coordinators write drafts; editors (`can_publish`) publish, schedule
and archive. The same selectors and services as the pages."""

import datetime

from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from rozwoj.accounts.auth import public_api_auth
from rozwoj.accounts.permissions import require_coordinator
from rozwoj.core.api import Id, Pagination
from rozwoj.core.api_errors import ErrorOut
from rozwoj.events.selectors import events_visible_to
from rozwoj.programmes.selectors import programmes_visible_to

from . import selectors, services
from .models import PostStatus

router = Router(tags=["news"])


class PhotoOut(Schema):
    id: int
    url: str
    alt_text: str
    caption: str
    is_cover: bool


class PostOut(Schema):
    id: int
    url: str
    category: str
    languages: list[str]
    title_pl: str
    lead_pl: str
    title_en: str
    lead_en: str
    published_at: datetime.datetime | None
    text_updated_at: datetime.datetime | None
    status: PostStatus

    @staticmethod
    def resolve_url(obj) -> str:
        from django.urls import reverse

        return reverse("news:detail", args=[obj.pk])

    @staticmethod
    def resolve_category(obj) -> str:
        return obj.category.slug


class PostDetailOut(PostOut):
    body_pl: str
    body_en: str
    author_name: str
    tags: list[str]
    programme_ids: list[int]
    event_ids: list[int]
    photos: list[PhotoOut]

    @staticmethod
    def resolve_tags(obj) -> list[str]:
        return [tag.name for tag in obj.tags.all()]

    @staticmethod
    def resolve_programme_ids(obj) -> list[int]:
        return [programme.pk for programme in obj.programmes.all()]

    @staticmethod
    def resolve_event_ids(obj) -> list[int]:
        return [event.pk for event in obj.events.all()]

    @staticmethod
    def resolve_photos(obj) -> list[dict]:
        from django.urls import reverse

        return [
            {
                "id": photo.pk,
                "url": reverse("news:photo", args=[obj.pk, photo.pk]),
                "alt_text": photo.alt_text,
                "caption": photo.caption,
                "is_cover": photo.is_cover,
            }
            for photo in obj.photos.all()
        ]


class PostFilters(Schema):
    category: str | None = Field(None, max_length=60)
    programme: Id | None = None
    year: int | None = Field(None, ge=1900, le=2100)


class PostIn(Schema):
    category: str = Field(..., max_length=60, description="The category's short name (slug).")
    title_pl: str = Field("", max_length=200)
    lead_pl: str = Field("", max_length=600)
    body_pl: str = Field("", max_length=50000)
    title_en: str = Field("", max_length=200)
    lead_en: str = Field("", max_length=600)
    body_en: str = Field("", max_length=50000)
    tags: list[str] = Field(default_factory=list, max_length=20)
    programme_ids: list[Id] = Field(default_factory=list, max_length=50)
    event_ids: list[Id] = Field(default_factory=list, max_length=50)


class PostPatch(Schema):
    category: str | None = Field(None, max_length=60)
    title_pl: str | None = Field(None, max_length=200)
    lead_pl: str | None = Field(None, max_length=600)
    body_pl: str | None = Field(None, max_length=50000)
    title_en: str | None = Field(None, max_length=200)
    lead_en: str | None = Field(None, max_length=600)
    body_en: str | None = Field(None, max_length=50000)


class PublishIn(Schema):
    at: datetime.datetime | None = Field(None, description="A future time schedules the publication.")


def _data(request, payload) -> dict:
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    data = {key: value for key, value in payload.dict().items() if value is not None}
    if "category" in data:
        category = selectors.category_or_none(data["category"])
        if category is None:
            raise ValidationError({"category": _("Unknown category.")})
        data["category"] = category
    for name, visible in (("programme_ids", programmes_visible_to), ("event_ids", events_visible_to)):
        if name in data:
            ids = set(data.pop(name))
            objects = list(visible(request.user).filter(pk__in=ids))
            if len(objects) != len(ids):
                raise ValidationError({name: _("Unknown identifier.")})
            data[name.removesuffix("_ids") + "s"] = objects
    return data


@router.get("/", response=list[PostOut], auth=public_api_auth)
@paginate(Pagination)
def list_posts(request, filters: Query[PostFilters]):
    """Published posts, newest first, filtered by category (slug), programme and year."""
    category = selectors.category_or_none(filters.category or "")
    if filters.category and category is None:
        return []
    return selectors.public_list(category=category, programme_id=filters.programme, year=filters.year)


@router.get("/{int:post_id}", response=PostDetailOut, auth=public_api_auth)
def get_post(request, post_id: Id):
    """A published post (coordinators also read drafts)."""
    return selectors.access_post(request.user, post_id, detail=True)


@router.post("/", response={201: PostDetailOut, 400: ErrorOut, 403: ErrorOut})
def create_post(request, payload: PostIn):
    """A new draft (coordinators)."""
    require_coordinator(request.user)
    post = services.post_create(actor=request.user, data=_data(request, payload))
    return Status(201, selectors.access_post(request.user, post.pk, detail=True))


@router.patch("/{int:post_id}", response={200: PostDetailOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut})
def update_post(request, post_id: Id, payload: PostPatch):
    """Change a post's text or category (coordinators); a published post shows it as its last update."""
    post = selectors.access_post(request.user, post_id, manage=True)
    services.post_update(actor=request.user, post=post, data=_data(request, payload))
    return selectors.access_post(request.user, post_id, detail=True)


@router.post(
    "/{int:post_id}/publish", response={200: PostDetailOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut}
)
def publish_post(request, post_id: Id, payload: PublishIn):
    """Publish now, or schedule for a future `at` (editors and administrators)."""
    post = selectors.access_post(request.user, post_id, manage=True)
    services.post_publish(actor=request.user, post=post, at=payload.at)
    return selectors.access_post(request.user, post_id, detail=True)


@router.post(
    "/{int:post_id}/archive", response={200: PostDetailOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut}
)
def archive_post(request, post_id: Id):
    """Take a post off the site (editors and administrators)."""
    post = selectors.access_post(request.user, post_id, manage=True)
    services.post_archive(actor=request.user, post=post)
    return selectors.access_post(request.user, post_id, detail=True)
