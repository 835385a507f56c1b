"""Tell the site search about changed documents, inside the service's transaction (the index changes with the
data)."""

from __future__ import annotations

from rozwoj.core.search import reindex, unindex

KIND = "documents"


def changed(pk: int) -> None:
    reindex(KIND, [pk])


def removed(pk: int) -> None:
    unindex(KIND, [pk])
