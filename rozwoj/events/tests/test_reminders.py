import datetime
import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar

from rozwoj.core.tasks import run_periodic_job
from rozwoj.events.models import Event, EventStatus, Format, RegistrationStatus
from rozwoj.events.services.reminders import due_events, send_due_reminders
from rozwoj.notifications.models import Notification
from rozwoj.people.tests.factories import PersonFactory, person_with_login

from .factories import EventFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC)


def event_starting_in(delta, *, days_before=3, status=EventStatus.REGISTRATION_OPEN, **session):
    event = EventFactory(status=status, reminder_days_before=days_before)
    SessionFactory(event=event, order=1, starts_at=NOW + delta, **session)
    return event


def ics_text(mail) -> str:
    content = mail.attachments[0][1]
    return content.decode() if isinstance(content, bytes) else content


def run(django_capture_on_commit_callbacks, now=NOW):
    with django_capture_on_commit_callbacks(execute=True):
        return send_due_reminders(now=now)


def test_confirmed_participants_get_email_with_date_place_and_ics(
    django_capture_on_commit_callbacks, mailoutbox
):
    event = event_starting_in(datetime.timedelta(days=2), venue__name="Centrum Szkoleniowe w Sulejówku")
    with_login = person_with_login()
    confirmed = RegistrationFactory(event=event, person=with_login)
    RegistrationFactory(event=event, person=PersonFactory(email="bez.konta@example.org"))
    for status in (RegistrationStatus.WAITING, RegistrationStatus.CANCELLED, RegistrationStatus.PENDING):
        RegistrationFactory(event=event, status=status)

    assert run(django_capture_on_commit_callbacks) == 2

    assert sorted(m.to[0] for m in mailoutbox) == sorted([with_login.email, "bez.konta@example.org"])
    mail = next(m for m in mailoutbox if m.to == [with_login.email])
    with translation.override("pl"):
        assert mail.subject == _("Reminder: %(event)s") % {"event": event.title}
    assert "Centrum Szkoleniowe w Sulejówku" in mail.body
    assert "12 marca 2026" in mail.body  # the date in Polish, Europe/Warsaw
    filename, content, mimetype = mail.attachments[0]
    assert filename.endswith(".ics")
    assert mimetype.startswith("text/calendar")
    calendar = Calendar.from_ical(ics_text(mail))
    assert calendar["METHOD"] == "REQUEST"
    assert str(calendar.walk("VEVENT")[0]["UID"]).startswith(str(event.ical_uid))
    # in-app notification for the person with a login only
    assert list(Notification.objects.values_list("user", "kind")) == [
        (confirmed.person.user_id, "events.event_reminder")
    ]
    event.refresh_from_db()
    assert event.reminder_sent_at == NOW


def test_online_session_gives_the_link(django_capture_on_commit_callbacks, mailoutbox):
    event = event_starting_in(
        datetime.timedelta(days=1),
        format=Format.ONLINE,
        venue=None,
        online_url="https://meet.example.org/abc",
    )
    RegistrationFactory(event=event)
    run(django_capture_on_commit_callbacks)
    assert "https://meet.example.org/abc" in mailoutbox[0].body
    assert "https://meet.example.org/abc" in ics_text(mailoutbox[0]).replace("\r\n ", "")


def test_second_run_sends_nothing(django_capture_on_commit_callbacks, mailoutbox):
    event = event_starting_in(datetime.timedelta(days=1))
    RegistrationFactory(event=event)
    assert run(django_capture_on_commit_callbacks) == 1
    assert run(django_capture_on_commit_callbacks, now=NOW + datetime.timedelta(hours=1)) == 0
    assert len(mailoutbox) == 1
    event.refresh_from_db()
    assert event.reminder_sent_at == NOW


@pytest.mark.parametrize(
    ("delta", "days_before", "status", "due"),
    [
        (datetime.timedelta(days=3), 3, EventStatus.REGISTRATION_OPEN, True),  # exactly on the edge
        (datetime.timedelta(days=3, minutes=1), 3, EventStatus.REGISTRATION_OPEN, False),  # too early
        (datetime.timedelta(days=10), 14, EventStatus.REGISTRATION_CLOSED, True),
        (datetime.timedelta(hours=-1), 3, EventStatus.REGISTRATION_OPEN, False),  # already started
        (datetime.timedelta(days=1), 3, EventStatus.PLANNED, True),  # published: registration by its dates
        (datetime.timedelta(days=1), 3, EventStatus.DRAFT, False),
        (datetime.timedelta(days=1), 3, EventStatus.CANCELLED, False),
        (datetime.timedelta(days=1), 3, EventStatus.HELD, False),
        (datetime.timedelta(days=1), 0, EventStatus.REGISTRATION_OPEN, False),  # 0: no reminder
    ],
)
def test_which_events_are_due(delta, days_before, status, due):
    event = event_starting_in(delta, days_before=days_before, status=status)
    assert (event in due_events(NOW)) is due


def test_the_first_session_counts(django_capture_on_commit_callbacks, mailoutbox):
    event = EventFactory(reminder_days_before=2)
    SessionFactory(event=event, order=2, starts_at=NOW + datetime.timedelta(days=20))
    SessionFactory(event=event, order=1, starts_at=NOW + datetime.timedelta(days=1))
    RegistrationFactory(event=event)
    assert run(django_capture_on_commit_callbacks) == 1
    assert "11 marca 2026" in mailoutbox[0].body
    assert "30 marca 2026" in mailoutbox[0].body


def test_event_without_participants_is_claimed_without_mail(django_capture_on_commit_callbacks, mailoutbox):
    event = event_starting_in(datetime.timedelta(days=1))
    assert run(django_capture_on_commit_callbacks) == 0
    event.refresh_from_db()
    assert event.reminder_sent_at == NOW
    assert mailoutbox == []


def test_failure_leaves_the_event_unclaimed(django_capture_on_commit_callbacks, mailoutbox, monkeypatch):
    from rozwoj.events.services import reminders

    event = event_starting_in(datetime.timedelta(days=1))
    RegistrationFactory(event=event)

    def broken(*args, **kwargs):
        raise RuntimeError("calendar failed")

    monkeypatch.setattr(reminders, "event_calendar", broken)
    with pytest.raises(RuntimeError):
        run(django_capture_on_commit_callbacks)
    event.refresh_from_db()
    assert event.reminder_sent_at is None
    assert mailoutbox == []
    assert Notification.objects.count() == 0


def test_an_event_claimed_by_another_run_is_skipped(
    django_capture_on_commit_callbacks, mailoutbox, monkeypatch
):
    """Two overlapping runs: the second finds the event due, but the first claimed it in between."""
    from rozwoj.events.services import reminders

    event = event_starting_in(datetime.timedelta(days=1))
    RegistrationFactory(event=event)
    real_due = reminders.due_events

    def due_then_claimed_elsewhere(now):
        events = real_due(now)
        Event.objects.filter(pk=event.pk).update(reminder_sent_at=now)  # the other run wins the race
        return events

    monkeypatch.setattr(reminders, "due_events", due_then_claimed_elsewhere)
    assert run(django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []


@pytest.mark.django_db(transaction=True)
def test_parallel_runs_remind_once(mailoutbox):
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:memorydb"):
        pytest.skip("in-memory SQLite is not shared between threads")
    event = event_starting_in(datetime.timedelta(days=1))
    RegistrationFactory.create_batch(3, event=event)
    results, errors = [], []
    barrier = threading.Barrier(4)

    def worker():
        try:
            barrier.wait()
            results.append(send_due_reminders(now=NOW))
        except Exception as error:  # pragma: no cover — reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(results) == [0, 0, 0, 3]
    assert len(mailoutbox) == 3


def test_english_speaker_gets_english(django_capture_on_commit_callbacks, mailoutbox):
    event = event_starting_in(datetime.timedelta(days=1))
    person = person_with_login()
    person.user.preferred_language = "en"
    person.user.save()
    RegistrationFactory(event=event, person=person)
    run(django_capture_on_commit_callbacks)
    assert mailoutbox[0].subject == f"Reminder: {event.title}"


def test_task_and_commands(django_capture_on_commit_callbacks, mailoutbox, monkeypatch):
    from rozwoj.events.services import reminders

    monkeypatch.setattr(reminders.timezone, "now", lambda: NOW)
    first = event_starting_in(datetime.timedelta(days=1))
    RegistrationFactory(event=first)
    with django_capture_on_commit_callbacks(execute=True):
        assert run_periodic_job.delay("events.send_reminders").get() == "1"  # what Celery beat sends
    second = event_starting_in(datetime.timedelta(days=1))
    RegistrationFactory(event=second)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders", stdout=out)
    assert "1" in out.getvalue()
    third = event_starting_in(datetime.timedelta(days=1))
    RegistrationFactory(event=third)
    later = NOW + datetime.timedelta(minutes=15)  # the loop runs the job again once its period is over
    monkeypatch.setattr(reminders.timezone, "now", lambda: later)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_background", "--once", stdout=out)
    assert "Reminders sent: 1" in out.getvalue()
    assert len(mailoutbox) == 3
    assert timezone.now() == later


def test_run_background_refuses_a_bad_interval():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("run_background", "--interval", "0", "--once")
