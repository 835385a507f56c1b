"""What the events app puts on dashboards as things to do: trainings open for registration, registrations
awaiting a coordinator's decision, the events a trainer runs. A query or two each, whatever the size of the data."""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.utils import timezone

from ..models import (
    ACTIVE_REGISTRATION_STATUSES,
    Event,
    EventStatus,
    EventTrainer,
    Registration,
    RegistrationStatus,
)
from .access import events_visible_to
from .registration_window import open_for_registration


def open_for_registration_to(user, *, limit: int = 5, now: datetime.datetime | None = None) -> list[Event]:
    """Events the user sees whose registration is open now and that have not started, that the user is neither
    registered for nor trains, and whose audience includes one of the user's roles; each carries
    `first_start`. Soonest first."""
    now = now or timezone.now()
    events = Event.objects.filter(pk__in=events_visible_to(user).values("pk")).filter(
        open_for_registration(now)
    )
    if getattr(user, "is_authenticated", False):
        mine = Registration.objects.filter(
            event=OuterRef("pk"), person__user=user, status__in=ACTIVE_REGISTRATION_STATUSES
        )
        trains = EventTrainer.objects.filter(event=OuterRef("pk"), person__user=user)
        events = events.exclude(Exists(mine)).exclude(Exists(trains))
    candidates = (
        events.annotate(first_start=Min("sessions__starts_at"))
        .filter(first_start__gt=now)
        .select_related("kind")
        .order_by("first_start", "pk")[: limit * 3]
    )
    # The audience is a short JSON list, checked here (JSON containment is not portable to SQLite).
    found: list[Event] = [event for event in candidates if _in_audience(user, event)]
    return found[:limit]


def _in_audience(user, event: Event) -> bool:
    roles = event.audience_roles
    if not roles:
        return True
    return bool(getattr(user, "is_authenticated", False) and user.has_role(*roles))


def awaiting_approval(user, *, limit: int = 5) -> list[Event]:
    """For coordinators: events with registrations awaiting approval, each carrying `pending` (their number);
    the event with the most first. Empty for everybody else."""
    if not (getattr(user, "is_authenticated", False) and user.is_coordinator):
        return []
    return list(
        Event.objects.exclude(status__in=(EventStatus.HELD, EventStatus.CANCELLED))
        .annotate(pending=Count("registrations", filter=Q(registrations__status=RegistrationStatus.PENDING)))
        .filter(pending__gt=0)
        .order_by("-pending", "pk")[:limit]
    )


def events_trained_by(user, *, limit: int = 5, now: datetime.datetime | None = None) -> list[Event]:
    """Events not yet over that the user trains, speaks at or moderates; each carries `next_start` and
    `active_count` (active registrations)."""
    if not getattr(user, "is_authenticated", False):
        return []
    now = now or timezone.now()
    return list(
        Event.objects.filter(trainers__person__user=user)
        .exclude(status=EventStatus.CANCELLED)
        .annotate(
            next_start=Min("sessions__starts_at", filter=Q(sessions__ends_at__gte=now)),
            active_count=Count(
                "registrations",
                filter=Q(registrations__status__in=ACTIVE_REGISTRATION_STATUSES),
                distinct=True,
            ),
        )
        .filter(next_start__isnull=False)
        .order_by("next_start", "pk")[:limit]
    )
