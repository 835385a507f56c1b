"""Reading the search index: the matches a user may find, counted per kind, one page of them in the order of the
groups and by relevance. Grants are checked in SQL, before counting and paging."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import connection
from django.utils import translation
from django.utils.safestring import SafeString

from ..models import SearchEntry
from .registry import SearchSource, grants_for, sources
from .snippets import highlight, snippet
from .text import fts5_query, query_terms, tsquery

PAGE_SIZE = 20


@dataclass(frozen=True)
class SearchHit:
    kind: str
    title: SafeString  # escaped, the matching words in <mark>
    snippet: SafeString  # escaped, the matching words in <mark>
    url: str
    date: datetime.datetime | None
    language: str


@dataclass(frozen=True)
class KindCount:
    kind: str
    heading: str
    count: int


@dataclass
class HitGroup:
    kind: str
    heading: str
    hits: list[SearchHit] = field(default_factory=list)


@dataclass
class SearchResults:
    query: str
    kind: str  # the kind the results are limited to, or ""
    counts: list[KindCount]  # per kind with matches, in the order of the groups
    page: Page | None  # None when the query has no words to look for
    groups: list[HitGroup]  # the hits of this page, grouped by kind

    @property
    def total(self) -> int:
        return sum(count.count for count in self.counts)

    @property
    def has_terms(self) -> bool:
        return self.page is not None


def _match(terms, grants: Sequence[str], kinds: Sequence[str]) -> tuple[str, list]:
    """The CTEs `m` (matching entries the caller may find, with a score) and `v` (one language version of each
    object: the current language or a neutral entry first)."""
    grant_marks = ", ".join(["%s"] * len(grants))
    kind_marks = ", ".join(["%s"] * len(kinds))
    allowed = (
        f"EXISTS (SELECT 1 FROM core_searchgrant g WHERE g.entry_id = e.id AND g.token IN ({grant_marks}))"  # noqa: S608
        f" AND e.kind IN ({kind_marks})"
    )
    if connection.vendor == "postgresql":
        matching = (
            "SELECT e.id, e.kind, e.object_id, e.language, ts_rank(e.vector, q.query) AS score"  # noqa: S608
            " FROM core_searchentry e, to_tsquery('simple', unaccent(%s)) AS q(query)"
            f" WHERE e.vector @@ q.query AND {allowed}"
        )
        params: list[object] = [tsquery(terms)]
    else:
        matching = (
            "SELECT e.id, e.kind, e.object_id, e.language, -bm25(core_searchentry_fts, 8.0, 1.0) AS score"  # noqa: S608
            " FROM core_searchentry_fts JOIN core_searchentry e ON e.id = core_searchentry_fts.rowid"
            f" WHERE core_searchentry_fts MATCH %s AND {allowed}"
        )
        params = [fts5_query(terms)]
    params += [*grants, *kinds]
    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    one_version = (
        "SELECT m.* FROM m WHERE m.language IN ('', %s) OR NOT EXISTS (SELECT 1 FROM m o"
        " WHERE o.kind = m.kind AND o.object_id = m.object_id AND o.id <> m.id"
        " AND (o.language IN ('', %s) OR o.language < m.language))"
    )
    params += [language, language]
    return f"WITH m AS ({matching}), v AS ({one_version})", params


class _Hits(Sequence):
    """The matches as a sequence of known length for the paginator; a slice runs one query."""

    def __init__(self, terms, grants, kinds, kind: str, total: int) -> None:
        self.terms, self.grants, self.kinds, self.kind, self.total = terms, grants, kinds, kind, total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop if index.stop is not None else self.total
        cte, params = _match(self.terms, self.grants, self.kinds)
        order = " ".join(f"WHEN %s THEN {position}" for position in range(len(self.kinds)))
        only = " WHERE v.kind = %s" if self.kind else ""
        sql = (
            f"{cte} SELECT e.id, e.kind, e.language, e.title, e.text, e.url, e.date FROM v"  # noqa: S608
            f" JOIN core_searchentry e ON e.id = v.id{only}"
            f" ORDER BY CASE v.kind {order} END, v.score DESC, e.date IS NULL, e.date DESC, e.id"
            " LIMIT %s OFFSET %s"
        )
        if self.kind:
            params.append(self.kind)
        params += [*self.kinds, max(stop - start, 0), start]
        return [
            SearchHit(
                kind=row.kind,
                title=highlight(row.title, self.terms),
                snippet=snippet(row.text, self.terms),
                url=row.url,
                date=row.date,
                language=row.language,
            )
            for row in SearchEntry.objects.raw(sql, params)
        ]


def _counts(terms, grants, kinds) -> dict[str, int]:
    cte, params = _match(terms, grants, kinds)
    with connection.cursor() as cursor:
        cursor.execute(f"{cte} SELECT kind, COUNT(*) FROM v GROUP BY kind", params)  # noqa: S608
        return dict(cursor.fetchall())


def search(user, query: str, *, kind: str = "", page: str | int | None = 1, per_page: int = PAGE_SIZE):
    """What `user` may find for `query`, counted per kind; one page of hits (limited to `kind` when it names
    a registered kind). A query without words (empty, only punctuation or operators) finds nothing."""
    registered: list[SearchSource] = sources()
    kinds = [source.kind for source in registered]
    kind = kind if kind in kinds else ""
    terms = query_terms(query or "")
    if not terms or not kinds:
        return SearchResults(query=query, kind=kind, counts=[], page=None, groups=[])
    grants = sorted(grants_for(user))
    found = _counts(terms, grants, kinds)
    counts = [
        KindCount(source.kind, str(source.heading), found[source.kind])
        for source in registered
        if found.get(source.kind)
    ]
    total = found.get(kind, 0) if kind else sum(found.values())
    paginator = Paginator(_Hits(terms, grants, kinds, kind, total), per_page)
    page_obj = paginator.get_page(page)
    headings = {source.kind: str(source.heading) for source in registered}
    groups: list[HitGroup] = []
    for hit in page_obj.object_list:
        if not groups or groups[-1].kind != hit.kind:
            groups.append(HitGroup(hit.kind, headings[hit.kind]))
        groups[-1].hits.append(hit)
    return SearchResults(query=query, kind=kind, counts=counts, page=page_obj, groups=groups)
