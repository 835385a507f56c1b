"""iCalendar documents for events: one VEVENT per session, stable UIDs, SEQUENCE raised on every change of plan."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, vCalAddress, vText
from icalendar import Event as VEvent

from rozwoj.core.links import absolute_url

from .models import Event, EventStatus, Format

PRODID = "-//Rozwój//Trainings and meetings//PL"


def session_uid(event: Event, session) -> str:
    return f"{event.ical_uid}-{session.order}@rozwoj"


def _location(session) -> str:
    parts = []
    if session.format != Format.ONLINE and session.venue_id:
        venue = session.venue
        parts.append(f"{venue.name}, {venue.address}, {venue.postal_code} {venue.city}".replace(" ,", ","))
    if session.format != Format.ON_SITE:
        parts.append("online")
    return "; ".join(parts)


def _vevent(event: Event, session, *, cancelled: bool, include_link: bool, url: str) -> VEvent:
    url = absolute_url(url)
    vevent = VEvent()
    vevent.add("uid", session_uid(event, session))
    vevent.add("sequence", event.ical_sequence)
    vevent.add("dtstamp", timezone.now())
    vevent.add("dtstart", session.starts_at)
    vevent.add("dtend", session.ends_at)
    title = event.title if event.sessions.count() == 1 else f"{event.title} — {session}"
    vevent.add("summary", title)
    description = url
    if include_link and session.online_url and session.format != Format.ON_SITE:
        description = f"{session.online_url}\n{url}"
    vevent.add("description", description)
    location = _location(session)
    if location:
        vevent.add("location", vText(location))
    if url:
        vevent.add("url", url)
    vevent.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL.split('<')[-1].rstrip('>')}")
    organizer.params["cn"] = vText(str(event.organiser))
    vevent.add("organizer", organizer)
    return vevent


def event_calendar(
    event: Event, *, method: str = "PUBLISH", include_link: bool = False, url: str = ""
) -> bytes:
    """The event as an .ics document. METHOD:REQUEST for invitations, CANCEL when the event is cancelled,
    PUBLISH for downloads. The online link is included only for registered participants (`include_link`)."""
    cancelled = event.status == EventStatus.CANCELLED
    if cancelled and method == "REQUEST":
        method = "CANCEL"
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    for session in event.sessions.select_related("venue").order_by("order"):
        calendar.add_component(
            _vevent(event, session, cancelled=cancelled, include_link=include_link, url=url)
        )
    return calendar.to_ical()


def feed_calendar(sessions, *, name: str, url_for_event) -> bytes:
    """A personal feed: every session of the given (prefetched) sessions, newest state of each."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for session in sessions:
        event = session.event
        calendar.add_component(
            _vevent(
                event,
                session,
                cancelled=event.status == EventStatus.CANCELLED,
                include_link=True,
                url=url_for_event(event),
            )
        )
    return calendar.to_ical()
