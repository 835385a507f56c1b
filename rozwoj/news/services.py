"""Writes of news posts. Coordinators write and send for review; an administrator or a coordinator with the editor
right (`can_publish`) publishes, schedules and archives. Every change is in the audit log; a change of the text
keeps the old version, and after publication it shows as "last updated"; the site search follows every change."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rozwoj.accounts.models import User
from rozwoj.accounts.permissions import can_publish, require_coordinator
from rozwoj.core.audit import changed_fields, log_action
from rozwoj.core.search import reindex
from rozwoj.events.services.materials import validate_attachment_file, validate_photo_file

from .models import TEXT_FIELDS, Category, Post, PostAttachment, PostPhoto, PostStatus, PostVersion, Tag

SCALAR_FIELDS = [*TEXT_FIELDS, "category", "author_name"]
MAX_TAGS = 20


def _reindex(post_ids: list[int]) -> None:
    """The site search follows the change, inside the same transaction (a post that is no longer public leaves
    the index)."""
    reindex("news", post_ids)


def parse_tags(text: str) -> list[str]:
    names: list[str] = []
    for raw in (text or "").split(","):
        name = " ".join(raw.split())[:50]
        if name and name.lower() not in {n.lower() for n in names}:
            names.append(name)
    if len(names) > MAX_TAGS:
        raise ValidationError({"tags": _("At most %(count)s tags.") % {"count": MAX_TAGS}})
    return names


def _set_tags(post: Post, names: list[str]) -> None:
    tags = []
    for name in names:
        tag = Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name)
        tags.append(tag)
    post.tags.set(tags)


def _check_text(values: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    if not (values.get("title_pl") or "").strip() and not (values.get("title_en") or "").strip():
        errors["title_pl"] = [_("Give the post a title in at least one language.")]
    for code in ("pl", "en"):
        title, body = (values.get(f"title_{code}") or "").strip(), (values.get(f"body_{code}") or "").strip()
        if title and not body:
            errors[f"body_{code}"] = [
                _("Write the text of this language version (or leave its title empty).")
            ]
        if body and not title:
            errors[f"title_{code}"] = [_("Give this language version a title.")]
    if errors:
        raise ValidationError(errors)


def _keep_version(post: Post, actor: User | None) -> PostVersion:
    number = (post.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    return PostVersion.objects.create(
        post=post,
        number=number,
        created_at=timezone.now(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **{field: getattr(post, field) for field in TEXT_FIELDS},
    )


def _links(post: Post, data: dict[str, Any]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for name in ("programmes", "events"):
        if name in data:
            old = sorted(getattr(post, name).values_list("pk", flat=True))
            new = sorted(obj.pk for obj in data[name])
            if old != new:
                getattr(post, name).set(data[name])
                changes[name] = [old, new]
    if "tags" in data:
        names = parse_tags(data["tags"]) if isinstance(data["tags"], str) else list(data["tags"])
        old_names = sorted(post.tags.values_list("name", flat=True))
        if sorted(names) != old_names:
            _set_tags(post, names)
            changes["tags"] = [old_names, sorted(names)]
    return changes


@transaction.atomic
def post_create(*, actor: User, data: dict[str, Any]) -> Post:
    """A new draft written by a coordinator; its text is version 1."""
    require_coordinator(actor)
    values = {key: data[key] for key in SCALAR_FIELDS if key in data}
    _check_text(values)
    if not values.get("author_name"):
        person = getattr(actor, "person", None)
        values["author_name"] = person.full_name if person is not None else ""
    post = Post(
        author=actor, status=PostStatus.DRAFT, status_changed_at=timezone.now(), status_changed_by=actor
    )
    for key, value in values.items():
        setattr(post, key, value)
    post.full_clean()
    post.save()
    links = _links(post, data)
    _keep_version(post, actor)
    log_action(actor, post, "news.create", {"title": str(post), **links})
    return post


@transaction.atomic
def post_update(*, actor: User, post: Post, data: dict[str, Any]) -> dict[str, Any]:
    """Change a post. A change of its text keeps a new version; after publication it is shown as the date of
    the last update. A published post stays published (an editor may archive it)."""
    require_coordinator(actor)
    post = Post.objects.select_for_update().get(pk=post.pk)
    values = {key: data[key] for key in SCALAR_FIELDS if key in data}
    _check_text({**{f: getattr(post, f) for f in TEXT_FIELDS}, **values})
    changes = changed_fields(post, values)
    text_changed = any(field in changes for field in TEXT_FIELDS)
    if (
        text_changed
        and post.published_at is not None
        and post.status
        in (
            PostStatus.PUBLISHED,
            PostStatus.ARCHIVED,
        )
    ):
        post.text_updated_at = timezone.now()
    if changes:
        post.full_clean()
        post.save()
    changes.update(_links(post, data))
    if text_changed:
        _keep_version(post, actor)
    if changes:
        log_action(actor, post, "news.update", changes)
        _reindex([post.pk])
    return changes


def _set_status(post: Post, actor: User | None, status: str, **extra: Any) -> None:
    post.status = status
    post.status_changed_at = timezone.now()
    post.status_changed_by = actor if getattr(actor, "is_authenticated", False) else None
    for key, value in extra.items():
        setattr(post, key, value)
    post.save()


@transaction.atomic
def post_submit(*, actor: User, post: Post) -> Post:
    """A draft goes to review: an editor will publish it."""
    require_coordinator(actor)
    post = Post.objects.select_for_update().get(pk=post.pk)
    if post.status != PostStatus.DRAFT:
        raise ValidationError(_("Only a draft can be sent for review."))
    _set_status(post, actor, PostStatus.REVIEW)
    log_action(actor, post, "news.submit", {"status": [PostStatus.DRAFT, PostStatus.REVIEW]})
    return post


@transaction.atomic
def post_publish(*, actor: User, post: Post, at: datetime.datetime | None = None) -> Post:
    """Publish now, or schedule for `at` (a future time; the periodic job publishes it then). Editors only."""
    if not can_publish(actor):
        raise PermissionDenied(_("Only an editor or an administrator can publish."))
    post = Post.objects.select_for_update().get(pk=post.pk)
    if post.status == PostStatus.PUBLISHED:
        raise ValidationError(_("The post is already published."))
    old = post.status
    now = timezone.now()
    if at is not None and at > now:
        _set_status(post, actor, PostStatus.SCHEDULED, publish_at=at)
        log_action(actor, post, "news.schedule", {"status": [old, post.status], "publish_at": at})
        _reindex([post.pk])  # a post that was public (archived → scheduled) leaves the index
        return post
    _set_status(post, actor, PostStatus.PUBLISHED, publish_at=None, published_at=post.published_at or now)
    log_action(actor, post, "news.publish", {"status": [old, post.status]})
    _reindex([post.pk])
    return post


@transaction.atomic
def post_archive(*, actor: User, post: Post) -> Post:
    """Take a post off the site (it stays in the management list, its history kept). Editors only."""
    if not can_publish(actor):
        raise PermissionDenied(_("Only an editor or an administrator can archive a post."))
    post = Post.objects.select_for_update().get(pk=post.pk)
    if post.status == PostStatus.ARCHIVED:
        raise ValidationError(_("The post is already archived."))
    old = post.status
    _set_status(post, actor, PostStatus.ARCHIVED, publish_at=None)
    log_action(actor, post, "news.archive", {"status": [old, post.status]})
    _reindex([post.pk])
    return post


@transaction.atomic
def post_return_to_draft(*, actor: User, post: Post) -> Post:
    """Back to the writers: from review or a schedule (anyone who writes), from the site (an editor)."""
    require_coordinator(actor)
    post = Post.objects.select_for_update().get(pk=post.pk)
    if post.status == PostStatus.DRAFT:
        raise ValidationError(_("The post is already a draft."))
    if post.status in (PostStatus.PUBLISHED, PostStatus.ARCHIVED, PostStatus.SCHEDULED) and not can_publish(
        actor
    ):
        raise PermissionDenied(_("Only an editor or an administrator can withdraw this post."))
    old = post.status
    _set_status(post, actor, PostStatus.DRAFT, publish_at=None)
    log_action(actor, post, "news.draft", {"status": [old, post.status]})
    _reindex([post.pk])
    return post


def post_change_status(*, actor: User, post: Post, action: str, at: datetime.datetime | None = None) -> Post:
    """One of the status actions of the post's page: submit, publish, schedule (at `at`), archive, draft."""
    if action == "submit":
        return post_submit(actor=actor, post=post)
    if action == "publish":
        return post_publish(actor=actor, post=post)
    if action == "schedule":
        if at is None or at <= timezone.now():
            raise ValidationError({"publish_at": _("Choose a time in the future.")})
        return post_publish(actor=actor, post=post, at=at)
    if action == "archive":
        return post_archive(actor=actor, post=post)
    if action == "draft":
        return post_return_to_draft(actor=actor, post=post)
    raise ValidationError(_("Unknown action."))


def publish_due_posts(now: datetime.datetime | None = None) -> int:
    """Publish every scheduled post whose time has come (the periodic job). Safe to repeat: each post is claimed
    by a conditional update, so two runs never publish one post twice."""
    now = now or timezone.now()
    count = 0
    due = list(
        Post.objects.filter(status=PostStatus.SCHEDULED, publish_at__lte=now).values_list("pk", "publish_at")
    )
    for pk, publish_at in due:
        with transaction.atomic():
            claimed = Post.objects.filter(pk=pk, status=PostStatus.SCHEDULED).update(
                status=PostStatus.PUBLISHED,
                published_at=publish_at,
                publish_at=None,
                status_changed_at=now,
                status_changed_by=None,
            )
            if claimed:
                post = Post.objects.get(pk=pk)
                log_action(
                    None, post, "news.publish", {"status": [PostStatus.SCHEDULED, PostStatus.PUBLISHED]}
                )
                _reindex([pk])
                count += 1
    return count


# --- photos and attachments --------------------------------------------------------------------------------


@transaction.atomic
def photo_add(
    *, actor: User, post: Post, image, alt_text: str, caption: str = "", is_cover: bool = False
) -> PostPhoto:
    require_coordinator(actor)
    alt_text = (alt_text or "").strip()
    if not alt_text:
        raise ValidationError({"alt_text": _("Describe what the photo shows for people who cannot see it.")})
    try:
        content_type = validate_photo_file(image)
    except ValidationError as error:
        raise ValidationError({"image": error.messages}) from None
    post = Post.objects.select_for_update().get(pk=post.pk)
    if is_cover:
        post.photos.filter(is_cover=True).update(is_cover=False)
    order = (post.photos.aggregate(last=Max("order"))["last"] or 0) + 1
    try:
        photo = PostPhoto.objects.create(
            post=post,
            image=image,
            content_type=content_type,
            alt_text=alt_text,
            caption=(caption or "").strip(),
            order=order,
            is_cover=is_cover,
        )
    except IntegrityError as exc:  # pragma: no cover — a concurrent cover change
        raise ValidationError({"is_cover": _("Another photo became the cover; try again.")}) from exc
    log_action(actor, post, "news.photo_add", {"alt_text": alt_text, "cover": is_cover})
    return photo


@transaction.atomic
def photo_update(
    *, actor: User, photo: PostPhoto, alt_text: str, caption: str, order: int, is_cover: bool
) -> PostPhoto:
    require_coordinator(actor)
    alt_text = (alt_text or "").strip()
    if not alt_text:
        raise ValidationError({"alt_text": _("Describe what the photo shows for people who cannot see it.")})
    Post.objects.select_for_update().get(pk=photo.post_id)
    if is_cover and not photo.is_cover:
        PostPhoto.objects.filter(post_id=photo.post_id, is_cover=True).update(is_cover=False)
    changes = changed_fields(
        photo,
        {"alt_text": alt_text, "caption": (caption or "").strip(), "order": order, "is_cover": is_cover},
    )
    if changes:
        photo.save()
        log_action(actor, photo.post, "news.photo_update", changes)
    return photo


@transaction.atomic
def photo_delete(*, actor: User, photo: PostPhoto) -> None:
    require_coordinator(actor)
    log_action(actor, photo.post, "news.photo_delete", {"alt_text": photo.alt_text})
    image = photo.image
    photo.delete()
    transaction.on_commit(lambda: image.delete(save=False))


@transaction.atomic
def attachment_add(*, actor: User, post: Post, title: str, file) -> PostAttachment:
    require_coordinator(actor)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the attachment a title.")})
    try:
        content_type = validate_attachment_file(file)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    order = (post.attachments.aggregate(last=Max("order"))["last"] or 0) + 1
    attachment = PostAttachment.objects.create(
        post=post, title=title, file=file, size=file.size, content_type=content_type, order=order
    )
    log_action(actor, post, "news.attachment_add", {"title": title})
    return attachment


@transaction.atomic
def attachment_delete(*, actor: User, attachment: PostAttachment) -> None:
    require_coordinator(actor)
    log_action(actor, attachment.post, "news.attachment_delete", {"title": attachment.title})
    file = attachment.file
    attachment.delete()
    transaction.on_commit(lambda: file.delete(save=False))


CATEGORY_FIELDS = ("name_pl", "name_en", "slug", "order")


def category_save(*, actor: User, category: Category | None, data: dict[str, Any]) -> Category:
    """Add a news category or change it (names, address, order); a renamed category's published posts are
    reindexed (the search finds a post by its category's name)."""
    require_coordinator(actor)
    values = {key: data[key] for key in CATEGORY_FIELDS if key in data}
    with transaction.atomic():
        if category is None:
            category = Category(**values)
            changes = {key: [None, value] for key, value in values.items()}
            action = "news_category.create"
        else:
            changes = changed_fields(category, values)
            action = "news_category.update"
            if not changes:
                return category
        category.full_clean()
        try:
            with transaction.atomic():
                category.save()
        except IntegrityError:
            raise ValidationError({"name_pl": _("A category with this name already exists.")}) from None
        log_action(actor, category, action, changes)
        if action == "news_category.update" and {"name_pl", "name_en"} & set(changes):
            _reindex(list(category.posts.values_list("pk", flat=True)))
    return category


def category_delete(*, actor: User, category: Category) -> None:
    """Remove a category no post uses (drafts and archived posts count too)."""
    require_coordinator(actor)
    with transaction.atomic():
        used = category.posts.count()
        if used:
            message = ngettext(
                "%(count)s post uses this category; move it to another one first.",
                "%(count)s posts use this category; move them to another one first.",
                used,
            )
            raise ValidationError(message % {"count": used})
        log_action(actor, category, "news_category.delete", {"name_pl": [category.name_pl, None]})
        category.delete()
