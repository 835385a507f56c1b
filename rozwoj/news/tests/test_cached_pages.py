"""What the visitors' home page and the news list keep in the cache (keyed by the news' content stamp) never
hides a change: a publication, an edit, a scheduled publication or an archiving shows at once; a signed-in
user's start page is never taken from the cache; a page far down the list shows the right posts."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from rozwoj.core import home
from rozwoj.core.home import home_sections
from rozwoj.core.testing import assert_page
from rozwoj.news import selectors, services
from rozwoj.news.models import Post
from rozwoj.people.tests.factories import person_with_login

from .factories import PostFactory, draft, editor

pytestmark = pytest.mark.django_db

HOME = reverse("dashboard:home")
LIST = reverse("news:list")


def test_a_post_published_after_the_home_page_was_cached_shows_at_once(client, monkeypatch):
    monkeypatch.setattr(home, "_minute", lambda: 1)  # the events' section is kept a minute
    services.post_publish(actor=editor(), post=draft(title_pl="Pierwsza wiadomość"))
    assert "Pierwsza wiadomość" in client.get(HOME).content.decode()
    # The second visit is served from the cache: the stamp alone is read.
    assert_page(client, HOME, queries=1, contains="Pierwsza wiadomość")

    services.post_publish(actor=editor(), post=draft(title_pl="Druga wiadomość"))
    body = assert_page(client, HOME, queries=5, contains="Druga wiadomość").content.decode()
    assert body.index("Druga wiadomość") < body.index("Pierwsza wiadomość")


def test_an_edit_a_scheduled_publication_and_an_archiving_show_at_once(client):
    post = draft(title_pl="Wiadomość przed poprawką")
    services.post_publish(actor=editor(), post=post)
    assert "Wiadomość przed poprawką" in client.get(HOME).content.decode()

    services.post_update(actor=editor(), post=post, data={"title_pl": "Wiadomość po poprawce"})
    assert "Wiadomość po poprawce" in client.get(HOME).content.decode()

    later = draft(title_pl="Wiadomość zaplanowana")
    services.post_publish(actor=editor(), post=later, at=timezone.now() + datetime.timedelta(hours=1))
    assert "Wiadomość zaplanowana" not in client.get(HOME).content.decode()
    assert services.publish_due_posts(timezone.now() + datetime.timedelta(hours=2)) == 1
    assert "Wiadomość zaplanowana" in client.get(HOME).content.decode()

    services.post_archive(actor=editor(), post=Post.objects.get(pk=post.pk))
    assert "Wiadomość po poprawce" not in client.get(HOME).content.decode()


def test_a_signed_in_users_start_page_is_never_taken_from_the_cache(client):
    services.post_publish(actor=editor(), post=draft(title_pl="Wiadomość dla wszystkich"))
    request = RequestFactory().get(HOME)
    request.user = AnonymousUser()
    visitors = home_sections(request.user, request)
    assert visitors
    assert all(section.html is not None for section in visitors)
    user = person_with_login().user
    request.user = user
    signed_in = home_sections(user, request)
    assert [section.key for section in signed_in] == ["news"]
    assert all(section.html is None and section.items for section in signed_in)
    client.force_login(user)
    assert "Wiadomość dla wszystkich" in client.get(HOME).content.decode()


def test_the_visitors_list_is_kept_until_the_news_change_and_a_publication_shows_at_once(client):
    for _ in range(3):
        PostFactory()
    services.post_publish(actor=editor(), post=draft(title_pl="Wiadomość do policzenia"))
    first = assert_page(client, LIST, queries=7, contains="Wiadomość do policzenia")
    assert first.context["page_obj"].paginator.count == 4
    # Served from the cache: the stamps alone are read.
    assert_page(client, LIST, queries=1, contains="Wiadomość do policzenia")
    services.post_publish(actor=editor(), post=draft(title_pl="Wiadomość świeża"))
    response = assert_page(client, LIST, queries=7, contains=["Wiadomość świeża", "5 wyników"])
    assert response.context["page_obj"].paginator.count == 5
    # A signed-in coordinator's list is their own (the writers' buttons), never the visitors' one.
    client.force_login(editor())
    assert_page(client, LIST, queries=12, contains=["Wiadomość świeża", reverse("news:create")])


def test_a_page_far_down_the_list_shows_the_right_posts(client, settings, monkeypatch):
    settings.ROZWOJ_PAGE_SIZE = 4
    monkeypatch.setattr(selectors, "DEEP", 4)  # the second page on reads its ids first
    now = timezone.now()
    posts = [PostFactory(published_at=now - datetime.timedelta(hours=hour)) for hour in range(10)]
    for number, expected in ((1, posts[0:4]), (2, posts[4:8]), (3, posts[8:10])):
        response = client.get(LIST, {"page": number})
        assert [post.pk for post in response.context["page_obj"].object_list] == [p.pk for p in expected]
        for post in expected:
            assert post.title_pl in response.content.decode()


def test_the_years_of_the_filter_are_those_with_published_posts():
    def on(year):
        return timezone.make_aware(datetime.datetime(year, 6, 30, 12))

    assert selectors.public_years() == []
    for year in (2020, 2021, 2024, 2026):
        PostFactory(published_at=on(year))
    draft(title_pl="Szkic z 2023")
    assert selectors.public_years() == [2026, 2024, 2021, 2020]
    assert selectors.public_years() == [
        d.year for d in selectors.published_posts().dates("published_at", "year", order="DESC")
    ]
