"""Site search: one index over what the apps contribute, filtered in SQL by who may find what.

An app contributes a kind of thing in `<app>/search.py` (imported when the apps are ready):

    from rozwoj.core.search import PUBLIC, IndexEntry, register_source

    class NewsSource:
        kind = "news"
        heading = _("News")
        order = 10

        def entries(self, object_ids):
            for post in published_posts(object_ids):
                yield IndexEntry(post.pk, post.language, post.title, post.plain_text, post.get_absolute_url(),
                                 post.published_at, frozenset({PUBLIC}))

    register_source(NewsSource())

and calls `reindex("news", [post.pk])` in its services after a change (`unindex` after a delete). When its
entries show another app's records (an event shows its programme's name), it registers
`register_dependent("programmes.name", "events", ids_of_events)` and that app's service calls
`related_changed("programmes.name", [programme.pk])`.
`manage.py rebuild_search_index` rebuilds everything; `search(user, query)` answers the results page.
See docs/adding-a-feature.md ("Contributing to the site search").
"""

from .index import rebuild, reindex, related_changed, unindex
from .query import SearchHit, SearchResults, search
from .registry import (
    PUBLIC,
    SIGNED_IN,
    IndexEntry,
    SearchSource,
    get_source,
    grants_for,
    register_dependent,
    register_grant_provider,
    register_source,
    sources,
)

__all__ = [
    "PUBLIC",
    "SIGNED_IN",
    "IndexEntry",
    "SearchHit",
    "SearchResults",
    "SearchSource",
    "get_source",
    "grants_for",
    "rebuild",
    "register_dependent",
    "register_grant_provider",
    "register_source",
    "reindex",
    "related_changed",
    "search",
    "sources",
    "unindex",
]
