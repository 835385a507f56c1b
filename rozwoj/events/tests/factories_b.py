"""Factories for the registration area."""

from rozwoj.events.models import EventKind, Format

from .factories import EventFactory, SessionFactory


def event_with_sessions(*formats: str, seats: int | None = 20, **event_kwargs):
    """An event open for registration with one session per format given (default: one on-site session)."""
    # Seeded by a data migration, which a flush between transactional tests removes.
    event_kwargs.setdefault(
        "kind", EventKind.objects.get_or_create(code="training", defaults={"name": "szkolenie"})[0]
    )
    event = EventFactory(**event_kwargs)
    for number, session_format in enumerate(formats or (Format.ON_SITE,), start=1):
        SessionFactory(
            event=event,
            order=number,
            format=session_format,
            onsite_seats=None if session_format == Format.ONLINE else seats,
        )
    return event


def hybrid_event(seats: int | None = 20, **event_kwargs):
    return event_with_sessions(Format.HYBRID, seats=seats, **event_kwargs)
