"""Who sees which event. Every view and endpoint of the events app starts from these."""

from django.db.models import Q, QuerySet

from ..models import Event, EventStatus, Visibility


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


def can_manage_event(user, event: Event) -> bool:
    """Coordinators manage every event; trainers of an event see its participants and mark attendance."""
    if not user.is_authenticated:
        return False
    if user.is_coordinator:
        return True
    person_id = getattr(getattr(user, "person", None), "pk", None)
    return person_id is not None and event.trainers.filter(person_id=person_id).exists()
