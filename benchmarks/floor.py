"""Floor views: the least a Django page can cost here, kept beside the real pages they measure.

A floor view reads what the real page shows with a few hand-written queries and renders a minimal template,
behind the same middleware and the same production settings (``benchmarks.floor_settings``: the production
settings plus these routes). ``events.py --only pages`` measures the real page and its floor in the same run,
request after request, so the ratio does not depend on how busy the machine is. Never imported by the product.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

PAGE_SIZE = 50


def _aware(value):
    """Raw cursors give SQLite's timestamps back naive (they are stored in UTC)."""
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    if isinstance(value, datetime.datetime) and timezone.is_naive(value):
        return value.replace(tzinfo=datetime.UTC)
    return value


def _tables():
    from rozwoj.events.models import AgendaItem, Event, EventKind, Registration, Session
    from rozwoj.organisations.models import Organisation
    from rozwoj.people.models import Membership, Person

    return {
        "event": Event._meta.db_table,
        "kind": EventKind._meta.db_table,
        "organisation": Organisation._meta.db_table,
        "session": Session._meta.db_table,
        "agenda": AgendaItem._meta.db_table,
        "registration": Registration._meta.db_table,
        "person": Person._meta.db_table,
        "membership": Membership._meta.db_table,
    }


def _event(cursor, t, pk: int, *, public: bool):
    condition = " AND e.visibility = 'public' AND e.status <> 'draft'" if public else ""
    cursor.execute(
        f"SELECT e.id, e.title, e.description, e.status, k.name, o.name, e.online_capacity "  # noqa: S608
        f"FROM {t['event']} e JOIN {t['kind']} k ON k.id = e.kind_id "
        f"JOIN {t['organisation']} o ON o.id = e.organiser_id WHERE e.id = %s{condition}",
        [pk],
    )
    row = cursor.fetchone()
    if row is None:
        raise Http404
    keys = ("pk", "title", "description", "status", "kind", "organiser", "online_capacity")
    return dict(zip(keys, row, strict=True))


def event_page(request, pk: int):
    """The public event page's content: the event, its sessions and their agenda (two queries)."""
    t = _tables()
    with connection.cursor() as cursor:
        event = _event(cursor, t, pk, public=True)
        cursor.execute(
            f"SELECT s.id, s.title, s.starts_at, s.ends_at, s.format, s.onsite_seats, "  # noqa: S608
            f"a.day, a.starts_at, a.topic, a.note "
            f"FROM {t['session']} s LEFT JOIN {t['agenda']} a ON a.session_id = s.id "
            f"WHERE s.event_id = %s ORDER BY s.{connection.ops.quote_name('order')}, s.starts_at, a.id",
            [pk],
        )
        sessions: dict[int, dict] = {}
        for sid, title, starts, ends, fmt, seats, day, at, topic, note in cursor.fetchall():
            session = sessions.setdefault(
                sid,
                {"title": title, "starts_at": _aware(starts), "ends_at": _aware(ends), "format": fmt,
                 "seats": seats, "agenda": []},
            )  # fmt: skip
            if topic is not None:
                session["agenda"].append({"day": day, "starts_at": at, "topic": topic, "note": note})
    return render(request, "floor/event.html", {"event": event, "sessions": list(sessions.values())})


def participants(request, pk: int):
    """The participant list's first page: the event, 50 registrations with names, their organisations."""
    if not (request.user.is_authenticated and request.user.is_coordinator):
        raise PermissionDenied
    t = _tables()
    with connection.cursor() as cursor:
        event = _event(cursor, t, pk, public=False)
        cursor.execute(
            f"SELECT r.id, r.mode, r.status, r.created_at, p.id, p.first_name, p.last_name, p.email "  # noqa: S608
            f"FROM {t['registration']} r JOIN {t['person']} p ON p.id = r.person_id "
            f"WHERE r.event_id = %s ORDER BY p.sort_key || '', r.id LIMIT {PAGE_SIZE}",
            [pk],
        )
        rows = [
            {"pk": rid, "mode": mode, "status": status, "created_at": _aware(created), "person_id": person,
             "first_name": first, "last_name": last, "email": email, "organisations": []}
            for rid, mode, status, created, person, first, last, email in cursor.fetchall()
        ]  # fmt: skip
        by_person = {row["person_id"]: row for row in rows}
        if by_person:
            marks = ", ".join(["%s"] * len(by_person))
            cursor.execute(
                f"SELECT m.person_id, o.name FROM {t['membership']} m "  # noqa: S608
                f"JOIN {t['organisation']} o ON o.id = m.organisation_id WHERE m.person_id IN ({marks})",
                list(by_person),
            )
            for person, name in cursor.fetchall():
                by_person[person]["organisations"].append(name)
    return render(request, "floor/participants.html", {"event": event, "rows": rows})


urlpatterns = [
    path("floor/events/<int:pk>/", event_page, name="floor_event"),
    path("floor/events/<int:pk>/participants/", participants, name="floor_participants"),
]
