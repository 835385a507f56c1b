"""Tell the site search about changed documents, after the commit (a no-op until the search index exists)."""

from __future__ import annotations

from django.db import transaction

KIND = "documents"


def _search():
    import importlib

    try:
        return importlib.import_module("rozwoj.core.search")
    except ImportError:  # pragma: no cover - before the search index is installed
        return None


def changed(pk: int) -> None:
    search = _search()
    if search is not None:
        transaction.on_commit(lambda: search.reindex(KIND, [pk]))


def removed(pk: int) -> None:
    search = _search()
    if search is not None:
        transaction.on_commit(lambda: search.unindex(KIND, [pk]))
