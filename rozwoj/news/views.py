"""News pages: the public list, a post, its photos and attachments (served only while the post is public, or to
those who write posts); the writers' list, the form, the photos and attachments, the status and the versions."""

import hashlib

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rozwoj.accounts.permissions import can_publish, coordinator_required
from rozwoj.core.audit import history_for
from rozwoj.core.files import file_response, stored_filename
from rozwoj.core.forms import add_service_errors
from rozwoj.core.pagination import paginate
from rozwoj.core.stamps import CACHE_SECONDS
from rozwoj.events.selectors import access_event

from . import related, selectors, services
from .forms import (
    AttachmentForm,
    CategoryForm,
    FilterForm,
    ManageFilterForm,
    PhotoEditForm,
    PhotoForm,
    PostForm,
    StatusForm,
)


def _language(request, post) -> str:
    """The version to show: the one asked for (?version=en) when the post has it, else the reader's language
    when the post has it, else the other one."""
    asked = request.GET.get("version", "")
    if asked in post.languages:
        return asked
    return post.version_language(get_language())


def _list_context(request, stamp: str) -> dict:
    years = selectors.public_years_cached(stamp)
    filter_form = FilterForm(request.GET or None, years=years, user=request.user)
    filters = filter_form.cleaned_data if filter_form.is_valid() else {}
    programme = filters.get("programme")
    chosen = {
        "category": filters.get("category"),
        "programme_id": programme.pk if programme else None,
        "year": filters.get("year"),
        "event_id": filters.get("event"),
    }
    count = selectors.public_list_count(stamp, **chosen)
    page_obj = paginate(request, selectors.PublicRows(selectors.public_list(**chosen), count), count=count)
    language = get_language()
    for post in page_obj:
        post.shown_language = post.version_language(language)
    return {
        "page_obj": page_obj,
        "filter_form": filter_form,
        "category": filters.get("category"),
        "programme": programme,
        "can_write": request.user.is_authenticated and request.user.is_coordinator,
    }


def _list_head(request, stamp: str) -> dict[str, str]:
    """The list's content and what the page's head says of it (title, feeds), rendered."""
    context = _list_context(request, stamp)
    category, programme = context["category"], context["programme"]
    if category:
        feeds = (
            reverse("news:category_rss", args=[category.slug]),
            reverse("news:category_atom", args=[category.slug]),
        )
    elif programme:
        feeds = (
            reverse("news:programme_rss", args=[programme.pk]),
            reverse("news:programme_atom", args=[programme.pk]),
        )
    else:
        feeds = (reverse("news:feed_rss"), reverse("news:feed_atom"))
    return {
        "category": str(category) if category else "",
        "rss": feeds[0],
        "atom": feeds[1],
        "body": render_to_string("news/public/_list_body.html", context, request),
    }


# The list as visitors see it is the same for all of them: kept in the cache under the stamps of the news and of
# the programmes (the filter's choices), so a publication, an edit or a scheduled publication shows at once.
@require_GET
def post_list(request):
    if request.user.is_authenticated:
        head = _list_head(
            request, selectors.news_stamp()
        )  # the writers' buttons, their programmes: never shared
    else:
        variant = f"{get_language()}:{timezone.get_current_timezone_name()}:{request.get_full_path()}"
        current = selectors.list_stamps()
        digest = hashlib.sha256(variant.encode()).hexdigest()
        key = f"news:list:{current['news']}-{current['programmes']}:{digest}"
        head = cache.get(key)
        if head is None:
            head = _list_head(request, current["news"])
            cache.set(key, head, CACHE_SECONDS)
    return render(request, "news/public/list.html", {"head": {**head, "body": mark_safe(head["body"])}})  # noqa: S308


@require_GET
def event_news(request, pk):
    """The news section of an event's page, loaded by htmx after the page (which is at its query budget)."""
    event = access_event(request.user, pk)
    context = related.event_news(request, event) or {"posts": []}
    return render(request, "news/partials/event_news.html", {"object": event, **context})


@require_GET
def post_detail(request, pk):
    post = selectors.access_post(request.user, pk, detail=True)
    language = _language(request, post)
    other = [code for code in post.languages if code != language]
    photos = list(post.photos.all())
    return render(
        request,
        "news/public/detail.html",
        {
            "post": post,
            "language": language,
            "text": post.text(language),
            "other_language": other[0] if other else "",
            "cover": next((photo for photo in photos if photo.is_cover), None),
            "gallery": [photo for photo in photos if not photo.is_cover],
            "funding_notes": selectors.funding_notes(post, language),
            "can_write": request.user.is_authenticated and request.user.is_coordinator,
        },
    )


@require_GET
def photo_page(request, pk, photo_pk):
    """One photo of the gallery on a page of its own, with the previous and next ones: a gallery that works
    with the keyboard and without any script."""
    photo = selectors.access_photo(request.user, pk, photo_pk)
    photos = list(photo.post.photos.all())
    index = next(i for i, item in enumerate(photos) if item.pk == photo.pk)
    language = _language(request, photo.post)
    return render(
        request,
        "news/public/photo.html",
        {
            "post": photo.post,
            "photo": photo,
            "text": photo.post.text(language),
            "language": language,
            "position": index + 1,
            "count": len(photos),
            "previous": photos[index - 1] if index > 0 else None,
            "next": photos[index + 1] if index + 1 < len(photos) else None,
        },
    )


@require_GET
def photo_file(request, pk, photo_pk):
    photo = selectors.access_photo(request.user, pk, photo_pk)
    response = file_response(
        photo.image, filename=stored_filename(photo.image), content_type=photo.content_type, inline=True
    )
    if photo.post.is_public:
        response["Cache-Control"] = "public, max-age=3600"
    return response


@require_GET
def attachment_file(request, pk, attachment_pk):
    attachment = selectors.access_attachment(request.user, pk, attachment_pk)
    return file_response(
        attachment.file, filename=stored_filename(attachment.file), content_type=attachment.content_type
    )


# --- writers ----------------------------------------------------------------------------------------------


@coordinator_required
@require_GET
def manage_list(request):
    filter_form = ManageFilterForm(request.GET or None)
    status = filter_form.cleaned_data.get("status", "") if filter_form.is_valid() else ""
    page_obj = paginate(request, selectors.manage_list(request.user, status=status))
    return render(
        request,
        "news/manage/list.html",
        {"page_obj": page_obj, "filter_form": filter_form, "can_publish": can_publish(request.user)},
    )


def _save_post(request, form, post=None):
    data = {**form.cleaned_data}
    try:
        if post is None:
            return services.post_create(actor=request.user, data=data)
        services.post_update(actor=request.user, post=post, data=data)
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    return post


@coordinator_required
@require_http_methods(["GET", "POST"])
def post_create(request):
    form = PostForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        post = _save_post(request, form)
        if post is not None:
            messages.success(request, _("The draft has been saved. Add photos, then send it for review."))
            return redirect("news:manage_post", pk=post.pk)
    return render(request, "news/manage/form.html", {"form": form, "post": None})


@coordinator_required
@require_http_methods(["GET", "POST"])
def post_edit(request, pk):
    post = selectors.access_post(request.user, pk, manage=True)
    form = PostForm(request.POST or None, instance=post, user=request.user)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save_post(request, form, selectors.access_post(request.user, pk, manage=True)) is not None
    ):
        messages.success(request, _("The post has been saved."))
        return redirect("news:manage_post", pk=post.pk)
    return render(request, "news/manage/form.html", {"form": form, "post": post})


@coordinator_required
@require_http_methods(["GET", "POST"])
def manage_post(request, pk):
    """The writers' page of a post: its status and the actions, photos, attachments, versions and history."""
    post = selectors.access_post(request.user, pk, manage=True, detail=True)
    photo_form = PhotoForm(prefix="photo")
    attachment_form = AttachmentForm(prefix="attachment")
    if request.method == "POST":
        kind = request.POST.get("kind")
        if kind == "photo":
            photo_form = PhotoForm(request.POST, request.FILES, prefix="photo")
            if photo_form.is_valid():
                try:
                    services.photo_add(actor=request.user, post=post, **photo_form.cleaned_data)
                except ValidationError as error:
                    add_service_errors(photo_form, error)
                else:
                    messages.success(request, _("The photo has been added."))
                    return redirect("news:manage_post", pk=post.pk)
        elif kind == "attachment":
            attachment_form = AttachmentForm(request.POST, request.FILES, prefix="attachment")
            if attachment_form.is_valid():
                try:
                    services.attachment_add(actor=request.user, post=post, **attachment_form.cleaned_data)
                except ValidationError as error:
                    add_service_errors(attachment_form, error)
                else:
                    messages.success(request, _("The attachment has been added."))
                    return redirect("news:manage_post", pk=post.pk)
    return render(
        request,
        "news/manage/post.html",
        {
            "post": post,
            "photo_form": photo_form,
            "attachment_form": attachment_form,
            "status_form": StatusForm(),
            "can_publish": can_publish(request.user),
            "versions": selectors.post_versions(post),
            "history": history_for(post)[:30],
        },
    )


STATUS_MESSAGES = {
    "submit": _("The post has been sent for review."),
    "publish": _("The post has been published."),
    "schedule": _("The post has been scheduled."),
    "archive": _("The post has been archived."),
    "draft": _("The post is a draft again."),
}


@coordinator_required
@require_POST
def post_status(request, pk):
    post = selectors.access_post(request.user, pk, manage=True)
    form = StatusForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("news:manage_post", pk=post.pk)
    action = form.cleaned_data["action"]
    try:
        services.post_change_status(
            actor=request.user, post=post, action=action, at=form.cleaned_data.get("publish_at")
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    except PermissionDenied as error:
        messages.error(request, str(error) or _("You do not have permission to do this."))
    else:
        messages.success(request, str(STATUS_MESSAGES[action]))
    return redirect("news:manage_post", pk=post.pk)


@coordinator_required
@require_http_methods(["GET", "POST"])
def photo_edit(request, pk, photo_pk):
    photo = selectors.access_photo(request.user, pk, photo_pk, manage=True)
    form = PhotoEditForm(request.POST or None, instance=photo)
    if request.method == "POST" and form.is_valid():
        try:
            fresh = selectors.access_photo(request.user, pk, photo_pk, manage=True)
            services.photo_update(actor=request.user, photo=fresh, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The photo has been saved."))
            return redirect("news:manage_post", pk=photo.post.pk)
    return render(request, "news/manage/photo_form.html", {"form": form, "photo": photo, "post": photo.post})


@coordinator_required
@require_POST
def photo_delete(request, pk, photo_pk):
    photo = selectors.access_photo(request.user, pk, photo_pk, manage=True)
    services.photo_delete(actor=request.user, photo=photo)
    messages.success(request, _("The photo has been removed."))
    return redirect("news:manage_post", pk=pk)


@coordinator_required
@require_POST
def attachment_delete(request, pk, attachment_pk):
    attachment = selectors.access_attachment(request.user, pk, attachment_pk, manage=True)
    services.attachment_delete(actor=request.user, attachment=attachment)
    messages.success(request, _("The attachment has been removed."))
    return redirect("news:manage_post", pk=pk)


@coordinator_required
@require_http_methods(["GET", "POST"])
def category_list(request):
    """The news categories with the number of posts in each; a new one is added below the table."""
    form = CategoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.category_save(actor=request.user, category=None, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The category has been added."))
            return redirect("news:categories")
    return render(
        request,
        "news/manage/categories.html",
        {"form": form, "categories": selectors.categories_with_counts()},
    )


@coordinator_required
@require_http_methods(["GET", "POST"])
def category_edit(request, pk: int):
    category = selectors.access_category(pk)
    form = CategoryForm(request.POST or None, instance=category)
    if request.method == "POST" and form.is_valid():
        try:
            services.category_save(
                actor=request.user, category=selectors.access_category(pk), data=form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The category has been saved."))
            return redirect("news:categories")
    return render(request, "news/manage/category_form.html", {"form": form, "category": category})


@coordinator_required
@require_POST
def category_delete(request, pk: int):
    category = selectors.access_category(pk)
    try:
        services.category_delete(actor=request.user, category=category)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The category has been removed."))
    return redirect("news:categories")
