"""The news in the site search and on the home page: published posts only, in their language versions."""

import pytest
from django.urls import reverse

from rozwoj.core.search import search
from rozwoj.news import services
from rozwoj.news.selectors import latest_public

from .factories import draft, editor

pytestmark = pytest.mark.django_db


def _news_urls(query):
    from django.contrib.auth.models import AnonymousUser

    results = search(AnonymousUser(), query, kind="news")
    return [hit.url for group in results.groups for hit in group.hits]


def test_a_published_post_is_found_and_leaves_the_index_when_archived():
    post = draft(
        title_pl="ERASMUS + Coaching: ponadnarodowe spotkanie trenerów",
        body_pl="Przedstawiciele LSPA i MetaCoach z Łotwy oraz Society in Progress z Grecji.",
        title_en="Transnational trainers' meeting",
        body_en="Partners from Latvia and Greece.",
    )
    secret = draft(title_pl="Szkic o coachingu na Łotwie", body_pl="Łotwa coaching")
    url = reverse("news:detail", args=[post.pk])
    assert _news_urls("coaching Łotwy") == []
    services.post_publish(actor=editor(), post=post)
    assert url in _news_urls("coaching Łotwy")
    assert f"{url}?version=en" in _news_urls("Latvia Greece")
    assert reverse("news:detail", args=[secret.pk]) not in _news_urls("Łotwa coaching")
    services.post_archive(actor=editor(), post=post)
    assert _news_urls("coaching Łotwy") == []


def test_the_home_page_shows_the_latest_news(client):
    post = draft(title_pl="Najnowsza wiadomość")
    hidden = draft(title_pl="Jeszcze szkic")
    services.post_publish(actor=editor(), post=post)
    assert [p.pk for p in latest_public(language="pl", limit=4)] == [post.pk]
    text = client.get(reverse("dashboard:home")).content.decode()
    assert "Najnowsza wiadomość" in text
    assert hidden.title_pl not in text
