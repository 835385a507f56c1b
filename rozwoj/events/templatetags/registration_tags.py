"""Template tags of the registration area: the registration box on the event page."""

from django import template
from django.template.loader import render_to_string

from rozwoj.events.models import ACTIVE_REGISTRATION_STATUSES, Registration
from rozwoj.events.selectors import can_manage_event
from rozwoj.events.selectors import registrations as selectors_registrations
from rozwoj.events.services import registrations as services

register = template.Library()


def _active_count(event) -> int:
    """Counted with the event on its page (`with_registration_counts`), else here."""
    if hasattr(event, "active_registrations"):
        return event.active_registrations
    return Registration.objects.filter(event=event, status__in=ACTIVE_REGISTRATION_STATUSES).count()


@register.simple_tag(takes_context=True)
def registration_box(context, event):
    """Places left on site and online, the user's registration and what they can do, a link to the
    participants for those who manage the event."""
    request = context.get("request")
    user = getattr(request, "user", None)
    authenticated = bool(user is not None and user.is_authenticated)
    registration = selectors_registrations.registration_of(user, event) if authenticated else None
    if registration is not None and registration.status not in ACTIVE_REGISTRATION_STATUSES:
        registration = None
    refusal = None
    if registration is None:
        refusal = services.eligibility(user, event) if authenticated else services.window_refusal(event)
    manager = authenticated and can_manage_event(user, event)
    places = selectors_registrations.places(event)
    modes = selectors_registrations.allowed_modes(event)
    values = {
        "event": event,
        "places": places,
        "modes": modes,
        # Every way of taking part is full: registering means joining the waiting list.
        "full": bool(modes) and not any(places.has_room(mode) for mode in modes),
        "registration": registration,
        "can_cancel": registration is not None and services.can_cancel(user, registration),
        "refusal": refusal,
        "anonymous": not authenticated,
        "manager": manager,
        "active_count": _active_count(event) if manager else 0,
    }
    # Only what it is given: rendered without the request's context processors (they ran for the page already).
    return render_to_string("events/registrations/_box.html", values)
