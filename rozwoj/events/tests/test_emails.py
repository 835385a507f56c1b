"""Every e-mail of the events app, sent by its real service to a recipient who reads Polish or English, compared
with its snapshot in tests/snapshots/emails/ (regenerate: ROZWOJ_UPDATE_SNAPSHOTS=1, then read the diff)."""

import datetime

import pytest
from django.utils import translation

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.events.models import AttendanceListFile, AttendanceMode, Format, RegistrationStatus
from rozwoj.events.services import events as event_services
from rozwoj.events.services import registrations
from rozwoj.events.services.attendance_lists import attendance_list_prepare
from rozwoj.events.services.reminders import send_due_reminders
from rozwoj.events.services.reschedule import event_reschedule
from rozwoj.notifications.models import Notification
from rozwoj.notifications.tests.email_snapshots import assert_email_matches_snapshot, languages
from rozwoj.organisations.tests.factories import VenueFactory
from rozwoj.people.tests.factories import person_with_login

from .factories import EventFactory, RegistrationFactory, SessionFactory, at

pytestmark = pytest.mark.django_db

START, END = at(2030, 3, 26, 9), at(2030, 3, 28, 16)  # Warsaw time


@pytest.fixture(autouse=True)
def _public_address(settings):
    settings.SITE_URL = "https://rozwoj.example.org"


def training(seats=20, **event_kwargs):
    """The PRO training as planned: a hybrid session in Sulejówek, 26–28 March."""
    event = EventFactory(
        title="Szkolenie dla ekspertów PRO: rozwój kompetencji", reminder_days_before=3, **event_kwargs
    )
    venue = VenueFactory(
        name="Centrum Szkoleniowe w Sulejówku", address="ul. Paderewskiego 2", city="Sulejówek", capacity=40
    )
    SessionFactory(
        event=event,
        order=1,
        title="",
        starts_at=START,
        ends_at=END,
        format=Format.HYBRID,
        venue=venue,
        onsite_seats=seats,
        online_url="https://meet.example.org/pro",
    )
    return event


def reader(language, first_name="Anna", last_name="Nowak"):
    """A person with a login who chose `language`."""
    person = person_with_login(
        first_name=first_name, last_name=last_name, email=f"{first_name.lower()}.{language}@example.org"
    )
    person.user.preferred_language = language
    person.user.save(update_fields=["preferred_language"])
    return person


def coordinator():
    return user_with_role(Role.COORDINATOR)


def register(person, event):
    return registrations.registration_create(
        actor=person.user, event=event, person=person, mode=AttendanceMode.ON_SITE
    )


def confirmed(language):
    person = reader(language)
    register(person, training())
    return person


def waiting(language):
    event = training(seats=1)
    register(reader("pl", "Jan", "Kowalski"), event)
    person = reader(language)
    register(person, event)
    return person


def promoted(language):
    event = training(seats=1)
    holder = reader("pl", "Jan", "Kowalski")
    held = register(holder, event)
    person = reader(language)
    register(person, event)
    registrations.registration_cancel(actor=holder.user, registration=held)
    return person


def pending(language):
    person = reader(language)
    register(person, training(requires_approval=True))
    return person


def rejected(language):
    person = reader(language)
    registration = register(person, training(requires_approval=True))
    registrations.registration_reject(actor=coordinator(), registration=registration)
    return person


def cancelled(language):
    person = reader(language)
    registration = register(person, training())
    registrations.registration_cancel(actor=person.user, registration=registration)
    return person


def reminded(language):
    person = reader(language)
    RegistrationFactory(event=training(), person=person, status=RegistrationStatus.CONFIRMED)
    send_due_reminders(now=START - datetime.timedelta(days=2))
    return person


def plan_changed(language):
    """Postponed for COVID-19 and moved online, as the seed tells."""
    person = reader(language)
    event = training()
    RegistrationFactory(event=event, person=person, status=RegistrationStatus.CONFIRMED)
    event_services.event_change_plan(
        actor=coordinator(),
        event=event,
        session=event.sessions.get(),
        new_starts_at=at(2030, 6, 24, 9),
        new_ends_at=at(2030, 6, 25, 16),
        new_format=Format.ONLINE,
        new_venue=None,
        new_online_url="https://meet.example.org/pro-online",
        reason_category="epidemic",
        reason="Stan epidemii COVID-19.",
    )
    return person


def rescheduled(language):
    """A two-session training postponed by thirteen weeks in one change."""
    person = reader(language)
    event = training()
    SessionFactory(
        event=event, order=2, title="", starts_at=at(2030, 4, 23, 9), ends_at=at(2030, 4, 24, 16),
        format=Format.ONLINE, venue=None, online_url="https://meet.example.org/pro",
    )  # fmt: skip
    RegistrationFactory(event=event, person=person, status=RegistrationStatus.CONFIRMED)
    event_reschedule(
        actor=coordinator(),
        event=event,
        shift=datetime.timedelta(days=91),
        reason_category="epidemic",
        reason="Stan epidemii COVID-19.",
    )
    return person


def event_cancelled(language):
    person = reader(language)
    event = training()
    RegistrationFactory(event=event, person=person, status=RegistrationStatus.CONFIRMED)
    event_services.event_cancel(
        actor=coordinator(), event=event, reason_category="venue_unavailable", reason="Remont sali."
    )
    return person


def attendance_list_ready(language):
    user = coordinator()
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    event = training()
    RegistrationFactory.create_batch(2, event=event, status=RegistrationStatus.CONFIRMED)
    document = AttendanceListFile.objects.create(
        session=event.sessions.get(), requested_by=user, language="pl"
    )
    attendance_list_prepare(document.pk)
    return user


EMAILS = {
    "events.registration_confirmed": confirmed,
    "events.registration_waiting": waiting,
    "events.registration_promoted": promoted,
    "events.registration_pending": pending,
    "events.registration_rejected": rejected,
    "events.registration_cancelled": cancelled,
    "events.event_reminder": reminded,
    "events.event_changed": plan_changed,
    "events.event_rescheduled": rescheduled,
    "events.event_cancelled": event_cancelled,
    "events.attendance_list_ready": attendance_list_ready,
}


@pytest.mark.parametrize("language", languages())  # every language the site offers
@pytest.mark.parametrize("kind", EMAILS)
def test_email_matches_its_snapshot(kind, language, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        recipient = EMAILS[kind](language)
    mail = [m for m in mailoutbox if m.to == [recipient.email]][-1]
    assert_email_matches_snapshot(mail, kind, language)
    # The notification list shows the same text as the e-mail, in the reader's language.
    user = getattr(recipient, "user", recipient)
    notification = Notification.objects.filter(user=user, kind=kind).latest("pk")
    assert notification.title == mail.subject
    assert mail.body.startswith(notification.body + "\n\n")


def test_a_coordinator_working_in_english_tells_each_participant_in_their_own_language(
    mailoutbox, django_capture_on_commit_callbacks
):
    event = training()
    polish, english = reader("pl", "Anna", "Nowak"), reader("en", "Mary", "Smith")
    for person in (polish, english):
        RegistrationFactory(event=event, person=person, status=RegistrationStatus.CONFIRMED)
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        event_services.event_change_plan(
            actor=coordinator(),
            event=event,
            session=event.sessions.get(),
            new_starts_at=at(2030, 6, 24, 9),
            new_ends_at=at(2030, 6, 25, 16),
            new_format=Format.ONLINE,
            new_venue=None,
            new_online_url="https://meet.example.org/pro-online",
            reason_category="epidemic",
        )
        event_services.event_cancel(actor=coordinator(), event=event, reason_category="other")
    to_polish = [m for m in mailoutbox if m.to == [polish.email]]
    to_english = [m for m in mailoutbox if m.to == [english.email]]
    assert [m.subject.split(":")[0] for m in to_polish] == ["Zmiana planu", "Odwołane"]
    assert [m.subject.split(":")[0] for m in to_english] == ["Change of plan", "Cancelled"]
    assert "Obecnie: Zjazd 1, 24 czerwca 2030, 09:00 – 25 czerwca 2030, 16:00, online" in to_polish[0].body
    assert "Now: Session 1, 24 Jun 2030, 09:00 – 25 Jun 2030, 16:00, online" in to_english[0].body
    assert polish.user.notifications.get(kind="events.event_cancelled").title.startswith("Odwołane:")
