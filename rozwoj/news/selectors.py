"""Reads of news posts, always scoped to what the caller may see: the public reads published posts only;
coordinators (who write them) see every post on the management pages."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, Max, Min, Prefetch, QuerySet, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from rozwoj.core.stamps import CACHE_SECONDS, stamps
from rozwoj.core.user_input import is_key

from .models import Category, Post, PostAttachment, PostPhoto, PostStatus, PostVersion


def _is_coordinator(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_coordinator)


def published_posts() -> QuerySet[Post]:
    """What anyone may read: published posts, newest first (drafts, reviews, scheduled and archived never)."""
    return Post.objects.filter(status=PostStatus.PUBLISHED).order_by("-published_at", "-id")


def posts_visible_to(user) -> QuerySet[Post]:
    return Post.objects.all() if _is_coordinator(user) else published_posts()


def _cover_prefetch() -> Prefetch:
    return Prefetch("photos", queryset=PostPhoto.objects.filter(is_cover=True), to_attr="covers")


def _list_rows(queryset: QuerySet[Post]) -> QuerySet[Post]:
    return queryset.select_related("category").prefetch_related(_cover_prefetch())


def public_list(
    *,
    category: Category | None = None,
    programme_id: int | None = None,
    year: int | None = None,
    event_id: int | None = None,
):
    posts = published_posts()
    if event_id is not None:
        posts = posts.filter(events__id=event_id)
    if category is not None:
        posts = posts.filter(category=category)
    if programme_id is not None:
        posts = posts.filter(programmes__id=programme_id)
    if year is not None:
        posts = posts.filter(published_at__year=year)
    return _list_rows(posts)


DEEP = 100  # from this row on, a page of the list reads its ids first (see PublicRows)


class PublicRows(Sequence):
    """The rows of the public list for the paginator, with the number of them known beforehand (counted once per
    change of the news, `public_list_count`). A page far down the list (OFFSET of DEEP rows or more) reads the ids
    of its rows first, from the list's index alone, then those rows: the database skips index entries instead of
    whole posts."""

    def __init__(self, queryset: QuerySet[Post], count: int) -> None:
        self.queryset, self.total = queryset, count

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        if (index.start or 0) < DEEP:
            return list(self.queryset[index])
        ids = list(self.queryset.values_list("pk", flat=True)[index])
        posts = {post.pk: post for post in Post.objects.filter(pk__in=ids).select_related("category")}
        rows = [posts[pk] for pk in ids if pk in posts]
        prefetch_related_objects(rows, _cover_prefetch())
        return rows


def news_stamp() -> str:
    """The content stamp of the news (rozwoj.core.stamps): it changes with every publication, edit, archiving
    and scheduled publication (the services reindex the post, which bumps it). One query."""
    return stamps("news")["news"]


def list_stamps() -> dict[str, str]:
    """The stamps of what the visitors' news list shows, in one query: the news, and the programmes (the
    filter's choices)."""
    return stamps("news", "programmes")


def public_list_count(
    stamp: str,
    *,
    category: Category | None = None,
    programme_id: int | None = None,
    year: int | None = None,
    event_id: int | None = None,
) -> int:
    """The number of posts of `public_list` with these filters, counted once per change of the news (`stamp`)."""
    filters = f"{category.pk if category else ''}:{programme_id or ''}:{year or ''}:{event_id or ''}"
    key = f"news:count:{stamp}:{filters}"
    count = cache.get(key)
    if count is None:
        posts = public_list(category=category, programme_id=programme_id, year=year, event_id=event_id)
        count = posts.order_by().count()
        cache.set(key, count, CACHE_SECONDS)
    return count


def public_years_cached(stamp: str) -> list[int]:
    """`public_years()`, computed once per change of the news (`stamp`)."""
    key = f"news:years:{stamp}"
    years = cache.get(key)
    if years is None:
        years = public_years()
        cache.set(key, years, CACHE_SECONDS)
    return years


def latest_public(*, language: str, limit: int) -> list[Post]:
    """The newest published posts (for the home page), with their category and cover photo: two queries.
    Each post carries `shown_language`: `language` when the post has that version, else the other one."""
    posts = list(_list_rows(published_posts())[: max(0, min(limit, 50))])
    for post in posts:
        post.shown_language = post.version_language(language)
    return posts


def manage_list(user, *, status: str = "") -> QuerySet[Post]:
    if not _is_coordinator(user):
        raise PermissionDenied
    posts = Post.objects.all().select_related("category", "status_changed_by").order_by("-updated_at", "-id")
    if status in PostStatus.values:
        posts = posts.filter(status=status)
    return posts


def categories() -> QuerySet[Category]:
    return Category.objects.all()


def category_or_none(slug: str) -> Category | None:
    return Category.objects.filter(slug=slug).first() if slug else None


def category_by_slug(slug: str) -> Category:
    category = category_or_none(slug)
    if category is None:
        raise Http404
    return category


def public_years() -> list[int]:
    """The years with published posts, the latest first, in two queries that read the list's index only: the
    first and the last publication, then one EXISTS per year between them (not the year of every post)."""
    posts = published_posts().order_by()
    bounds = posts.aggregate(first=Min("published_at"), last=Max("published_at"))
    if bounds["first"] is None:
        return []
    first, last = timezone.localtime(bounds["first"]).year, timezone.localtime(bounds["last"]).year
    between = list(range(last - 1, first, -1))
    found = set()
    if between:
        flags = {f"y{year}": Exists(posts.filter(published_at__year=year)) for year in between}
        row = posts.annotate(**flags).values(*flags)[:1].get()
        found = {year for year in between if row[f"y{year}"]}
    return sorted({first, last} | found, reverse=True)


def access_post(user, pk, *, manage: bool = False, detail: bool = False) -> Post:
    """The post `pk` if `user` may see it (404 otherwise); with `manage`, 403 unless they may edit it."""
    if not is_key(pk):
        raise Http404
    posts = posts_visible_to(user)
    if detail:
        posts = posts.select_related("category").prefetch_related(
            "tags",
            "programmes",
            "events",
            "photos",
            "attachments",
        )
    post = posts.filter(pk=pk).first()
    if post is None:
        raise Http404
    if manage and not _is_coordinator(user):
        raise PermissionDenied
    return post


def access_photo(user, post_pk, photo_pk, *, manage: bool = False) -> PostPhoto:
    post = access_post(user, post_pk, manage=manage)
    if not is_key(photo_pk):
        raise Http404
    photo = PostPhoto.objects.filter(post=post, pk=photo_pk).first()
    if photo is None:
        raise Http404
    photo.post = post
    return photo


def access_attachment(user, post_pk, attachment_pk, *, manage: bool = False) -> PostAttachment:
    post = access_post(user, post_pk, manage=manage)
    if not is_key(attachment_pk):
        raise Http404
    attachment = PostAttachment.objects.filter(post=post, pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    attachment.post = post
    return attachment


def post_versions(post: Post) -> QuerySet[PostVersion]:
    return post.versions.select_related("created_by").order_by("-number")


def funding_notes(post: Post, language: str) -> list[str]:
    """The funding note of each programme the post is linked to (programmes prefetched)."""
    from django.utils.translation import gettext as _
    from django.utils.translation import override

    notes = []
    with override(language):
        for programme in post.programmes.all():
            if not programme.funding_programme:
                continue
            parts = [programme.funding_programme]
            if programme.funding_action:
                parts.append(programme.funding_action)
            notes.append(
                _("The project “%(name)s” is funded by %(funding)s.")
                % {"name": programme.name, "funding": " — ".join(parts)}
            )
    return notes


def news_for_programme(programme_id: int, *, limit: int = 5) -> list[Post]:
    return list(published_posts().filter(programmes__id=programme_id)[:limit])


def news_for_event(event_id: int, *, limit: int = 5) -> list[Post]:
    return list(published_posts().filter(events__id=event_id)[:limit])


def categories_with_counts() -> QuerySet[Category]:
    """Every news category in its order, with the number of its posts (any status)."""
    return Category.objects.annotate(post_count=Count("posts")).order_by("order", "name_pl")


def access_category(pk: int) -> Category:
    """A category to change (the page checks the coordinator right); 404 when there is none."""
    return get_object_or_404(Category, pk=pk)
