"""Postponing or moving a whole event in one change: every chosen session moves, one history entry, one e-mail per
participant with one updated invitation covering all sessions."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from icalendar import Calendar

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.core.models import AuditLogEntry
from rozwoj.events.models import ChangeType, EventChange, EventStatus, Format, RegistrationStatus, Session
from rozwoj.events.services.reschedule import event_reschedule
from rozwoj.organisations.tests.factories import VenueFactory
from rozwoj.people.tests.factories import person_with_login

from .factories import EventFactory, RegistrationFactory, SessionFactory, at

pytestmark = pytest.mark.django_db

WEEKS_13 = datetime.timedelta(days=91)


@pytest.fixture
def coordinator():
    return user_with_role(Role.COORDINATOR)


def two_session_training():
    venue = VenueFactory(name="Centrum Szkoleniowe w Sulejówku", capacity=30)
    event = EventFactory(title="Szkolenie PRO")
    first = SessionFactory(
        event=event, order=1, venue=venue, starts_at=at(2030, 3, 26, 9), ends_at=at(2030, 3, 28, 16)
    )
    second = SessionFactory(
        event=event, order=2, venue=venue, starts_at=at(2030, 4, 23, 9), ends_at=at(2030, 4, 24, 16)
    )
    return event, first, second


def postpone(coordinator, event, **kwargs):
    values = {"shift": WEEKS_13, "reason_category": "epidemic", "reason": "COVID-19"}
    values.update(kwargs)
    return event_reschedule(actor=coordinator, event=event, **values)


def test_postponing_the_whole_event_moves_every_session_once(
    coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    event, first, second = two_session_training()
    people = [person_with_login(None) for _ in range(3)]
    for person in people:
        RegistrationFactory(event=event, person=person)
    RegistrationFactory(event=event, status=RegistrationStatus.CANCELLED)
    with django_capture_on_commit_callbacks(execute=True):
        change = postpone(coordinator, event)
    first.refresh_from_db()
    second.refresh_from_db()
    event.refresh_from_db()
    assert (first.starts_at, second.ends_at) == (at(2030, 6, 25, 9), at(2030, 7, 24, 16))
    assert (first.planned_starts_at, second.planned_starts_at) == (at(2030, 3, 26, 9), at(2030, 4, 23, 9))
    # One entry in the history, one audit entry, one raise of the calendar sequence.
    assert EventChange.objects.get() == change
    assert change.change_type == ChangeType.RESCHEDULE
    assert change.session is None
    assert [row["name"] for row in change.after["sessions"]] == ["Zjazd 1", "Zjazd 2"]
    assert AuditLogEntry.objects.filter(action="event.reschedule").count() == 1
    assert event.ical_sequence == 1
    # One e-mail per active participant, with one invitation covering both sessions.
    assert sorted(m.to[0] for m in mailoutbox) == sorted(p.email for p in people)
    calendar = Calendar.from_ical(mailoutbox[0].attachments[0][1])
    vevents = calendar.walk("VEVENT")
    assert len(vevents) == 2
    assert {int(v["SEQUENCE"]) for v in vevents} == {1}
    assert sorted(v["DTSTART"].dt for v in vevents) == [at(2030, 6, 25, 9), at(2030, 7, 23, 9)]
    assert "Zjazd 1" in mailoutbox[0].body
    assert "Zjazd 2" in mailoutbox[0].body


def test_chosen_sessions_only(coordinator):
    event, first, second = two_session_training()
    change = postpone(coordinator, event, sessions=[second])
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.starts_at == at(2030, 3, 26, 9)
    assert not first.was_changed
    assert second.starts_at == at(2030, 7, 23, 9)
    assert change.session == second  # one session: the entry belongs to it


def test_new_dates_per_session_and_a_second_move_keeps_the_first_plan(coordinator):
    event, first, second = two_session_training()
    event_reschedule(
        actor=coordinator,
        event=event,
        new_dates={
            first.pk: (at(2030, 6, 24, 9), at(2030, 6, 25, 16)),
            second.pk: (at(2030, 9, 1, 9), at(2030, 9, 1, 16)),
        },
        reason_category="trainer_unavailable",
    )
    postpone(coordinator, event, shift=datetime.timedelta(days=-1))
    first.refresh_from_db()
    assert first.starts_at == at(2030, 6, 23, 9)
    assert first.planned_starts_at == at(2030, 3, 26, 9)  # what was planned before the first change
    assert EventChange.objects.count() == 2


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"shift": datetime.timedelta(0)}, "shift_days"),
        ({"shift": datetime.timedelta(days=5000)}, "shift_days"),
        ({"reason_category": "boredom"}, "reason_category"),
        ({"sessions": []}, "sessions"),
        ({"shift": None}, "how"),
    ],
)
def test_bad_input_changes_nothing(coordinator, kwargs, field):
    event, first, _second = two_session_training()
    with pytest.raises(ValidationError) as error:
        postpone(coordinator, event, **kwargs)
    assert field in error.value.message_dict
    first.refresh_from_db()
    assert first.starts_at == at(2030, 3, 26, 9)
    assert not EventChange.objects.exists()


def test_new_dates_must_end_after_they_start_and_belong_to_the_event(coordinator):
    event, first, _second = two_session_training()
    other = SessionFactory()
    with pytest.raises(ValidationError) as error:
        event_reschedule(
            actor=coordinator,
            event=event,
            new_dates={first.pk: (at(2030, 6, 24, 9), at(2030, 6, 24, 8))},
            reason_category="other",
        )
    assert f"ends_{first.pk}" in error.value.message_dict
    with pytest.raises(ValidationError):
        event_reschedule(
            actor=coordinator,
            event=event,
            new_dates={other.pk: (at(2030, 6, 24, 9), at(2030, 6, 24, 16))},
            reason_category="other",
        )


def test_only_coordinators_and_not_for_held_events(coordinator):
    event, _first, _second = two_session_training()
    with pytest.raises(PermissionDenied):
        postpone(user_with_role(Role.EXPERT), event)
    event.status = EventStatus.HELD
    event.save()
    with pytest.raises(ValidationError):
        postpone(coordinator, event)


def test_double_booking_at_the_new_time_needs_the_override(coordinator):
    event, first, _second = two_session_training()
    SessionFactory(venue=first.venue, starts_at=at(2030, 6, 26, 9), ends_at=at(2030, 6, 26, 16))
    with pytest.raises(ValidationError) as error:
        postpone(coordinator, event)
    assert "override_double_booking" in error.value.message_dict
    postpone(coordinator, event, override_double_booking=True)
    first.refresh_from_db()
    assert first.starts_at == at(2030, 6, 25, 9)


def test_sessions_moved_together_do_not_conflict_with_themselves(coordinator):
    """Moving session 1 into the old slot of session 2 while session 2 moves too is not a double booking."""
    event, first, second = two_session_training()
    shift = second.starts_at - first.starts_at
    postpone(coordinator, event, shift=shift)
    assert Session.objects.get(pk=first.pk).starts_at == at(2030, 4, 23, 9)


def test_the_page_per_role_and_a_postponement(
    client, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    event, first, second = two_session_training()
    RegistrationFactory(event=event, person=person_with_login(None))
    url = reverse("events:reschedule", args=[event.pk])
    client.force_login(user_with_role(Role.EXPERT))
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    page = client.get(url).text
    assert 'value="2030-03-26T09:00"' in page
    assert "Nowe terminy wydarzenia" in page
    data = {
        "sessions": [first.pk, second.pk],
        "how": "shift",
        "shift_days": "91",
        "reason_category": "epidemic",
        "reason": "COVID-19",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    first.refresh_from_db()
    assert first.starts_at == at(2030, 6, 25, 9)
    detail = client.get(reverse("events:detail", args=[event.pk])).text
    assert "Zjazd 1, Zjazd 2" in detail  # the one history entry names both sessions


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"shift_days": ""}, "shift_days"),
        ({"shift_days": "0"}, "shift_days"),
        ({"shift_days": "99999999999999999999"}, "shift_days"),
        ({"sessions": ["abc"]}, "sessions"),
        ({"sessions": []}, "sessions"),
        ({"how": "dates"}, "starts_"),
        ({"how": "teleport"}, "how"),
        ({"reason_category": "boredom"}, "reason_category"),
    ],
)
def test_the_page_refuses_bad_input(client, coordinator, overrides, field):
    event, first, second = two_session_training()
    client.force_login(coordinator)
    data = {
        "sessions": [first.pk, second.pk],
        "how": "shift",
        "shift_days": "7",
        "reason_category": "epidemic",
        **overrides,
    }
    if field == "starts_":
        data[f"starts_{first.pk}"] = ""
        data[f"ends_{first.pk}"] = ""
        field = f"starts_{first.pk}"
    response = client.post(reverse("events:reschedule", args=[event.pk]), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    first.refresh_from_db()
    assert first.starts_at == at(2030, 3, 26, 9)


def test_new_dates_through_the_page(client, coordinator):
    event, first, second = two_session_training()
    client.force_login(coordinator)
    data = {
        "sessions": [second.pk],
        "how": "dates",
        f"starts_{second.pk}": "2030-10-13T09:00",
        f"ends_{second.pk}": "2030-10-15T16:00",
        "reason_category": "venue_unavailable",
    }
    response = client.post(reverse("events:reschedule", args=[event.pk]), data)
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.starts_at == at(2030, 10, 13, 9)
    assert second.format == Format.ON_SITE


def test_moving_the_deadlines_with_the_event(coordinator):
    event, first, _second = two_session_training()
    event.registration_opens_at = at(2030, 1, 10, 9)
    event.registration_closes_at = at(2030, 3, 20, 16)
    event.cancellation_deadline = at(2030, 3, 23, 16)
    event.save()
    change = postpone(coordinator, event, move_deadlines=True)
    event.refresh_from_db()
    assert event.registration_closes_at == at(2030, 6, 19, 16)  # the same local time after the clock change
    assert event.cancellation_deadline == at(2030, 6, 22, 16)
    assert event.registration_opens_at == at(2030, 1, 10, 9)
    assert set(change.after["deadlines"]) == {"registration_closes_at", "cancellation_deadline"}
    # Brought forward so far that registration would close before it opens: refused, nothing changed.
    with pytest.raises(ValidationError) as error:
        postpone(coordinator, event, shift=datetime.timedelta(days=-200), move_deadlines=True)
    assert "move_deadlines" in error.value.message_dict
    first.refresh_from_db()
    assert first.starts_at == at(2030, 6, 25, 9)
    assert EventChange.objects.count() == 1


def test_deadlines_stay_unless_asked(coordinator):
    event, _first, _second = two_session_training()
    event.registration_closes_at = at(2030, 3, 20, 16)
    event.save()
    postpone(coordinator, event)
    event.refresh_from_db()
    assert event.registration_closes_at == at(2030, 3, 20, 16)
