"""Reading the search index: the matches a user may find, counted per kind, one page of them in the order of the
groups and by relevance. Grants are checked in SQL, before counting and paging. The counts and the page of a
query are kept in the cache under the stamps of every kind and the caller's grants: a common word asked again
costs one query until something findable changes."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection
from django.utils import translation
from django.utils.safestring import SafeString

from ..models import SearchEntry
from ..stamps import CACHE_SECONDS, stamps
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

    @property
    def capped(self) -> bool:
        """Whether some kind has more matches than can be browsed (the best RANKED of each are)."""
        return any(count.count > RANKED for count in self.counts)

    @property
    def ranked(self) -> int:
        return RANKED


RANKED = 100  # per kind: the best matches that are ranked and can be paged through; the counts stay exact


def _candidates(terms, grants: Sequence[str], kinds: Sequence[str]) -> tuple[str, list]:
    """The CTEs up to `o`: each object the caller may find once (one language version: the current language or a
    neutral entry first), with `found` (the matches of its kind) and `position` (its place among them by a cheap
    pre-order: PostgreSQL the title matching first, then the newest; SQLite FTS5's bm25, computed in the match).
    Only the first RANKED of each kind are then ranked (ts_rank reads the whole vector: ranking every match of a
    common word was most of the time of a search)."""
    grant_marks = ", ".join(["%s"] * len(grants))
    kind_marks = ", ".join(["%s"] * len(kinds))
    allowed = (
        f"EXISTS (SELECT 1 FROM core_searchgrant g WHERE g.entry_id = e.id AND g.token IN ({grant_marks}))"  # noqa: S608
        f" AND e.kind IN ({kind_marks})"
    )
    if connection.vendor == "postgresql":
        # The tsqueries inline (not a CTE joined in), so that the planner uses the GIN index for the match.
        # `q` is computed once (an InitPlan): unaccent() is only STABLE, so written inline it would be parsed again
        # for every match in the CASE and for every ranked entry.
        cte = (
            "WITH q AS MATERIALIZED (SELECT to_tsquery('simple', unaccent(%s)) AS query),"  # noqa: S608
            " m AS (SELECT e.id, e.kind, e.object_id, e.language, e.date,"
            " CASE WHEN e.title_vector @@ (SELECT query FROM q) THEN 1 ELSE 0 END AS score"
            f" FROM core_searchentry e WHERE e.vector @@ to_tsquery('simple', unaccent(%s)) AND {allowed})"
        )
        params: list[object] = [tsquery(terms), tsquery(terms)]
    else:
        cte = (
            "WITH m AS (SELECT e.id, e.kind, e.object_id, e.language, e.date,"  # noqa: S608
            " -bm25(core_searchentry_fts, 8.0, 1.0) AS score"
            " FROM core_searchentry_fts JOIN core_searchentry e ON e.id = core_searchentry_fts.rowid"
            f" WHERE core_searchentry_fts MATCH %s AND {allowed})"
        )
        params = [fts5_query(terms)]
    params += [*grants, *kinds]
    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    # Kinds and language codes are ASCII tokens: PostgreSQL compares them byte-wise ("C") in the sorts of every
    # match, cheaper than by the database's locale; the order of the groups and the versions chosen are the same.
    c = ' COLLATE "C"' if connection.vendor == "postgresql" else ""
    cte += (
        f", v AS (SELECT m.*, ROW_NUMBER() OVER (PARTITION BY m.kind{c}, m.object_id"  # noqa: S608
        f" ORDER BY CASE WHEN m.language IN ('', %s) THEN 0 ELSE 1 END, m.language{c}) AS version FROM m),"
        f" o AS (SELECT v.*, COUNT(*) OVER (PARTITION BY v.kind{c}) AS found, ROW_NUMBER() OVER (PARTITION BY"
        f" v.kind{c} ORDER BY v.score DESC, v.date IS NULL, v.date DESC, v.id DESC) AS position FROM v"
        " WHERE v.version = 1)"
    )
    params.append(language)
    return cte, params


def _query(
    terms, grants, kinds, kind: str, offset: int, limit: int
) -> tuple[dict[str, int], list[SearchHit]]:
    """One query: the matches per kind, and `limit` hits from `offset` among the RANKED best of each kind (of
    `kind` only when given), in the order of the groups and by relevance."""
    cte, params = _candidates(terms, grants, kinds)
    order = " ".join(f"WHEN %s THEN {position}" for position in range(len(kinds)))
    only = " AND o.kind = %s" if kind else ""
    ranked_params: list[object] = []
    if connection.vendor == "postgresql":
        # ts_rank reads the whole vector of an entry: only the kinds whose browsable hits reach the page asked
        # for are ranked (`r.before`: the browsable hits of the kinds shown above this one); the others keep
        # their place in the order of the groups without being ranked.
        cte += (
            ", r AS (SELECT o.kind, SUM(CASE WHEN o.found < %s THEN o.found ELSE %s END)"  # noqa: S608
            " OVER (ORDER BY CASE o.kind"
            f" {order} END) - CASE WHEN o.found < %s THEN o.found ELSE %s END AS before, CASE WHEN o.found < %s"
            f" THEN o.found ELSE %s END AS shown FROM o WHERE o.position = 1{only})"
        )
        params += [RANKED, RANKED, *kinds, RANKED, RANKED, RANKED, RANKED]
        if kind:
            params.append(kind)
        relevance = (
            "CASE WHEN r.before < %s AND r.before + r.shown > %s"
            " THEN ts_rank(e.vector, (SELECT query FROM q)) ELSE 0 END"
        )
        ranked_params += [offset + limit, offset]
        join = " JOIN r ON r.kind = o.kind"
    else:
        relevance = "o.score"
        join = ""
    sql = (
        f"{cte} SELECT o.kind, o.found, NULL, NULL, NULL, NULL, NULL, NULL FROM o WHERE o.position = 1"  # noqa: S608
        " UNION ALL SELECT * FROM (SELECT o.kind, o.found, e.id, e.language, e.title, e.text, e.url, e.date"
        f" FROM o{join} JOIN core_searchentry e ON e.id = o.id WHERE o.position <= %s{only}"
        f" ORDER BY CASE o.kind {order} END, {relevance} DESC, e.date IS NULL, e.date DESC, e.id"
        " LIMIT %s OFFSET %s) AS page"
    )
    params.append(RANKED)
    if kind:
        params.append(kind)
    params += [*kinds, *ranked_params, limit, offset]
    found: dict[str, int] = {}
    hits: list[SearchHit] = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    for row_kind, count, pk, language, title, text, url, date in rows:
        if pk is None:
            found[row_kind] = count
            continue
        if isinstance(date, str):  # SQLite returns the raw column through a compound select
            date = SearchEntry._meta.get_field("date").to_python(date)
        hits.append(
            SearchHit(
                kind=row_kind,
                title=highlight(title, terms),
                snippet=snippet(text, terms),
                url=url,
                date=date,
                language=language,
            )
        )
    return found, hits


class _Hits(Sequence):
    """The browsable matches as a sequence of known length for the paginator: the slice already read with the
    counts is served from memory; another one (a page past the end, turned into the last) runs one query."""

    def __init__(
        self, terms, grants, kinds, kind: str, total: int, read: tuple[int, list[SearchHit]]
    ) -> None:
        self.terms, self.grants, self.kinds, self.kind, self.total = terms, grants, kinds, kind, total
        self.read = read

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop if index.stop is not None else self.total
        offset, hits = self.read
        if start == offset and stop - start >= len(hits):
            return hits[: stop - start]
        return _query(self.terms, self.grants, self.kinds, self.kind, start, max(stop - start, 0))[1]


def _cached_query(
    terms, grants, kinds, kind: str, offset: int, limit: int
) -> tuple[dict[str, int], list[SearchHit]]:
    """`_query`, kept in the cache under the stamps of every kind (rozwoj.core.stamps: each reindex bumps its
    kind, so a publication, an edit or a withdrawal shows at once), the caller's grants (users with the same
    grants find the same things; nobody is served what their grants do not give) and the language."""
    current = stamps(*kinds)
    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    identity = repr((terms, grants, kinds, kind, offset, limit, language, [current[k] for k in kinds]))
    key = "search:" + hashlib.sha256(identity.encode()).hexdigest()
    result = cache.get(key)
    if result is None:
        result = _query(terms, grants, kinds, kind, offset, limit)
        cache.set(key, result, CACHE_SECONDS)
    return result


def _page_number(page) -> int:
    try:
        return max(int(page), 1)
    except (TypeError, ValueError):
        return 1


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
    offset = (_page_number(page) - 1) * per_page
    found, hits = _cached_query(terms, grants, kinds, kind, offset, per_page)
    counts = [
        KindCount(source.kind, str(source.heading), found[source.kind])
        for source in registered
        if found.get(source.kind)
    ]
    browsable = {key: min(count, RANKED) for key, count in found.items()}
    total = browsable.get(kind, 0) if kind else sum(browsable.values())
    paginator = Paginator(_Hits(terms, grants, kinds, kind, total, (offset, hits)), per_page)
    page_obj = paginator.get_page(page)
    headings = {source.kind: str(source.heading) for source in registered}
    groups: list[HitGroup] = []
    for hit in page_obj.object_list:
        if not groups or groups[-1].kind != hit.kind:
            groups.append(HitGroup(hit.kind, headings[hit.kind]))
        groups[-1].hits.append(hit)
    return SearchResults(query=query, kind=kind, counts=counts, page=page_obj, groups=groups)
