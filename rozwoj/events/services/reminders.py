"""Reminders a configurable number of days before an event's first session.

`send_due_reminders()` is the periodic job `events.send_reminders` (jobs.py), run every 15 minutes by Celery beat
in production or by the `run_background` loop of the embedded default; the `send_event_reminders` management
command runs it once (cron). Each event is first *claimed* with a conditional UPDATE … WHERE reminder_sent_at IS
NULL, so two runs that overlap never remind the same people twice; the claim and the notifications share one
transaction, so a failure leaves the event unclaimed for the next run. Each participant gets the e-mail
`events.event_reminder` in their own language; e-mails leave after the commit (see `notify`).
"""

import datetime
import logging

from django.db import transaction
from django.db.models import Min
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from rozwoj.events.ics import event_calendar
from rozwoj.events.models import Event, EventStatus, Registration, RegistrationStatus
from rozwoj.notifications.services import Attachment, notify

logger = logging.getLogger(__name__)

REMINDER_STATUSES = (EventStatus.PLANNED, EventStatus.REGISTRATION_OPEN, EventStatus.REGISTRATION_CLOSED)
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
        path = _event_path(event)
        invitation = Attachment(
            "invitation.ics",
            event_calendar(event, method="REQUEST", include_link=True, url=path),
            "text/calendar; method=REQUEST",
        )
        sent = 0
        for registration in registrations:
            person = registration.person
            if not person.email and not person.user_id:
                continue
            notify(
                to=person,
                kind="events.event_reminder",
                context={"event": event, "sessions": sessions, "person": person},
                url=path,
                attachments=[invitation],
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
