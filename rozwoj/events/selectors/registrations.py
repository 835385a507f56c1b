"""Reads of the registration area: participant lists (bounded queries) and a user's own registrations."""

from django.db.models import Min, OuterRef, Prefetch, QuerySet, Subquery

from rozwoj.organisations.models import Organisation
from rozwoj.people.models import Membership
from rozwoj.people.selectors import person_matches

from ..models import Attendance, Event, Registration, RegistrationStatus, Session


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
                queryset=Membership.objects.select_related("organisation").order_by("organisation__name"),
            )
        )
        .order_by("person__sort_key", "id")
    )


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
    if not getattr(user, "is_authenticated", False):
        return None
    return Registration.objects.filter(event=event, person__user=user).select_related("person").first()


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
        .order_by("person__sort_key", "pk")
    )
