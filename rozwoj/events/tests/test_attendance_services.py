from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.core.audit import history_for
from rozwoj.events.models import Attendance, AttendanceMode, AttendanceStatus, Format, RegistrationStatus
from rozwoj.events.selectors import attendance as attendance_selectors
from rozwoj.events.services import attendance as services

from .factories import (
    RegistrationFactory,
    coordinator,
    participant,
    programme_event_with_sessions,
    trainer_of,
)

pytestmark = pytest.mark.django_db

P_SITE = AttendanceStatus.PRESENT_ON_SITE
P_ONLINE = AttendanceStatus.PRESENT_ONLINE


def test_coordinator_marks_attendance_and_it_is_audited():
    event, (first, _second) = programme_event_with_sessions()
    registration = participant(event)
    actor = coordinator()
    attendance = services.attendance_mark(
        actor=actor, session=first, registration=registration, status=P_SITE
    )
    assert attendance.status == P_SITE
    assert attendance.marked_by == actor
    services.attendance_mark(
        actor=actor, session=first, registration=registration, status=AttendanceStatus.ABSENT
    )
    assert Attendance.objects.get().status == AttendanceStatus.ABSENT
    actions = [entry.action for entry in history_for(attendance)]
    assert actions.count("attendance.mark") == 2


def test_trainer_of_the_event_may_mark_others_may_not():
    event, (first, _second) = programme_event_with_sessions()
    registration = participant(event)
    services.attendance_mark(actor=trainer_of(event), session=first, registration=registration, status=P_SITE)
    for outsider in (
        user_with_role(Role.EXPERT),
        user_with_role(Role.PARTNER_MEMBER),
        registration.person.user,
    ):
        with pytest.raises(PermissionDenied):
            services.attendance_mark(
                actor=outsider, session=first, registration=registration, status=P_ONLINE
            )
    assert Attendance.objects.get().status == P_SITE


@pytest.mark.parametrize(
    "status", [RegistrationStatus.WAITING, RegistrationStatus.PENDING, RegistrationStatus.CANCELLED]
)
def test_only_confirmed_registrations_can_be_marked(status):
    event, (first, _second) = programme_event_with_sessions()
    registration = RegistrationFactory(event=event, status=status)
    with pytest.raises(ValidationError) as error:
        services.attendance_mark(actor=coordinator(), session=first, registration=registration, status=P_SITE)
    assert "registration" in error.value.message_dict
    assert not Attendance.objects.exists()


def test_registration_of_another_event_and_unknown_status_are_refused():
    event, (first, _second) = programme_event_with_sessions()
    other_event, _sessions = programme_event_with_sessions()
    stranger = participant(other_event)
    actor = coordinator()
    with pytest.raises(ValidationError) as error:
        services.attendance_mark(actor=actor, session=first, registration=stranger, status=P_SITE)
    assert "registration" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.attendance_mark(actor=actor, session=first, registration=participant(event), status="late")
    assert "status" in error.value.message_dict
    assert not Attendance.objects.exists()


def test_hours_and_completion_with_the_80_percent_rule():
    # 6 + 4 = 10 hours; 80% needs 8 hours.
    event, (six, four) = programme_event_with_sessions()
    actor = coordinator()
    both = participant(event)
    only_six = participant(event)
    online_both = participant(event, mode=AttendanceMode.ONLINE)
    excused = participant(event)
    for session in (six, four):
        services.attendance_mark(actor=actor, session=session, registration=both, status=P_SITE)
        services.attendance_mark(actor=actor, session=session, registration=online_both, status=P_ONLINE)
    services.attendance_mark(actor=actor, session=six, registration=only_six, status=P_SITE)
    services.attendance_mark(actor=actor, session=four, registration=only_six, status=AttendanceStatus.ABSENT)
    services.attendance_mark(actor=actor, session=six, registration=excused, status=AttendanceStatus.EXCUSED)
    services.attendance_mark(actor=actor, session=four, registration=excused, status=P_SITE)

    assert attendance_selectors.hours_attended(both) == Decimal("10")
    assert attendance_selectors.hours_attended(only_six) == Decimal("6")
    result = attendance_selectors.completion(both)
    assert (result.hours, result.total_hours, result.percent, result.completed) == (10, 10, 100, True)
    assert attendance_selectors.completion(online_both).completed  # present online counts as present
    result = attendance_selectors.completion(only_six)
    assert (result.percent, result.completed) == (Decimal("60.0"), False)
    assert not attendance_selectors.completion(excused).completed  # excused is not attended: 4 of 10 hours


def test_completion_exactly_at_the_threshold_counts():
    event, (eight, two) = programme_event_with_sessions(hours=(Decimal("8"), Decimal("2")))
    registration = participant(event)
    services.attendance_mark(actor=coordinator(), session=eight, registration=registration, status=P_SITE)
    assert attendance_selectors.completion(registration).completed
    event.completion_threshold = 81
    event.save()
    registration.refresh_from_db()
    assert not attendance_selectors.completion(registration).completed


def test_event_without_hours_is_never_completed():
    event, _sessions = programme_event_with_sessions(hours=(Decimal("0"),))
    registration = participant(event)
    result = attendance_selectors.completion(registration)
    assert result.percent == 0
    assert not result.completed


def test_list_annotation_agrees_with_single_completion():
    event, (six, four) = programme_event_with_sessions()
    actor = coordinator()
    registration = participant(event)
    services.attendance_mark(actor=actor, session=six, registration=registration, status=P_SITE)
    services.attendance_mark(
        actor=actor, session=four, registration=registration, status=AttendanceStatus.ABSENT
    )
    annotated = attendance_selectors.with_hours_attended(event.registrations.all()).get(pk=registration.pk)
    assert attendance_selectors.completion_of(
        annotated, attendance_selectors.total_hours(event)
    ) == attendance_selectors.completion(registration)


def test_mark_all_present_keeps_existing_marks_and_follows_the_mode():
    event, (first, _second) = programme_event_with_sessions()
    actor = coordinator()
    on_site = participant(event)
    online = participant(event, mode=AttendanceMode.ONLINE)
    absent = participant(event)
    RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    services.attendance_mark(actor=actor, session=first, registration=absent, status=AttendanceStatus.ABSENT)
    assert services.attendance_mark_all_present(actor=actor, session=first) == 2
    marks = attendance_selectors.attendance_for_session(first, [on_site.pk, online.pk, absent.pk])
    assert marks == {on_site.pk: P_SITE, online.pk: P_ONLINE, absent.pk: AttendanceStatus.ABSENT}
    assert Attendance.objects.count() == 3
    with pytest.raises(PermissionDenied):
        services.attendance_mark_all_present(actor=on_site.person.user, session=first)


def test_mark_all_present_in_an_online_session_marks_online():
    event, (first,) = programme_event_with_sessions(hours=(Decimal("3"),))
    first.format = Format.ONLINE
    first.venue = None
    first.save()
    registration = participant(event)
    services.attendance_mark_all_present(actor=coordinator(), session=first)
    assert Attendance.objects.get(registration=registration).status == P_ONLINE


def test_mark_many_checks_everything_before_saving():
    event, (first, _second) = programme_event_with_sessions()
    good = participant(event)
    waiting = RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    with pytest.raises(ValidationError):
        services.attendance_mark_many(
            actor=coordinator(), session=first, marks={good.pk: P_SITE, waiting.pk: P_SITE}
        )
    with pytest.raises(ValidationError):
        services.attendance_mark_many(actor=coordinator(), session=first, marks={good.pk: "nonsense"})
    assert not Attendance.objects.exists()
    assert services.attendance_mark_many(actor=coordinator(), session=first, marks={good.pk: P_SITE}) == 1
