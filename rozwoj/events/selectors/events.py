"""Reads about events: the event list with its filters, the event page and what a reader may see on it."""

from __future__ import annotations

import datetime

from django.db.models import Case, Count, Exists, F, Max, Min, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from rozwoj.people.models import PERSON_ORDER, Person
from rozwoj.programmes.selectors import programmes_visible_to

from ..models import (
    AgendaItem,
    Event,
    EventChange,
    EventKind,
    EventOrganisation,
    EventTrainer,
    OrganisationRole,
    Registration,
    RegistrationStatus,
    Session,
)
from ..selectors import can_manage_event, events_visible_to
from .registration_window import effective_status_filter

# Organisations taking part: the host first, then in the order they were added.
HOST_FIRST = (Case(When(role=OrganisationRole.HOST, then=Value(0)), default=Value(1)), "id")


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def event_list(
    user,
    *,
    q: str = "",
    programme=None,
    kind=None,
    status: str = "",
    fmt: str = "",
    organiser=None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[Event]:
    """Events visible to `user`, filtered, with first/last dates and the number of sessions annotated. Every
    filter matches only what the user may see: a programme the user may not see matches nothing."""
    events = Event.objects.filter(pk__in=events_visible_to(user).values("pk"))
    for term in q.split()[:5]:
        events = events.filter(Q(title__icontains=term) | Q(description__icontains=term))
    if programme is not None:
        events = events.filter(programme=programme, programme__in=programmes_visible_to(user).values("pk"))
    if kind is not None:
        events = events.filter(kind=kind)
    if status:
        events = events.filter(effective_status_filter(status))
    if organiser is not None:
        events = events.filter(organiser=organiser)
    if fmt:
        events = events.filter(Exists(Session.objects.filter(event=OuterRef("pk"), format=fmt)))
    if date_from:
        events = events.filter(
            Exists(Session.objects.filter(event=OuterRef("pk"), ends_at__gt=_aware(date_from)))
        )
    if date_to:
        end = _aware(date_to + datetime.timedelta(days=1))
        events = events.filter(Exists(Session.objects.filter(event=OuterRef("pk"), starts_at__lt=end)))
    return (
        events.select_related("kind", "programme", "organiser")
        .annotate(
            first_start=Min("sessions__starts_at"),
            last_end=Max("sessions__ends_at"),
            session_count=Count("sessions"),
        )
        .order_by(F("first_start").desc(nulls_last=True), "-pk")
    )


def event_detail(user, pk: int) -> Event:
    """The event with everything its page shows; raises Event.DoesNotExist when not visible."""
    return (
        events_visible_to(user)
        .select_related("kind", "programme", "organiser")
        .prefetch_related(
            Prefetch(
                "sessions",
                queryset=Session.objects.select_related("venue", "planned_venue")
                .prefetch_related(
                    Prefetch("agenda", queryset=AgendaItem.objects.select_related("trainer")),
                    Prefetch("changes", queryset=EventChange.objects.select_related("actor")),
                )
                .order_by("order", "starts_at"),
            ),
            Prefetch(
                "trainers", queryset=EventTrainer.objects.select_related("person").order_by("role", "id")
            ),
            Prefetch("changes", queryset=EventChange.objects.select_related("actor", "session")),
            Prefetch(
                "participating_organisations",
                queryset=EventOrganisation.objects.select_related("organisation").order_by(*HOST_FIRST),
            ),
        )
        .get(pk=pk)
    )


def participating_organisations(event: Event) -> list[EventOrganisation]:
    """The organisations taking part in `event`, the host first."""
    return list(event.participating_organisations.select_related("organisation").order_by(*HOST_FIRST))


def is_confirmed_participant(user, event: Event) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Registration.objects.filter(
        event=event, person__user=user, status=RegistrationStatus.CONFIRMED
    ).exists()


def may_see_online_link(user, event: Event) -> bool:
    """Online links are for confirmed participants and for those who manage the event."""
    if not getattr(user, "is_authenticated", False):
        return False
    return can_manage_event(user, event) or is_confirmed_participant(user, event)


def trainer_people(event: Event) -> QuerySet[Person]:
    """The people who train at `event`, in name order (offered in its agenda)."""
    return Person.objects.filter(pk__in=event.trainers.values("person_id")).order_by(*PERSON_ORDER)


def event_kinds() -> QuerySet[EventKind]:
    return EventKind.objects.order_by("order", "name")


def event_kind_by_code(code: str) -> EventKind | None:
    return EventKind.objects.filter(code=code).first()


def event_with_sessions(user, pk: int) -> Event | None:
    """The event `pk` if `user` may see it, as the list annotates it, with its trainers and its sessions
    (each with venue and agenda) preloaded; None otherwise. The API's event and its sessions."""
    return (
        event_list(user)
        .filter(pk=pk)
        .prefetch_related(
            Prefetch(
                "sessions",
                queryset=Session.objects.select_related("venue")
                .prefetch_related(Prefetch("agenda", queryset=AgendaItem.objects.select_related("trainer")))
                .order_by("order", "starts_at"),
            ),
            Prefetch(
                "trainers", queryset=EventTrainer.objects.select_related("person").order_by("role", "id")
            ),
        )
        .first()
    )


def event_dates(event: Event) -> dict:
    """{"first": the first session's start, "last": the last session's end} (None without sessions)."""
    return event.sessions.aggregate(first=Min("starts_at"), last=Max("ends_at"))
