"""RSS 2.0 and Atom feeds, read by a feed reader (feedparser): published posts only, per category and programme,
within a fixed number of queries; sitemap.xml lists published posts only."""

import feedparser
import pytest
from django.urls import reverse

from rozwoj.core.testing import assert_page
from rozwoj.programmes.tests.factories import ProgrammeFactory

from .factories import CategoryFactory, PostFactory, draft

pytestmark = pytest.mark.django_db


def _parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


@pytest.mark.parametrize("name", ["news:feed_rss", "news:feed_atom"])
def test_the_feed_has_published_posts_only(client, name):
    PostFactory(title_pl="Spotkanie w KSAP", body_pl="**Treść** <script>alert(1)</script>")
    draft(title_pl="Szkic niepubliczny")
    feed = _parse(client, reverse(name))
    titles = [entry.title for entry in feed.entries]
    assert titles == ["Spotkanie w KSAP"]
    assert feed.version == ("rss20" if name.endswith("rss") else "atom10")
    entry = feed.entries[0]
    assert entry.link.startswith("http://testserver/news/")
    assert "<script" not in entry.summary
    assert entry.tags[0].term == "Projekty szkoleniowe"


def test_category_and_programme_feeds(client):
    other = CategoryFactory(slug="inne")
    programme = ProgrammeFactory(is_public=True, name="Erasmus+ Coaching demo")
    in_programme = PostFactory(title_pl="O programie")
    in_programme.programmes.add(programme)
    PostFactory(title_pl="Inna kategoria", category=other)
    feed = _parse(client, reverse("news:category_rss", args=["inne"]))
    assert [e.title for e in feed.entries] == ["Inna kategoria"]
    feed = _parse(client, reverse("news:programme_atom", args=[programme.pk]))
    assert [e.title for e in feed.entries] == ["O programie"]
    assert "Erasmus+ Coaching demo" in feed.feed.title
    assert client.get(reverse("news:category_rss", args=["brak"])).status_code == 404
    internal = ProgrammeFactory(is_public=False)
    assert client.get(reverse("news:programme_rss", args=[internal.pk])).status_code == 404


def test_an_english_reader_gets_the_english_version_where_there_is_one(client):
    PostFactory(title_pl="Tylko po polsku")
    PostFactory(title_pl="Po polsku", title_en="In English", body_en="Text.")
    client.cookies["rozwoj_language"] = "en"
    feed = _parse(client, reverse("news:feed_rss"))
    assert sorted(e.title for e in feed.entries) == ["In English", "Tylko po polsku"]


def test_feeds_run_a_fixed_number_of_queries(client):
    for _ in range(3):
        PostFactory()
    assert_page(client, reverse("news:feed_rss"), queries=3, contains="<rss")
    for _ in range(30):
        PostFactory()
    assert_page(client, reverse("news:feed_rss"), queries=3, contains="<rss")
    assert_page(client, reverse("news:feed_atom"), queries=3, contains="<feed")


def test_the_sitemap_lists_published_posts_only(client):
    public = PostFactory()
    hidden = draft()
    text = client.get("/sitemap.xml").content.decode()
    assert f"http://testserver{reverse('news:detail', args=[public.pk])}</loc>" in text
    assert f"{reverse('news:detail', args=[hidden.pk])}</loc>" not in text
