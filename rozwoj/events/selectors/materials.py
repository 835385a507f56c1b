"""Reads about an event's materials and photos: which levels of visibility a reader may see."""

from django.db.models import QuerySet

from ..models import Event, EventAttachment, EventPhoto, MaterialVisibility, RegistrationStatus
from .access import can_manage_event
from .registrations import registration_of


def material_visibilities_for(user, event: Event) -> list[str]:
    """Which visibility levels of the event's materials `user` may see (assumes the event is visible)."""
    if user is not None and user.is_authenticated and can_manage_event(user, event):
        return list(MaterialVisibility.values)
    registration = registration_of(user, event) if user is not None else None
    if registration is not None and registration.status == RegistrationStatus.CONFIRMED:
        return [MaterialVisibility.PUBLIC, MaterialVisibility.PARTICIPANTS]
    return [MaterialVisibility.PUBLIC]


def attachments_visible_to(user, event: Event) -> QuerySet[EventAttachment]:
    return event.attachments.filter(visibility__in=material_visibilities_for(user, event))


def photos_visible_to(user, event: Event) -> QuerySet[EventPhoto]:
    return event.photos.filter(visibility__in=material_visibilities_for(user, event))
