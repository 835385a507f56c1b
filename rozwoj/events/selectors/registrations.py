"""Reads of the registration area: participant lists (bounded queries) and a user's own registrations."""

from dataclasses import dataclass

from django.db.models import Count, Min, OuterRef, Prefetch, QuerySet, Subquery

from rozwoj.core.choices import choice_labels
from rozwoj.core.formatting import date_formatter
from rozwoj.organisations.models import Organisation
from rozwoj.people.models import Membership
from rozwoj.people.selectors import person_matches

from ..models import Attendance, AttendanceMode, Event, Format, Registration, RegistrationStatus, Session
from .access import viewer_memo

# Registrations in the alphabetical order of their people: one definition for every list of an event's
# registrations. The order is the person's sort key copied onto the registration (`person_sort_key`, kept by
# Person.save()), read from the index (event, person_sort_key, id): the first page of 50 reads 50 index entries,
# however large the event or the registry (ordered by the person's key, the database walked the registry's sort
# index, 3,259 people visited to show 50 at national scale, or joined and sorted every registration of the event).
REGISTRATIONS_BY_NAME = ("person_sort_key", "id")


def participants(
    event: Event, *, viewer, q: str = "", status: str = "", mode: str = "", organisation=None
) -> QuerySet[Registration]:
    """The registrations of `event` for `viewer` (a coordinator or a trainer of the event), filtered, with what a
    row shows preloaded (a fixed number of queries). The search matches names, and e-mail addresses only where
    the viewer sees them (coordinators: trainers do not)."""
    registrations = Registration.objects.filter(event=event)
    if status:
        registrations = registrations.filter(status=status)
    if mode:
        registrations = registrations.filter(mode=mode)
    if organisation is not None:
        registrations = registrations.filter(
            person__in=Membership.objects.filter(organisation=organisation).values("person_id")
        )
    for term in q.split()[:5]:
        registrations = registrations.filter(person_matches(term, viewer, path="person__"))
    return (
        registrations.select_related("person")
        .prefetch_related(
            Prefetch(
                "person__memberships",
                # By person first: the 50 people of the page drive the plan (ordered by the organisation's name
                # alone, the database walked the name index of every organisation to find those of 50 people).
                queryset=Membership.objects.select_related("organisation").order_by(
                    "person_id", "organisation__name", "id"
                ),
            )
        )
        .order_by(*REGISTRATIONS_BY_NAME)
    )


@dataclass(slots=True)
class ParticipantRow:
    """One row of the participant list, its values already as the page shows them (strings, no model instance):
    the template only places them, so a page of 50 rows costs no filter, lookup or localisation per cell."""

    id: str
    status: str
    mode: str
    name: str
    email: str
    organisations: str
    mode_label: str
    status_label: str
    online_if_full: bool
    registered: str


def participant_rows(registrations: QuerySet[Registration]) -> list[ParticipantRow]:
    """A page of `participants(...)` as plain rows (two queries: the registrations with their people, the
    memberships of those people with their organisations). Read as values, not models: 50 registrations, their
    people, memberships and organisations were 250 model instances built and then formatted cell by cell in
    the template, most of the page's time."""
    values = list(
        registrations.select_related(None)
        .prefetch_related(None)
        .values_list(
            "pk",
            "status",
            "mode",
            "online_if_full",
            "created_at",
            "person_id",
            "person__last_name",
            "person__first_name",
            "person__email",
        )
    )
    organisations: dict[int, list[str]] = {}
    if values:
        memberships = (
            Membership.objects.filter(person_id__in={row[5] for row in values})
            .order_by("person_id", "organisation__name", "id")
            .values_list("person_id", "organisation__name", "organisation__acronym")
        )
        for person_id, name, acronym in memberships:
            organisations.setdefault(person_id, []).append(f"{name} ({acronym})" if acronym else name)
    fields = Registration._meta
    modes, statuses = choice_labels(fields.get_field("mode")), choice_labels(fields.get_field("status"))
    registered = date_formatter("SHORT_DATETIME_FORMAT")
    rows = []
    for pk, status, mode, online_if_full, created_at, person_id, last_name, first_name, email in values:
        rows.append(
            ParticipantRow(
                id=str(pk),
                status=status,
                mode=mode,
                name=f"{last_name} {first_name}",
                email=email or "—",
                organisations="; ".join(organisations.get(person_id, ())) or "—",
                mode_label=str(modes.get(mode, mode)),
                status_label=str(statuses.get(status, status)),
                online_if_full=bool(online_if_full) and mode == AttendanceMode.ON_SITE,
                registered=registered(created_at),
            )
        )
    return rows


def participant_organisations(event: Event) -> QuerySet[Organisation]:
    """Organisations offered in the participant filter: those of the people registered for the event."""
    return Organisation.objects.filter(
        pk__in=Membership.objects.filter(person__registrations__event=event).values("organisation_id")
    ).order_by("name")


def registrations_of(user) -> QuerySet[Registration]:
    """A user's own registrations, newest events first."""
    if not getattr(user, "is_authenticated", False):
        return Registration.objects.none()
    return (
        Registration.objects.filter(person__user=user)
        .select_related("event", "person", "certificate")
        .annotate(first_starts_at=Min("event__sessions__starts_at"))
        .order_by("-first_starts_at", "-id")
    )


def registration_of(user, event: Event) -> Registration | None:
    """The user's registration for `event` (any status) with its certificate, read once per event instance."""
    if not getattr(user, "is_authenticated", False):
        return None

    def read() -> Registration | None:
        registration = (
            Registration.objects.filter(event=event, person__user=user)
            .select_related("person", "certificate")
            .first()
        )
        if registration is not None:
            registration.event = event
        return registration

    return viewer_memo(event, ("registration", user.pk), read)


def confirmed_registrations(event: Event | int) -> QuerySet[Registration]:
    """The confirmed registrations of an event (or of the event with this id)."""
    event_id = event if isinstance(event, int) else event.pk
    return Registration.objects.filter(event_id=event_id, status=RegistrationStatus.CONFIRMED)


def attendance_of_session(session: Session) -> QuerySet[Registration]:
    """The confirmed participants of the session's event, each annotated with `attendance_status` at this
    session (None while not marked), in name order."""
    marks = Attendance.objects.filter(session=session, registration=OuterRef("pk")).values("status")[:1]
    return (
        confirmed_registrations(session.event_id)
        .select_related("person")
        .annotate(attendance_status=Subquery(marks))
        .order_by(*REGISTRATIONS_BY_NAME)
    )


def participants_with_organisations(event_id: int) -> QuerySet[Registration]:
    """Confirmed participants of an event, alphabetically, with their organisations prefetched."""
    return (
        confirmed_registrations(event_id)
        .select_related("person")
        .prefetch_related(
            Prefetch("person__memberships", queryset=Membership.objects.select_related("organisation"))
        )
        .order_by(*REGISTRATIONS_BY_NAME)
    )


def participants_with_marks(session: Session) -> QuerySet[Registration]:
    """`participants_with_organisations` of the session's event, each with its mark for this session as `mark`
    (None when not marked) read in the same query as the rows."""
    marks = Attendance.objects.filter(session=session, registration=OuterRef("pk")).values("status")[:1]
    return participants_with_organisations(session.event_id).annotate(mark=Subquery(marks))


# --- capacity ---------------------------------------------------------------------------------------


def _sessions(event: Event):
    """The event's sessions: those already loaded with it (the event page prefetches them), else one query."""
    loaded = getattr(event, "_prefetched_objects_cache", {}).get("sessions")
    return loaded if loaded is not None else event.sessions.select_related("venue")


def event_formats(event: Event) -> set[str]:
    return {session.format for session in _sessions(event)}


def allowed_modes(event: Event) -> list[str]:
    """The ways one can take part: on site if any session is on site or hybrid, online if any is online or
    hybrid. An event without sessions yet accepts on-site registration only."""
    formats = event_formats(event)
    modes: list[str] = []
    if not formats or formats & {Format.ON_SITE, Format.HYBRID}:
        modes.append(AttendanceMode.ON_SITE)
    if formats & {Format.ONLINE, Format.HYBRID}:
        modes.append(AttendanceMode.ONLINE)
    return modes


def event_onsite_capacity(event: Event) -> int | None:
    """The smallest number of on-site seats over the on-site and hybrid sessions; None when every session is
    online (or no on-site session has a known number of seats)."""
    seats = [
        session.seats
        for session in _sessions(event)
        if session.format != Format.ONLINE and session.seats is not None
    ]
    return min(seats) if seats else None


def event_online_capacity(event: Event) -> int | None:
    return event.online_capacity


def confirmed_counts(event: Event) -> dict[str, int]:
    """Confirmed registrations per mode: annotated on the event when it was read for its page
    (`selectors.events.with_registration_counts`), else one query."""
    on_site, online = getattr(event, "confirmed_on_site", None), getattr(event, "confirmed_online", None)
    if on_site is not None and online is not None:
        return {AttendanceMode.ON_SITE: on_site, AttendanceMode.ONLINE: online}
    counts: dict[str, int] = {AttendanceMode.ON_SITE: 0, AttendanceMode.ONLINE: 0}
    rows = (
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
        .values_list("mode")
        .order_by()
        .annotate(n=Count("id"))
    )
    for mode, n in rows:
        counts[mode] = n
    return counts


@dataclass(frozen=True)
class Places:
    onsite_capacity: int | None
    online_capacity: int | None
    onsite_taken: int
    online_taken: int

    @property
    def onsite_left(self) -> int | None:
        return None if self.onsite_capacity is None else max(self.onsite_capacity - self.onsite_taken, 0)

    @property
    def online_left(self) -> int | None:
        return None if self.online_capacity is None else max(self.online_capacity - self.online_taken, 0)

    def has_room(self, mode: str) -> bool:
        left = self.onsite_left if mode == AttendanceMode.ON_SITE else self.online_left
        return left is None or left > 0


def places(event: Event) -> Places:
    counts = confirmed_counts(event)
    return Places(
        onsite_capacity=event_onsite_capacity(event),
        online_capacity=event_online_capacity(event),
        onsite_taken=counts[AttendanceMode.ON_SITE],
        online_taken=counts[AttendanceMode.ONLINE],
    )
