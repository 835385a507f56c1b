import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from icalendar import Calendar

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.core.models import AuditLogEntry
from rozwoj.events.models import (
    AgendaItem,
    ChangeType,
    Event,
    EventChange,
    EventStatus,
    EventTrainer,
    Format,
    RegistrationStatus,
    Session,
)
from rozwoj.events.services import events as services
from rozwoj.events.tests.factories import (
    EventFactory,
    RegistrationFactory,
    SessionFactory,
    at,
    event_data,
    session_data,
)
from rozwoj.organisations.tests.factories import VenueFactory
from rozwoj.people.tests.factories import PersonFactory, person_with_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return user_with_role(Role.COORDINATOR)


def test_event_create_stores_event_trainers_and_audit(coordinator):
    trainer = PersonFactory()
    event = services.event_create(
        actor=coordinator, data=event_data(), trainers=[{"person": trainer, "role": "speaker"}]
    )
    assert event.status == EventStatus.DRAFT
    assert list(event.trainers.values_list("person_id", "role")) == [(trainer.pk, "speaker")]
    assert AuditLogEntry.objects.filter(action="event.create", object_id=str(event.pk)).exists()


def test_event_create_refused_to_non_coordinators():
    with pytest.raises(PermissionDenied):
        services.event_create(actor=user_with_role(Role.EXPERT), data=event_data(), trainers=[])
    assert not Event.objects.exists()


def test_event_registration_window_must_be_ordered(coordinator):
    with pytest.raises(ValidationError) as error:
        services.event_create(
            actor=coordinator,
            data=event_data(registration_opens_at=at(2030, 3, 1), registration_closes_at=at(2030, 2, 1)),
        )
    assert "registration_closes_at" in error.value.message_dict
    assert not Event.objects.exists()


def test_event_update_records_changes(coordinator):
    event = EventFactory(title="Stary tytuł")
    services.event_update(actor=coordinator, event=event, data={"title": "Nowy tytuł"})
    event.refresh_from_db()
    assert event.title == "Nowy tytuł"
    entry = AuditLogEntry.objects.get(action="event.update")
    assert entry.changes["title"] == ["Stary tytuł", "Nowy tytuł"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_at": at(2030, 3, 26, 8)}, "ends_at"),
        ({"format": Format.ON_SITE, "venue": None}, "venue"),
        ({"format": Format.ONLINE, "online_url": ""}, "online_url"),
        ({"format": Format.HYBRID, "online_url": ""}, "online_url"),
        ({"onsite_seats": 0}, "onsite_seats"),
        ({"onsite_seats": 21}, "onsite_seats"),
        ({"format": "teleport"}, "format"),
    ],
)
def test_session_validation(coordinator, overrides, field):
    event = EventFactory()
    with pytest.raises(ValidationError) as error:
        services.session_create(actor=coordinator, event=event, data=session_data(**overrides))
    assert field in error.value.message_dict
    assert not Session.objects.exists()


def test_session_create_numbers_sessions_and_clears_venue_when_online(coordinator):
    event = EventFactory()
    first = services.session_create(actor=coordinator, event=event, data=session_data())
    second = services.session_create(
        actor=coordinator,
        event=event,
        data=session_data(
            format=Format.ONLINE, online_url="https://meet.example.org/x", venue=VenueFactory()
        ),
    )
    assert (first.order, second.order) == (1, 2)
    assert second.venue is None
    assert first.seats == 20


def test_session_duplicate_order_is_a_field_error(coordinator):
    event = EventFactory()
    services.session_create(actor=coordinator, event=event, data=session_data(order=1))
    with pytest.raises(ValidationError) as error:
        services.session_create(actor=coordinator, event=event, data=session_data(order=1))
    assert "order" in error.value.message_dict
    assert event.sessions.count() == 1


def test_double_booking_refused_unless_overridden(coordinator):
    venue = VenueFactory(capacity=30)
    other = SessionFactory(venue=venue, starts_at=at(2030, 3, 26, 12), ends_at=at(2030, 3, 26, 18))
    event = EventFactory()
    data = session_data(venue=venue)
    with pytest.raises(ValidationError) as error:
        services.session_create(actor=coordinator, event=event, data=data)
    assert "venue" in error.value.message_dict
    assert str(other.event) in error.value.message_dict["venue"][0]
    assert not event.sessions.exists()

    session = services.session_create(actor=coordinator, event=event, data=data, override_double_booking=True)
    assert session.venue == venue
    entry = AuditLogEntry.objects.get(action="session.create", object_id=str(event.pk))
    assert entry.changes["double_booking_override"]


def test_double_booking_ignores_cancelled_events_and_adjacent_times(coordinator):
    venue = VenueFactory(capacity=30)
    SessionFactory(venue=venue, starts_at=at(2030, 3, 26, 16), ends_at=at(2030, 3, 26, 18))
    SessionFactory(
        venue=venue,
        starts_at=at(2030, 3, 26, 9),
        ends_at=at(2030, 3, 26, 12),
        event=EventFactory(status=EventStatus.CANCELLED),
    )
    session = services.session_create(actor=coordinator, event=EventFactory(), data=session_data(venue=venue))
    assert session.pk


def test_session_update_and_delete(coordinator):
    session = SessionFactory()
    services.session_update(actor=coordinator, session=session, data={"title": "Zjazd pierwszy"})
    session.refresh_from_db()
    assert session.title == "Zjazd pierwszy"
    with pytest.raises(ValidationError):
        services.session_update(actor=coordinator, session=session, data={"ends_at": session.starts_at})
    services.session_delete(actor=coordinator, session=session)
    assert not Session.objects.exists()


def test_agenda_save_creates_updates_deletes(coordinator):
    session = SessionFactory(starts_at=at(2030, 3, 26, 9), ends_at=at(2030, 3, 27, 16))
    trainer = PersonFactory()
    services.agenda_save(
        actor=coordinator,
        session=session,
        rows=[
            {"id": None, "delete": False, "day": datetime.date(2030, 3, 26), "starts_at": datetime.time(9),
             "topic": "Otwarcie", "trainer": trainer, "note": "", "order": 1},
            {"id": None, "delete": False, "day": None, "starts_at": None, "topic": "Podsumowanie", "trainer": None,
             "note": "sala B", "order": 2},
        ],
    )  # fmt: skip
    items = list(session.agenda.all())
    assert [i.topic for i in items] == ["Otwarcie", "Podsumowanie"]
    services.agenda_save(
        actor=coordinator,
        session=session,
        rows=[
            {"id": items[0].pk, "delete": True, **{f: getattr(items[0], f) for f in services.AGENDA_FIELDS}}
        ],
    )
    assert list(session.agenda.values_list("topic", flat=True)) == ["Podsumowanie"]


def test_agenda_day_outside_session_refused(coordinator):
    session = SessionFactory(starts_at=at(2030, 3, 26, 9), ends_at=at(2030, 3, 26, 16))
    with pytest.raises(ValidationError) as error:
        services.agenda_save(
            actor=coordinator,
            session=session,
            rows=[{"id": None, "delete": False, "day": datetime.date(2030, 4, 1), "starts_at": None,
                   "topic": "X", "trainer": None, "note": "", "order": 0}],
        )  # fmt: skip
    assert "agenda-0-day" in error.value.message_dict
    assert not AgendaItem.objects.exists()


def test_trainers_add_and_remove(coordinator):
    event = EventFactory()
    person = PersonFactory()
    trainer = services.event_add_trainer(actor=coordinator, event=event, person=person, role="trainer")
    services.event_add_trainer(actor=coordinator, event=event, person=person, role="moderator")
    assert EventTrainer.objects.get().role == "moderator"
    services.event_remove_trainer(actor=coordinator, trainer=trainer)
    assert not EventTrainer.objects.exists()


def test_status_transitions(coordinator):
    event = EventFactory(status=EventStatus.DRAFT)
    services.event_set_status(actor=coordinator, event=event, status=EventStatus.PLANNED)
    with pytest.raises(ValidationError) as error:
        services.event_set_status(actor=coordinator, event=event, status=EventStatus.REGISTRATION_OPEN)
    assert "status" in error.value.message_dict  # no sessions yet
    SessionFactory(event=event)
    services.event_set_status(actor=coordinator, event=event, status=EventStatus.REGISTRATION_OPEN)
    with pytest.raises(ValidationError):
        services.event_set_status(actor=coordinator, event=event, status=EventStatus.DRAFT)
    with pytest.raises(ValidationError):
        services.event_set_status(actor=coordinator, event=event, status=EventStatus.PLANNED)
    with pytest.raises(ValidationError):
        services.event_set_status(actor=coordinator, event=event, status=EventStatus.CANCELLED)
    services.event_set_status(actor=coordinator, event=event, status=EventStatus.REGISTRATION_CLOSED)
    services.event_set_status(actor=coordinator, event=event, status=EventStatus.HELD)
    with pytest.raises(ValidationError):
        services.event_set_status(actor=coordinator, event=event, status=EventStatus.REGISTRATION_OPEN)
    event.refresh_from_db()
    assert event.status == EventStatus.HELD


def _hybrid_event_with_registrants():
    venue = VenueFactory(name="Centrum Szkoleniowe", capacity=30)
    event = EventFactory(status=EventStatus.REGISTRATION_OPEN)
    first = SessionFactory(
        event=event, order=1, venue=venue, format=Format.HYBRID, online_url="https://meet.example.org/a",
        starts_at=at(2030, 3, 26, 9), ends_at=at(2030, 3, 28, 16),
    )  # fmt: skip
    SessionFactory(event=event, order=2, venue=venue, starts_at=at(2030, 5, 5, 9), ends_at=at(2030, 5, 5, 16))
    confirmed = RegistrationFactory(event=event, person=person_with_login(None))
    waiting = RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    RegistrationFactory(event=event, status=RegistrationStatus.CANCELLED)
    return event, first, confirmed, waiting


def _ics(mail):
    attachment = mail.attachments[0]
    filename, content, mimetype = attachment
    return filename, Calendar.from_ical(content), mimetype


def test_change_of_plan_keeps_planned_raises_sequence_and_notifies(
    coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    event, session, confirmed, waiting = _hybrid_event_with_registrants()
    before_uid = event.ical_uid
    with django_capture_on_commit_callbacks(execute=True):
        changes = services.event_change_plan(
            actor=coordinator,
            event=event,
            session=session,
            new_starts_at=at(2030, 6, 24, 9),
            new_ends_at=at(2030, 6, 25, 16),
            new_format=Format.ONLINE,
            new_venue=None,
            new_online_url="https://meet.example.org/b",
            reason_category="epidemic",
            reason="COVID-19",
        )
    assert {c.change_type for c in changes} == {ChangeType.RESCHEDULE, ChangeType.FORMAT}
    session.refresh_from_db()
    event.refresh_from_db()
    assert session.planned_starts_at == at(2030, 3, 26, 9)
    assert session.planned_format == Format.HYBRID
    assert session.planned_venue.name == "Centrum Szkoleniowe"
    assert session.starts_at == at(2030, 6, 24, 9)
    assert session.format == Format.ONLINE
    assert session.venue is None
    assert event.ical_sequence == 1
    assert event.ical_uid == before_uid
    change = EventChange.objects.filter(change_type=ChangeType.RESCHEDULE).get()
    assert change.before["format"] == "hybrid"
    assert change.after["format"] == "online"
    assert change.actor == coordinator
    assert change.reason == "COVID-19"

    # Both active registrants got an invitation; the cancelled one did not.
    assert sorted(m.to[0] for m in mailoutbox) == sorted([confirmed.person.email, waiting.person.email])
    by_address = {m.to[0]: m for m in mailoutbox}
    filename, calendar, mimetype = _ics(by_address[confirmed.person.email])
    assert filename == f"event-{event.pk}.ics"
    assert mimetype.startswith("text/calendar")
    assert calendar["METHOD"] == "REQUEST"
    vevents = calendar.walk("VEVENT")
    assert {int(v["SEQUENCE"]) for v in vevents} == {1}
    assert all(str(v["UID"]).startswith(str(before_uid)) for v in vevents)
    assert "https://meet.example.org/b" in str(vevents[0]["DESCRIPTION"])
    _f, waiting_calendar, _m = _ics(by_address[waiting.person.email])
    assert "meet.example.org" not in str(waiting_calendar.walk("VEVENT")[0]["DESCRIPTION"])
    assert confirmed.person.user.notifications.filter(kind="events.event_changed").exists()

    # A second change keeps the original plan and raises the sequence again.
    services.event_change_plan(
        actor=coordinator, event=event, session=session, new_starts_at=at(2030, 6, 25, 9),
        new_ends_at=at(2030, 6, 26, 16), new_format=Format.ONLINE, new_venue=None,
        new_online_url="https://meet.example.org/b", reason_category="trainer_unavailable", reason="",
    )  # fmt: skip
    session.refresh_from_db()
    event.refresh_from_db()
    assert session.planned_starts_at == at(2030, 3, 26, 9)
    assert event.ical_sequence == 2


def test_change_of_plan_bad_input_changes_nothing(coordinator, mailoutbox):
    event, session, _c, _w = _hybrid_event_with_registrants()
    cases = [
        ({"new_ends_at": at(2030, 6, 24, 8)}, "ends_at"),
        ({"new_format": Format.ON_SITE, "new_venue": None}, "venue"),
        ({"new_format": Format.ONLINE, "new_online_url": ""}, "online_url"),
        ({"reason_category": "boredom"}, "reason_category"),
    ]
    for overrides, field in cases:
        kwargs = {
            "new_starts_at": at(2030, 6, 24, 9), "new_ends_at": at(2030, 6, 25, 16), "new_format": Format.ONLINE,
            "new_venue": None, "new_online_url": "https://meet.example.org/b", "reason_category": "epidemic",
            "reason": "", **overrides,
        }  # fmt: skip
        with pytest.raises(ValidationError) as error:
            services.event_change_plan(actor=coordinator, event=event, session=session, **kwargs)
        assert field in error.value.message_dict
    session.refresh_from_db()
    event.refresh_from_db()
    assert session.planned_starts_at is None
    assert event.ical_sequence == 0
    assert not EventChange.objects.exists()
    assert not mailoutbox


def test_change_of_plan_nothing_changed_is_refused(coordinator):
    event, session, _c, _w = _hybrid_event_with_registrants()
    with pytest.raises(ValidationError):
        services.event_change_plan(
            actor=coordinator, event=event, session=session, new_starts_at=session.starts_at,
            new_ends_at=session.ends_at, new_format=session.format, new_venue=session.venue,
            new_online_url=session.online_url, reason_category="other",
        )  # fmt: skip


def test_change_of_plan_to_double_booked_venue(coordinator):
    event, session, _c, _w = _hybrid_event_with_registrants()
    busy = VenueFactory(capacity=50)
    SessionFactory(venue=busy, starts_at=at(2030, 6, 24, 8), ends_at=at(2030, 6, 24, 20))
    kwargs = {
        "new_starts_at": at(2030, 6, 24, 9), "new_ends_at": at(2030, 6, 24, 16), "new_format": Format.ON_SITE,
        "new_venue": busy, "new_online_url": "", "reason_category": "venue_unavailable",
    }  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.event_change_plan(actor=coordinator, event=event, session=session, **kwargs)
    assert "venue" in error.value.message_dict
    changes = services.event_change_plan(
        actor=coordinator, event=event, session=session, override_double_booking=True, **kwargs
    )
    assert ChangeType.VENUE in {c.change_type for c in changes}
    entry = AuditLogEntry.objects.get(action="event.change_plan")
    assert entry.changes["double_booking_override"]


def test_cancel_sends_method_cancel(coordinator, mailoutbox, django_capture_on_commit_callbacks):
    event, _s, confirmed, _w = _hybrid_event_with_registrants()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(
            actor=coordinator, event=event, reason_category="too_few_registrations", reason="3"
        )
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    assert event.ical_sequence == 1
    assert EventChange.objects.get().change_type == ChangeType.CANCEL
    assert len(mailoutbox) == 2
    _f, calendar, mimetype = _ics(mailoutbox[0])
    assert calendar["METHOD"] == "CANCEL"
    assert "method=CANCEL" in mimetype
    assert {str(v["STATUS"]) for v in calendar.walk("VEVENT")} == {"CANCELLED"}
    assert {int(v["SEQUENCE"]) for v in calendar.walk("VEVENT")} == {1}
    with pytest.raises(ValidationError):
        services.event_cancel(actor=coordinator, event=event, reason_category="other")


def test_held_event_cannot_be_cancelled(coordinator):
    event = EventFactory(status=EventStatus.HELD)
    with pytest.raises(ValidationError):
        services.event_cancel(actor=coordinator, event=event, reason_category="other")
    event.refresh_from_db()
    assert event.status == EventStatus.HELD


def test_event_kind_save(coordinator):
    kind = services.event_kind_save(
        actor=coordinator,
        kind=None,
        data={"code": "study_visit", "name": "Wizyta studyjna", "name_en": "", "order": 9},
    )
    assert kind.pk
    with pytest.raises(ValidationError) as error:
        services.event_kind_save(
            actor=coordinator, kind=None, data={"code": "training", "name": "X", "name_en": "", "order": 1}
        )
    assert "code" in error.value.message_dict
