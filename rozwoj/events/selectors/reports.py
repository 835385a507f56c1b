"""Figures for dashboards: events planned vs held vs cancelled, participants, hours, upcoming sessions.

Each function runs a fixed, small number of queries whatever the size of the data (tests assert it)."""

import datetime
from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Count, F, Min, Q, Sum
from django.utils import timezone

from ..models import (
    ACTIVE_REGISTRATION_STATUSES,
    AttendanceMode,
    Event,
    EventStatus,
    Registration,
    RegistrationStatus,
    Session,
)
from .access import events_visible_to

PLANNED_STATUSES = (EventStatus.PLANNED, EventStatus.REGISTRATION_OPEN, EventStatus.REGISTRATION_CLOSED)


def _scope(user):
    """The events the user sees, as a plain queryset safe for aggregation (no DISTINCT on joins)."""
    visible = events_visible_to(user)
    if user is not None and user.is_authenticated and user.is_coordinator:
        return Event.objects.all()
    return Event.objects.filter(pk__in=visible.values("pk"))


def upcoming_events(user, *, limit: int = 5, now: datetime.datetime | None = None) -> list[Event]:
    """The next `limit` events the user sees that are planned or open, ordered by their next session;
    each carries `next_start` (start of its next session not yet over). One query."""
    now = now or timezone.now()
    return list(
        _scope(user)
        .filter(status__in=PLANNED_STATUSES)
        .annotate(next_start=Min("sessions__starts_at", filter=Q(sessions__ends_at__gte=now)))
        .filter(next_start__isnull=False)
        .select_related("kind", "programme", "organiser")
        .order_by("next_start", "pk")[:limit]
    )


def event_figures(user, *, now: datetime.datetime | None = None) -> dict:
    """Coordinator dashboard figures over the events the user sees (four queries):

    planned / held / cancelled — counts of events (planned = planned, registration open or closed);
    participants — distinct people with a confirmed registration;
    hours — training hours delivered (sum of the session hours of held events);
    upcoming — the next five events (see `upcoming_events`)."""
    events = _scope(user)
    counts = events.aggregate(
        planned=Count("pk", filter=Q(status__in=PLANNED_STATUSES)),
        held=Count("pk", filter=Q(status=EventStatus.HELD)),
        cancelled=Count("pk", filter=Q(status=EventStatus.CANCELLED)),
    )
    participants = (
        Registration.objects.filter(event__in=events, status=RegistrationStatus.CONFIRMED)
        .values("person")
        .distinct()
        .count()
    )
    hours = Session.objects.filter(event__in=events.filter(status=EventStatus.HELD)).aggregate(
        total=Sum("hours")
    )["total"]
    return {
        **counts,
        "participants": participants,
        "hours": hours if hours is not None else Decimal("0"),
        "upcoming": upcoming_events(user, limit=5, now=now),
    }


def upcoming_events_for(user, limit: int = 5, *, now: datetime.datetime | None = None) -> Sequence[Session]:
    """The user's own upcoming sessions: sessions not yet over of events they hold an active registration
    for (awaiting approval, confirmed or waiting), cancelled events left out. Each session carries
    `registration_status` and `registration_mode`. One query."""
    if user is None or not user.is_authenticated:
        return []
    now = now or timezone.now()
    sessions = list(
        Session.objects.filter(
            event__registrations__person__user=user,
            event__registrations__status__in=ACTIVE_REGISTRATION_STATUSES,
            ends_at__gte=now,
        )
        .exclude(event__status__in=(EventStatus.CANCELLED, EventStatus.DRAFT))
        .annotate(
            registration_status=F("event__registrations__status"),
            registration_mode=F("event__registrations__mode"),
        )
        .select_related("event", "event__kind", "venue")
        .order_by("starts_at", "pk")[:limit]
    )
    statuses, modes = dict(RegistrationStatus.choices), dict(AttendanceMode.choices)
    for session in sessions:
        # Display labels attached for the template; django-stubs cannot declare extra instance attributes.
        session.registration_status_label = statuses.get(session.registration_status, "")  # type: ignore[attr-defined]
        session.registration_mode_label = modes.get(session.registration_mode, "")  # type: ignore[attr-defined]
    return sessions
