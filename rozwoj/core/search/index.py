"""Writing the search index: reindex() replaces the entries of some objects of one kind with what its source
gives now, unindex() removes them, rebuild() does every kind. Both bump the kind's content stamp
(rozwoj.core.stamps): a change that makes something findable also makes what is cached of it stale. The database keeps its full-text structures in step
by triggers (migration core 0003): PostgreSQL's tsvector column, SQLite's FTS5 table."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import connection, transaction

from ..models import SearchEntry, SearchGrant
from ..stamps import bump
from .registry import IndexEntry, dependents, get_source, sources
from .text import MAX_TEXT, index_terms

CHUNK = 500


def _chunks(values: Iterable, size: int = CHUNK) -> Iterator[list]:
    iterator = iter(values)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _delete(kind: str, object_ids: list[int] | None) -> None:
    entries = "SELECT id FROM core_searchentry WHERE kind = %s"
    with connection.cursor() as cursor:
        if object_ids is None:
            cursor.execute(f"DELETE FROM core_searchgrant WHERE entry_id IN ({entries})", [kind])  # noqa: S608
            cursor.execute("DELETE FROM core_searchentry WHERE kind = %s", [kind])
            return
        for chunk in _chunks(object_ids):
            marks = ", ".join(["%s"] * len(chunk))
            where = f"{entries} AND object_id IN ({marks})"
            cursor.execute(f"DELETE FROM core_searchgrant WHERE entry_id IN ({where})", [kind, *chunk])  # noqa: S608
            sql = f"DELETE FROM core_searchentry WHERE kind = %s AND object_id IN ({marks})"  # noqa: S608
            cursor.execute(sql, [kind, *chunk])


def _row(kind: str, entry: IndexEntry) -> SearchEntry:
    text = entry.text[:MAX_TEXT]
    return SearchEntry(
        kind=kind,
        object_id=entry.object_id,
        language=entry.language,
        title=entry.title[:500],
        text=text,
        url=entry.url[:500],
        date=entry.date,
        title_terms=index_terms(entry.title),
        text_terms=index_terms(text),
    )


def _write(kind: str, entries: Iterable[IndexEntry]) -> int:
    written = 0
    for chunk in _chunks(entries):
        rows = SearchEntry.objects.bulk_create([_row(kind, entry) for entry in chunk])
        SearchGrant.objects.bulk_create(
            [
                SearchGrant(entry_id=row.pk, token=grant[:80])
                for row, entry in zip(rows, chunk, strict=True)
                for grant in sorted(entry.grants)
            ]
        )
        written += len(rows)
    return written


def reindex(kind: str, object_ids: Iterable[int] | None = None) -> int:
    """Replace the entries of these objects of `kind` (None: all of them) by what the source gives now; call it
    in the service that changed them, inside its transaction, so that the index changes with the data.
    Returns the number of entries written."""
    source = get_source(kind)
    ids = None if object_ids is None else sorted({int(pk) for pk in object_ids})
    if ids == []:
        return 0
    with transaction.atomic():
        _delete(kind, ids)
        bump(kind)  # what is cached of this kind (the home page's sections) is stale now
        return _write(kind, source.entries(ids))


def related_changed(topic: str, object_ids: Iterable[int]) -> int:
    """Records of `topic` changed in a way other kinds show (see registry.register_dependent): reindex their
    entries. Call it in the service that changed them, inside its transaction. Returns the entries written."""
    ids = sorted({int(pk) for pk in object_ids})
    written = 0
    if not ids:
        return written
    for kind, related_ids in dependents(topic):
        written += reindex(kind, related_ids(ids))
    return written


def unindex(kind: str, object_ids: Iterable[int]) -> None:
    """Remove the entries of these objects (after a delete)."""
    ids = sorted({int(pk) for pk in object_ids})
    if ids:
        with transaction.atomic():
            _delete(kind, ids)
            bump(kind)


def rebuild() -> dict[str, int]:
    """Every kind from its source; entries of kinds no app registers any more are removed."""
    counts: dict[str, int] = {}
    with transaction.atomic():
        known = {source.kind for source in sources()}
        for stale in set(SearchEntry.objects.values_list("kind", flat=True).distinct()) - known:
            _delete(stale, None)
        for source in sources():
            counts[source.kind] = reindex(source.kind)
    return counts
