"""Template tags of the materials area: the materials and gallery section of the event page."""

from django import template
from django.template.loader import render_to_string

from ..selectors import can_manage_event
from ..selectors.materials import material_visibilities_for
from ..selectors.registrations import registration_of

register = template.Library()


def _visible(event, relation: str, visibilities: list[str]) -> list:
    if getattr(event, f"has_{relation}", True) is False:
        return []
    return list(getattr(event, relation).filter(visibility__in=visibilities))


@register.simple_tag(takes_context=True)
def materials_section(context, event):
    """The event's materials and photos the current user may see (the event page already checked that
    the user may see the event); for its coordinators and trainers also the way to attendance and
    certificates, for a participant with a certificate the link to download it."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    visibilities = material_visibilities_for(user, event)
    can_manage = bool(user is not None and user.is_authenticated and can_manage_event(user, event))
    registration = registration_of(user, event)
    own_certificate = getattr(registration, "certificate", None) if registration is not None else None
    return render_to_string(
        "events/materials/_section.html",
        {
            "event": event,
            # The event page's query says whether there are any (`has_attachments`, `has_photos`): most events
            # have none, and then no query.
            "attachments": _visible(event, "attachments", visibilities),
            "photos": _visible(event, "photos", visibilities),
            "can_manage": can_manage,
            "sessions": list(event.sessions.all()) if can_manage else [],
            "own_certificate": own_certificate,
        },
        # Only what it is given: rendered without the request's context processors (they ran for the page).
    )
