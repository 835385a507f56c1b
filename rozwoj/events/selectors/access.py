"""Who sees which event. Every view and endpoint of the events app starts from these."""

from collections.abc import Callable
from typing import TypeVar

from django.db.models import Q, QuerySet

from ..models import Event, EventStatus, Visibility

T = TypeVar("T")


def events_visible_to(user) -> QuerySet[Event]:
    """Anonymous: public events that are not drafts. Logged in: also internal ones. Coordinators: all.
    Trainers of an event also see it while it is a draft."""
    events = Event.objects.all()
    if user is None or not user.is_authenticated:
        return events.filter(visibility=Visibility.PUBLIC).exclude(status=EventStatus.DRAFT)
    if user.is_coordinator:
        return events
    person_id = getattr(getattr(user, "person", None), "pk", None)
    if person_id is None:
        return events.exclude(status=EventStatus.DRAFT)
    return events.filter(~Q(status=EventStatus.DRAFT) | Q(trainers__person_id=person_id)).distinct()


def viewer_memo(event: Event, key: tuple, compute: Callable[[], T]) -> T:
    """What one reader's relation to `event` is (manager, own registration), computed once per event instance:
    the page, its boxes and its template tags ask the same question several times in one request."""
    memo = event.__dict__.setdefault("_viewer_memo", {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def can_manage_event(user, event: Event) -> bool:
    """Coordinators manage every event; trainers of an event see its participants and mark attendance."""
    if not user.is_authenticated:
        return False
    if user.is_coordinator:
        return True
    person_id = getattr(getattr(user, "person", None), "pk", None)
    if person_id is None:
        return False

    def is_trainer() -> bool:
        loaded = getattr(event, "_prefetched_objects_cache", {}).get("trainers")
        if loaded is not None:  # the event page loads its trainers anyway
            return any(trainer.person_id == person_id for trainer in loaded)
        return event.trainers.filter(person_id=person_id).exists()

    return viewer_memo(event, ("trainer", person_id), is_trainer)
