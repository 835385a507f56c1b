"""The news in the site search (rozwoj.core.search): each published post gives one entry per language version,
found by everyone; drafts, reviews, scheduled and archived posts give nothing (reindex removes them)."""

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rozwoj.core.markup import markdown_to_text
from rozwoj.core.search import PUBLIC, IndexEntry, register_source

from .selectors import published_posts


class NewsSource:
    kind = "news"
    heading = _("News")
    order = 10

    def entries(self, object_ids: Iterable[int] | None) -> Iterable[IndexEntry]:
        posts = published_posts().select_related("category").prefetch_related("tags")
        if object_ids is not None:
            posts = posts.filter(pk__in=list(object_ids))
        for post in posts.iterator(chunk_size=500) if object_ids is None else posts:
            tags = " ".join(tag.name for tag in post.tags.all())
            for language in post.languages:
                text = post.text(language)
                url = reverse("news:detail", args=[post.pk])
                yield IndexEntry(
                    object_id=post.pk,
                    language=language,
                    title=text["title"],
                    text=" ".join(
                        part
                        for part in (
                            text["lead"],
                            markdown_to_text(text["body"]),
                            tags,
                            post.category.name(language),
                        )
                        if part
                    ),
                    url=url if language == "pl" else f"{url}?version={language}",
                    date=post.published_at,
                    grants=frozenset({PUBLIC}),
                )


register_source(NewsSource())
