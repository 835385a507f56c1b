"""The authorisation policy of news: everyone reads published posts, their photos, attachments and feeds;
coordinators write; administrators (and coordinators with the editor right, which the matrix's coordinator does
not have) publish and archive. Drafts never leak through pages, files, feeds, the sitemap or the API."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rozwoj.events.tests.factories import EventFactory
from rozwoj.news import services
from rozwoj.news.tests.factories import PostFactory, draft, png_bytes
from rozwoj.programmes.tests.factories import ProgrammeFactory

from .authorization import (
    COORDINATORS,
    EVERYONE,
    FORBIDDEN,
    LOGIN,
    NOT_FOUND,
    OK,
    UNAUTHORISED,
    matrix_tests,
    row,
    text_of,
)

DONE = 302
STAFF_SEE = row(NOT_FOUND, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
COORDINATORS_DO = row(LOGIN, DONE, DONE, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)


@pytest.fixture
def news(world):
    coordinator = world["users"]["coordinator"]
    programme = ProgrammeFactory(is_public=True)
    public = PostFactory(title_pl="Wiadomość publiczna")
    public.programmes.add(programme)
    event = EventFactory(visibility="public", status="planned")
    draft_event = EventFactory(visibility="public", status="draft")
    public.events.add(event)
    secret = draft(title_pl="Szkic tajny")
    secret.programmes.add(programme)
    photos = {}
    for key, post in (("public", public), ("secret", secret)):
        photos[key] = services.photo_add(
            actor=coordinator, post=post, image=SimpleUploadedFile("z.png", png_bytes()), alt_text="opis"
        )
    attachment = services.attachment_add(
        actor=coordinator,
        post=public,
        title="Program",
        file=SimpleUploadedFile("program.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
    )
    return {
        "public": public,
        "secret": secret,
        "programme": programme,
        "event": event,
        "draft_event": draft_event,
        "photo": photos["public"],
        "secret_photo": photos["secret"],
        "attachment": attachment,
    }


PAGES = {
    "news list": (lambda n: reverse("news:list"), EVERYONE),
    "news of a public event": (lambda n: reverse("news:event_news", args=[n["event"].pk]), EVERYONE),
    "news of a draft event": (lambda n: reverse("news:event_news", args=[n["draft_event"].pk]), STAFF_SEE),
    "public post": (lambda n: reverse("news:detail", args=[n["public"].pk]), EVERYONE),
    "draft post": (lambda n: reverse("news:detail", args=[n["secret"].pk]), STAFF_SEE),
    "gallery page": (lambda n: reverse("news:photo_page", args=[n["public"].pk, n["photo"].pk]), EVERYONE),
    "photo of a public post": (
        lambda n: reverse("news:photo", args=[n["public"].pk, n["photo"].pk]),
        EVERYONE,
    ),
    "photo of a draft": (
        lambda n: reverse("news:photo", args=[n["secret"].pk, n["secret_photo"].pk]),
        STAFF_SEE,
    ),
    "attachment": (
        lambda n: reverse("news:attachment", args=[n["public"].pk, n["attachment"].pk]),
        EVERYONE,
    ),
    "RSS": (lambda n: reverse("news:feed_rss"), EVERYONE),
    "Atom": (lambda n: reverse("news:feed_atom"), EVERYONE),
    "category RSS": (lambda n: reverse("news:category_rss", args=["training-projects"]), EVERYONE),
    "category Atom": (lambda n: reverse("news:category_atom", args=["training-projects"]), EVERYONE),
    "programme RSS": (lambda n: reverse("news:programme_rss", args=[n["programme"].pk]), EVERYONE),
    "programme Atom": (lambda n: reverse("news:programme_atom", args=[n["programme"].pk]), EVERYONE),
    "manage news": (lambda n: reverse("news:manage"), COORDINATORS),
    "news categories": (lambda n: reverse("news:categories"), COORDINATORS),
    "edit a news category": (
        lambda n: reverse("news:category_edit", args=[n["public"].category_id]),
        COORDINATORS,
    ),
    "new post": (lambda n: reverse("news:create"), COORDINATORS),
    "edit a draft": (lambda n: reverse("news:edit", args=[n["secret"].pk]), COORDINATORS),
    "manage a post": (lambda n: reverse("news:manage_post", args=[n["secret"].pk]), COORDINATORS),
    "edit a photo": (
        lambda n: reverse("news:photo_edit", args=[n["secret"].pk, n["secret_photo"].pk]),
        COORDINATORS,
    ),
}

ACTIONS = {
    "remove a news category in use": (
        "POST",
        lambda n: reverse("news:category_delete", args=[n["public"].category_id]),
        None,
        COORDINATORS_DO,
    ),
    "send a draft for review": (
        "POST",
        lambda n: reverse("news:status", args=[n["secret"].pk]),
        {"action": "submit"},
        COORDINATORS_DO,
    ),
    "remove a photo": (
        "POST",
        lambda n: reverse("news:photo_delete", args=[n["secret"].pk, n["secret_photo"].pk]),
        None,
        COORDINATORS_DO,
    ),
    "remove an attachment": (
        "POST",
        lambda n: reverse("news:attachment_delete", args=[n["public"].pk, n["attachment"].pk]),
        None,
        COORDINATORS_DO,
    ),
}

API = {
    "news": (lambda n: "/api/v1/news/", EVERYONE),
    "public post": (lambda n: f"/api/v1/news/{n['public'].pk}", EVERYONE),
    "draft post": (lambda n: f"/api/v1/news/{n['secret'].pk}", STAFF_SEE),
}

API_ACTIONS = {
    "write a draft": (
        "POST",
        lambda n: "/api/v1/news/",
        {"category": "training-projects", "title_pl": "Z API", "body_pl": "Treść."},
        row(UNAUTHORISED, 201, 201, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    ),
    "change a draft": (
        "PATCH",
        lambda n: f"/api/v1/news/{n['secret'].pk}",
        {"lead_pl": "Nowe wprowadzenie."},
        row(UNAUTHORISED, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "publish a draft": (
        "POST",
        lambda n: f"/api/v1/news/{n['secret'].pk}/publish",
        {},
        # The matrix's coordinator has no editor right.
        row(UNAUTHORISED, OK, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "archive a published post": (
        "POST",
        lambda n: f"/api/v1/news/{n['public'].pk}/archive",
        {},
        row(UNAUTHORISED, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    ),
}


globals().update(
    matrix_tests("news", pages=PAGES, actions=ACTIONS, api=API, api_actions=API_ACTIONS, prefix="news_")
)


@pytest.mark.parametrize("role", ["anonymous", "expert", "lg_member", "no_role"])
def test_drafts_never_leak(client, world, news, role):
    if role != "anonymous":
        client.force_login(world["users"][role])
    for url in (
        reverse("news:list"),
        reverse("news:feed_rss"),
        reverse("news:feed_atom"),
        reverse("news:programme_rss", args=[news["programme"].pk]),
        reverse("programmes:detail", args=[news["programme"].pk]),
        "/sitemap.xml",
        "/api/v1/news/",
    ):
        body = text_of(client.get(url))
        assert "Szkic tajny" not in body, url
        assert "Wiadomość publiczna" in body or url == "/sitemap.xml", url
