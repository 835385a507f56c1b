"""Reads of the registration area: participant lists (bounded queries) and a user's own registrations."""

from django.db.models import Min, Prefetch, QuerySet, Value
from django.db.models.functions import Concat

from rozwoj.organisations.models import Organisation
from rozwoj.people.models import Membership
from rozwoj.people.selectors import person_matches

from ..models import Event, Registration
from .access import viewer_memo

# Registrations in the alphabetical order of their people, by the key as an expression rather than the column: the
# event's registrations (index event, person) then drive the plan and the database sorts those. Ordered by the
# column, it walked the name index of the whole registry and kept the people registered for this event (3,423
# people visited to show 50 at 1,000 registrations), slower the smaller the event's share of the registry.
REGISTRATIONS_BY_NAME = (Concat("person__sort_key", Value("")), "id")


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
