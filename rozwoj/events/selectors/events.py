"""Reads about events: the event list with its filters, the event page and what a reader may see on it."""

from __future__ import annotations

import datetime
import hashlib

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.expressions import RawSQL
from django.utils import timezone

from rozwoj.people.models import PERSON_ORDER, Person
from rozwoj.programmes.selectors import programmes_visible_to
from rozwoj.surveys.models import Invitation, InvitationStatus

from ..models import (
    ACTIVE_REGISTRATION_STATUSES,
    AgendaItem,
    AttendanceMode,
    Event,
    EventAttachment,
    EventChange,
    EventFeedback,
    EventKind,
    EventOrganisation,
    EventPhoto,
    EventStatus,
    EventTrainer,
    OrganisationRole,
    Registration,
    RegistrationStatus,
    Session,
)
from ..selectors import can_manage_event, events_visible_to
from .registration_window import effective_status_filter
from .registrations import registration_of

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


def _registration_count(condition: str = "", params: tuple = ()) -> RawSQL:
    """A correlated COUNT written by hand: the ORM's Subquery costs milliseconds of Python to build and compile
    on every request (15 ms for four of them on a busy machine), this costs nothing. Served by the index
    (event, status, mode, created_at)."""
    registrations, events = Registration._meta.db_table, Event._meta.db_table
    sql = f"SELECT COUNT(*) FROM {registrations} r WHERE r.event_id = {events}.id{condition}"  # noqa: S608
    return RawSQL(sql, params, output_field=IntegerField())  # noqa: S611 — constant SQL, values as parameters


def with_registration_counts(
    events: QuerySet[Event], *, active: bool = True, all_rows: bool = True
) -> QuerySet[Event]:
    """Confirmed registrations per mode, active ones and all, counted inside the event's own query (the places
    box, the link to the participants and the participant list's pages read them instead of counting again).
    `active`, `all_rows`: False leaves out the count a page does not show (each counts the event's registrations
    once more). `events` must not join another table under the events table's name (it is the outer query's
    table)."""
    confirmed = " AND r.status = %s AND r.mode = %s"
    counts = {
        "confirmed_on_site": _registration_count(
            confirmed, (str(RegistrationStatus.CONFIRMED), str(AttendanceMode.ON_SITE))
        ),
        "confirmed_online": _registration_count(
            confirmed, (str(RegistrationStatus.CONFIRMED), str(AttendanceMode.ONLINE))
        ),
    }
    if active:
        condition = " AND r.status IN (" + ", ".join(["%s"] * len(ACTIVE_REGISTRATION_STATUSES)) + ")"
        counts["active_registrations"] = _registration_count(
            condition, tuple(str(s) for s in ACTIVE_REGISTRATION_STATUSES)
        )
    if all_rows:
        counts["all_registrations"] = _registration_count()
    return events.annotate(**counts)


def with_places(events: QuerySet[Event]) -> QuerySet[Event]:
    """What the places box reads, loaded with the event: the registration counts and the sessions (seats)."""
    sessions = Prefetch("sessions", queryset=Session.objects.select_related("venue"))
    return with_registration_counts(events).prefetch_related(sessions)


def _invitations(status: str = "") -> RawSQL:
    """How many invitations the event's feedback questionnaire sent (with `status`, if given), inside the event's
    query. Written by hand: the ORM's Subquery (and the join to the feedback it needs) took longer to build than
    the whole query takes the database."""
    invitations, feedback = Invitation._meta.db_table, EventFeedback._meta.db_table
    condition = " AND i.status = %s" if status else ""
    sql = (
        f"SELECT COUNT(*) FROM {invitations} i JOIN {feedback} f ON f.distribution_id = i.distribution_id "  # noqa: S608
        f"WHERE f.event_id = {Event._meta.db_table}.id{condition}"
    )
    return RawSQL(sql, (status,) if status else (), output_field=IntegerField())  # noqa: S611 — values as parameters


def event_detail(user, pk: int) -> Event:
    """The event with everything its page shows, the registration counts included; raises
    Event.DoesNotExist when not visible."""
    return (
        # The number of all registrations is the participant list's; the active ones are shown to those who
        # manage the event, never to a visitor who is not logged in.
        with_registration_counts(
            events_visible_to(user), active=bool(getattr(user, "is_authenticated", False)), all_rows=False
        )
        .select_related("kind", "programme", "organiser")
        # The agenda and the trainers are read only when their rendered fragment is not in the cache
        # (`event_page_content`); what the fragment shows is stamped by `event_content_stamp`.
        .prefetch_related(
            Prefetch(
                "sessions",
                # The planned venue only for the sessions whose plan changed (`with_planned_venues`): few are.
                queryset=Session.objects.select_related("venue").order_by("order", "starts_at"),
            ),
        )
        # Few events name the organisations taking part or have materials: ask in the event's own query whether
        # to read them (a hand-written EXISTS costs nothing to build; the ORM's costs more than the query).
        .annotate(
            has_participating_organisations=_exists(EventOrganisation),
            has_attachments=_exists(EventAttachment),
            has_photos=_exists(EventPhoto),
            # The feedback questionnaire's response rate, for its managers (no query of its own).
            feedback_invited=_invitations(),
            feedback_responded=_invitations(str(InvitationStatus.RESPONDED)),
            # When the people named in the trainers and the agenda last changed (a new name, a new spelling).
            trainers_changed_at=_people_changed_at(
                f"{EventTrainer._meta.db_table} t JOIN {Person._meta.db_table} p ON p.id = t.person_id",
                "t.event_id",
            ),
            agenda_people_changed_at=_people_changed_at(
                f"{Session._meta.db_table} s JOIN {AgendaItem._meta.db_table} a ON a.session_id = s.id "
                f"JOIN {Person._meta.db_table} p ON p.id = a.trainer_id",
                "s.event_id",
            ),
        )
        .get(pk=pk)
    )


def with_planned_venues(sessions: list[Session]) -> list[Session]:
    """The sessions whose plan changed, with the venue planned at first (one query, none when no plan changed)."""
    changed = [session for session in sessions if session.was_changed]
    prefetch_related_objects(changed, "planned_venue")
    return changed


def _people_changed_at(tables: str, event_column: str) -> RawSQL:
    """The latest `updated_at` of the people joined in `tables` for the event, inside the event's query."""
    sql = f"(SELECT MAX(p.updated_at) FROM {tables} WHERE {event_column} = {Event._meta.db_table}.id)"  # noqa: S608
    return RawSQL(sql, (), output_field=CharField())  # noqa: S611 — constant SQL, no values


def event_content_stamp(event: Event, sessions: list[Session]) -> str:
    """A stamp that changes whenever the event page's sessions, agenda or trainers would be shown differently:
    the event's `updated_at` (the services touch it when the agenda or the trainers change), every session's
    fields and its venue's `updated_at` (all loaded for the page anyway), and when the people named as trainers
    last changed (`event_detail` reads that in the event's query). Part of the key of the cached fragment."""
    parts = [
        str(event.updated_at),
        str(event.onsite_seats),
        str(getattr(event, "trainers_changed_at", None)),
        str(getattr(event, "agenda_people_changed_at", None)),
    ]
    for session in sessions:
        venue = session.venue
        parts.append(
            "|".join(
                str(value)
                for value in (
                    session.pk,
                    session.order,
                    session.title,
                    session.starts_at,
                    session.ends_at,
                    session.hours,
                    session.format,
                    session.online_url,
                    session.onsite_seats,
                    session.venue_id,
                    venue.updated_at if venue is not None else "",
                )
            )
        )
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def event_page_content(event: Event, sessions: list[Session]) -> list[EventTrainer]:
    """Reads what the cached fragment of the event page shows: each session's agenda (onto `sessions`) and
    the event's trainers, returned (two queries, only when the fragment is not in the cache)."""
    prefetch_related_objects(
        sessions, Prefetch("agenda", queryset=AgendaItem.objects.select_related("trainer"))
    )
    return list(EventTrainer.objects.filter(event=event).select_related("person").order_by("role", "id"))


def _exists(model) -> RawSQL:
    """Whether the event has a row of `model` (a table with an `event_id` column), inside the event's query."""
    table, events = model._meta.db_table, Event._meta.db_table
    sql = f"EXISTS (SELECT 1 FROM {table} x WHERE x.event_id = {events}.id)"  # noqa: S608
    return RawSQL(sql, (), output_field=BooleanField())  # noqa: S611 — constant SQL, no values


def participating_organisations(event: Event) -> list[EventOrganisation]:
    """The organisations taking part in `event`, the host first (no query when `event_detail` found none)."""
    if getattr(event, "has_participating_organisations", True) is False:
        return []
    return list(event.participating_organisations.select_related("organisation").order_by(*HOST_FIRST))


def event_changes(event: Event, sessions: list[Session]) -> list[EventChange]:
    """The changes of plan and the cancellation of an event whose page shows them. There are none unless a
    session was changed (it keeps what was planned) or the event was cancelled: then no query at all."""
    if event.status != EventStatus.CANCELLED and not any(session.was_changed for session in sessions):
        return []
    changes = EventChange.objects.filter(event=event).select_related("actor", "session")
    return list(changes.order_by("created_at", "id"))


def is_confirmed_participant(user, event: Event) -> bool:
    registration = registration_of(user, event)
    return registration is not None and registration.status == RegistrationStatus.CONFIRMED


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
