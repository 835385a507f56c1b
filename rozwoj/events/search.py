"""What the events app contributes to the site search (rozwoj.core.search): every event that is not a draft,
with its title, description and the cities of its venues. Public events are found by everyone, internal ones by
signed-in users (the rule of selectors.access.events_visible_to). A signed-in user also holds "event:<id>" of
the events they are registered for."""

from collections.abc import Iterable, Iterator

from django.db.models import Min, Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rozwoj.core.markup import markdown_to_text
from rozwoj.core.search import (
    PUBLIC,
    SIGNED_IN,
    IndexEntry,
    register_dependent,
    register_grant_provider,
    register_source,
)

from .models import ACTIVE_REGISTRATION_STATUSES, Event, EventStatus, Registration, Session, Visibility

KIND = "events"


class EventSource:
    kind = KIND
    heading = _("Trainings and meetings")
    order = 20

    def entries(self, object_ids: Iterable[int] | None) -> Iterator[IndexEntry]:
        events = (
            Event.objects.exclude(status=EventStatus.DRAFT)
            .select_related("kind", "programme")
            .annotate(first_start=Min("sessions__starts_at"))
            .prefetch_related(
                Prefetch("sessions", queryset=Session.objects.select_related("venue").order_by("order"))
            )
            .order_by("pk")
        )
        if object_ids is not None:
            events = events.filter(pk__in=list(object_ids))
        for event in events.iterator(chunk_size=500):
            cities = sorted({session.venue.city for session in event.sessions.all() if session.venue_id})
            grants = {PUBLIC} if event.visibility == Visibility.PUBLIC else {SIGNED_IN}
            grants.add(f"event:{event.pk}")
            parts = [
                str(event.kind),
                " ".join(cities),
                event.programme.name if event.programme_id else "",
                markdown_to_text(event.description),
            ]
            yield IndexEntry(
                object_id=event.pk,
                language="",
                title=event.title,
                text=" · ".join(part for part in parts if part),
                url=reverse("events:detail", args=[event.pk]),
                date=event.first_start,
                grants=frozenset(grants),
            )


register_source(EventSource())


def _events_of_programmes(programme_ids: list[int]) -> list[int]:
    return list(Event.objects.filter(programme_id__in=programme_ids).values_list("pk", flat=True))


def _events_at_venues(venue_ids: list[int]) -> list[int]:
    return list(Session.objects.filter(venue_id__in=venue_ids).values_list("event_id", flat=True).distinct())


# An event's entry shows its programme's name and its venues' cities: reindexed when they change.
register_dependent("programmes.name", KIND, _events_of_programmes)
register_dependent("organisations.venue_city", KIND, _events_at_venues)


@register_grant_provider
def registered_events(user) -> list[str]:
    """ "event:<id>" of every event the user is registered for (an active registration)."""
    ids = Registration.objects.filter(person__user=user, status__in=ACTIVE_REGISTRATION_STATUSES).values_list(
        "event_id", flat=True
    )
    return [f"event:{pk}" for pk in ids]
