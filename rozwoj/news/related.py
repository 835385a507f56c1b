"""The news section of a programme's and an event's page (rozwoj.core.related): one query each."""

from django.utils.translation import get_language

from rozwoj.core.related import register_section

from .selectors import news_for_event, news_for_programme


def _section(posts, feed_url=None):
    if not posts:
        return None
    language = get_language()
    for post in posts:
        post.shown_language = post.version_language(language)
    return {"posts": posts, "feed_url": feed_url}


def programme_news(request, programme):
    from django.urls import reverse

    return _section(news_for_programme(programme.pk), reverse("news:programme_rss", args=[programme.pk]))


def event_news(request, event):
    return _section(news_for_event(event.pk))


def register() -> None:
    register_section(
        "programmes.programme",
        key="news",
        template="news/partials/related.html",
        context=programme_news,
        order=50,
    )
    # The event page is at its query budget: its news come in a request of their own (news:event_news).
    register_section(
        "events.event",
        key="news",
        template="news/partials/event_news.html",
        context=event_news,
        order=50,
        lazy=True,
    )
