"""Content stamps: a value that changes whenever some public content changes, to key what is cached of it.

    from rozwoj.core.stamps import bump, stamps

    bump("news")                      # in the service's transaction, with the change (publish, edit, archive…)
    key = f"home:news:{stamps('news')['news']}:{language}"

`rozwoj.core.search.reindex()` and `unindex()` bump the kind they write, so every change an app makes findable
(news, events, programmes, documents) bumps its stamp without further code; other changes call `bump` themselves.

A bump adds a row (`ContentChange`): nothing is locked (writers of one topic never wait for each other) and a
rolled-back change leaves no trace. The stamp is the number of a topic's rows with the newest id: the committed
rows only grow between two prunes, so two different states never have the same stamp, whatever order concurrent
changes commit in. `prune()` (a daily job) deletes rows older than a day except the newest of each topic; what
is cached under a stamp must therefore expire within a day (CACHE_SECONDS at most).
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Max, Q
from django.utils import timezone

from .models import ContentChange

NONE = "0"  # the stamp of a topic that never changed
CACHE_SECONDS = 60 * 60  # the longest anything keyed by a stamp may be cached
KEEP = datetime.timedelta(days=1)  # prune() keeps the rows of the last day


def bump(*topics: str) -> None:
    """Record that the public content of `topics` changed (call it inside the change's transaction)."""
    ContentChange.objects.bulk_create([ContentChange(topic=topic[:40]) for topic in dict.fromkeys(topics)])


def stamps(*topics: str) -> dict[str, str]:
    """The current stamp of each topic, in one query."""
    found = {
        row["topic"]: f"{row['count']}.{row['last']}"
        for row in ContentChange.objects.filter(topic__in=topics)
        .values("topic")
        .annotate(count=Count("id"), last=Max("id"))
        .order_by()
    }
    return {topic: found.get(topic, NONE) for topic in topics}


def prune(now: datetime.datetime | None = None) -> int:
    """Delete the changes older than a day but the newest of each topic; returns how many were deleted."""
    before = (now or timezone.now()) - KEEP
    newest = list(
        ContentChange.objects.values("topic").annotate(last=Max("id")).values_list("last", flat=True)
    )
    deleted, _ = ContentChange.objects.filter(Q(changed_at__lt=before) & ~Q(pk__in=newest)).delete()
    return deleted
