"""Reminders a configurable number of days before an event's first session.

`send_due_reminders()` is the periodic job `events.send_reminders` (jobs.py), run every 15 minutes by Celery beat
in production or the `run_background` loop of the embedded default; the `send_event_reminders` management
command runs it once (cron). Each event is first *claimed* with a conditional UPDATE … WHERE reminder_sent_at IS NULL, so two runs
that overlap never remind the same people twice; the claim and the notifications share one transaction, so a
failure leaves the event unclaimed for the next run. E-mails leave after the commit (see `notify`).
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Min
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from rozwoj.events.ics import event_calendar
from rozwoj.events.models import Event, EventStatus, Format, Registration, RegistrationStatus
from rozwoj.notifications.services import Attachment, Message, notify

logger = logging.getLogger(__name__)

REMINDER_STATUSES = (EventStatus.REGISTRATION_OPEN, EventStatus.REGISTRATION_CLOSED)
MAX_DAYS_BEFORE = 60  # the model's validator bounds reminder_days_before


def _event_path(event: Event) -> str:
    try:
        return reverse("events:detail", args=[event.pk])
    except NoReverseMatch:  # pragma: no cover — the events pages are always mounted in the product
        return "/"


def due_events(now: datetime.datetime) -> list[Event]:
    """Events whose first session starts after `now` and within their `reminder_days_before` days, not yet
    reminded. A reminder_days_before of 0 means: no reminder for this event."""
    candidates = (
        Event.objects.filter(status__in=REMINDER_STATUSES, reminder_sent_at__isnull=True)
        .filter(reminder_days_before__gt=0)
        .annotate(first_start=Min("sessions__starts_at"))
        .filter(first_start__gt=now, first_start__lte=now + datetime.timedelta(days=MAX_DAYS_BEFORE))
        .order_by("first_start", "pk")
    )
    return [
        event
        for event in candidates
        if event.first_start <= now + datetime.timedelta(days=event.reminder_days_before)
    ]


def _claim(event: Event, now: datetime.datetime) -> bool:
    return bool(Event.objects.filter(pk=event.pk, reminder_sent_at__isnull=True).update(reminder_sent_at=now))


def _language_of(person) -> str:
    user = person.user if person.user_id else None
    return (getattr(user, "preferred_language", "") if user else "") or settings.LANGUAGE_CODE


def _session_lines(sessions) -> list[str]:
    lines = []
    for session in sessions:
        start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
        if start.date() == end.date():
            when = f"{date_format(start, 'DATETIME_FORMAT')} – {date_format(end, 'TIME_FORMAT')}"
        else:
            when = f"{date_format(start, 'DATETIME_FORMAT')} – {date_format(end, 'DATETIME_FORMAT')}"
        places = []
        if session.format != Format.ONLINE and session.venue_id:
            venue = session.venue
            places.append(
                _("on site: %(venue)s, %(address)s, %(city)s")
                % {"venue": venue.name, "address": venue.address, "city": venue.city}
            )
        if session.format != Format.ON_SITE:
            if session.online_url:
                places.append(_("online: %(link)s") % {"link": session.online_url})
            else:
                places.append(_("online (the link will follow)"))
        lines.append(f"• {session}: {when}; " + "; ".join(places))
    return lines


def reminder_message(event: Event, sessions, person) -> Message:
    """The reminder for one participant, in their language, with the calendar invitation attached."""
    path = _event_path(event)
    with translation.override(_language_of(person)):
        subject = _("Reminder: %(event)s") % {"event": event.title}
        body = (
            _("Dear %(name)s,\n\nwe remind you that “%(event)s” is coming soon. When and where:")
            % {"name": person.first_name, "event": event.title}
            + "\n\n"
            + "\n".join(_session_lines(sessions))
            + "\n\n"
            + _("The updated calendar invitation is attached.")
        )
    content = event_calendar(event, method="REQUEST", include_link=True, url=path)
    return Message(
        kind="event.reminder",
        subject=subject,
        body=body,
        url=path,
        attachments=[Attachment("invitation.ics", content, "text/calendar; method=REQUEST")],
    )


def _remind(event: Event, now: datetime.datetime) -> int:
    """Claim the event and notify its confirmed participants; 0 when another run claimed it first."""
    with transaction.atomic():
        if not _claim(event, now):
            return 0
        event = Event.objects.select_related("organiser").get(pk=event.pk)
        sessions = list(event.sessions.select_related("venue").order_by("order"))
        registrations = (
            Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
            .select_related("person__user")
            .order_by("pk")
        )
        sent = 0
        for registration in registrations:
            person = registration.person
            if not person.email and not person.user_id:
                continue
            notify(
                user=person.user if person.user_id else None,
                email=person.email,
                message=reminder_message(event, sessions, person),
            )
            sent += 1
    return sent


def send_due_reminders(now: datetime.datetime | None = None) -> int:
    """Remind every confirmed participant of each due event; returns the number of people reminded.
    Idempotent: a second run (or an overlapping one) sends nothing for events already claimed."""
    now = now or timezone.now()
    total = 0
    for event in due_events(now):
        total += _remind(event, now)
    if total:
        logger.info("Sent %s event reminders.", total)
    return total
