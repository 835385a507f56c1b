"""Read API for events and their sessions. Anonymous callers see public events; `events_visible_to`
scopes every answer. Online links are given only to confirmed participants and to those who manage the event."""

import datetime
from decimal import Decimal

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from rozwoj.accounts.auth import public_api_auth
from rozwoj.core.api import Id, Pagination
from rozwoj.programmes.selectors import can_see_programme

from ..models import Event, EventStatus, Format
from ..selectors.events import event_kind_by_code, event_list, event_with_sessions, may_see_online_link

router = Router(tags=["events"])


class KindOut(Schema):
    code: str
    name: str


class OrganiserOut(Schema):
    id: int
    name: str


class ProgrammeRef(Schema):
    id: int
    name: str
    acronym: str


class EventOut(Schema):
    id: int
    title: str
    kind: KindOut
    programme: ProgrammeRef | None
    organiser: OrganiserOut
    status: EventStatus
    visibility: str
    languages: list[str]
    starts_at: datetime.datetime | None
    ends_at: datetime.datetime | None
    session_count: int

    @staticmethod
    def resolve_kind(obj) -> dict:
        return {"code": obj.kind.code, "name": str(obj.kind)}

    @staticmethod
    def resolve_programme(obj, context):
        """An internal programme is not named to callers who may not see it (anonymous callers)."""
        programme = obj.programme
        if programme is None or not can_see_programme(context["request"].user, programme):
            return None
        return programme

    @staticmethod
    def resolve_starts_at(obj):
        return getattr(obj, "first_start", None)

    @staticmethod
    def resolve_ends_at(obj):
        return getattr(obj, "last_end", None)


class VenueOut(Schema):
    id: int
    name: str
    address: str
    postal_code: str
    city: str
    accessibility_notes: str


class AgendaItemOut(Schema):
    day: datetime.date | None
    time: datetime.time | None
    topic: str
    trainer: str | None
    note: str

    @staticmethod
    def resolve_time(obj):
        return obj.starts_at

    @staticmethod
    def resolve_trainer(obj):
        return str(obj.trainer) if obj.trainer_id else None


class SessionOut(Schema):
    id: int
    order: int
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    hours: Decimal
    format: Format
    venue: VenueOut | None
    seats: int | None
    online_url: str | None
    planned_starts_at: datetime.datetime | None
    planned_ends_at: datetime.datetime | None
    planned_format: str
    agenda: list[AgendaItemOut]

    @staticmethod
    def resolve_venue(obj):
        return obj.venue if obj.format != Format.ONLINE else None

    @staticmethod
    def resolve_online_url(obj):
        if obj.format == Format.ON_SITE or not getattr(obj, "show_link", False):
            return None
        return obj.online_url or None

    @staticmethod
    def resolve_agenda(obj):
        return list(obj.agenda.all())


class TrainerOut(Schema):
    name: str
    role: str

    @staticmethod
    def resolve_name(obj) -> str:
        return str(obj.person)


class EventDetailOut(EventOut):
    description: str
    trainers: list[TrainerOut]
    sessions: list[SessionOut]

    @staticmethod
    def resolve_trainers(obj):
        return list(obj.trainers.all())

    @staticmethod
    def resolve_sessions(obj):
        return list(obj.sessions.all())


class EventFilters(Schema):
    programme: Id | None = Field(None, description="A programme's id (only programmes you may see match).")
    kind: str | None = None
    status: EventStatus | None = None
    format: Format | None = None
    q: str | None = None


def _event(request, event_id: int) -> Event:
    event = event_with_sessions(request.user, event_id)
    if event is None:
        raise Http404
    show_link = may_see_online_link(request.user, event)
    for session in event.sessions.all():
        session.show_link = show_link
    return event


@router.get("/", response=list[EventOut], auth=public_api_auth)
@paginate(Pagination)
def list_events(request, filters: Query[EventFilters]):
    """Events the caller may see, filtered by programme (id), kind (code), status and format of a session."""
    kind = None
    if filters.kind:
        kind = event_kind_by_code(filters.kind)
        if kind is None:
            from ninja.errors import HttpError

            raise HttpError(422, f"kind: unknown kind of event “{filters.kind}”")
    return event_list(
        request.user,
        q=(filters.q or "").strip(),
        programme=filters.programme,
        kind=kind,
        status=filters.status or "",
        fmt=filters.format or "",
    )


@router.get("/{int:event_id}", response=EventDetailOut, auth=public_api_auth)
def get_event(request, event_id: Id):
    """One event with its trainers, sessions and the agenda of each session."""
    return _event(request, event_id)


@router.get("/{int:event_id}/sessions", response=list[SessionOut], auth=public_api_auth)
def list_sessions(request, event_id: Id):
    """The sessions of one event, in order, each with its agenda."""
    return list(_event(request, event_id).sessions.all())
