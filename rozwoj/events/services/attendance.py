"""Attendance per session and confirmed registration; hours attended and the completion rule."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from rozwoj.accounts.models import User
from rozwoj.core.audit import log_action

from ..models import (
    Attendance,
    AttendanceMode,
    AttendanceStatus,
    Event,
    Format,
    Registration,
    RegistrationStatus,
    Session,
)
from ..selectors import can_manage_event


def _check_manager(actor: User, event: Event) -> None:
    if actor is None or not can_manage_event(actor, event):
        raise PermissionDenied(_("Only coordinators and trainers of this event may mark attendance."))


def _check_status(status: str) -> None:
    if status not in AttendanceStatus.values:
        raise ValidationError(
            {"status": _("Choose one of: present on site, present online, absent, excused.")}
        )


def _check_registration(session: Session, registration: Registration) -> None:
    if registration.event_id != session.event_id:
        raise ValidationError({"registration": _("This registration is for another event.")})
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ValidationError(
            {"registration": _("Attendance can be marked only for confirmed registrations.")}
        )


def present_status_for(session: Session, registration: Registration) -> str:
    """'Present' in the way that fits the session: online sessions online, on-site ones on site,
    hybrid ones per the participant's chosen mode."""
    if session.format == Format.ONLINE:
        return AttendanceStatus.PRESENT_ONLINE
    if session.format == Format.HYBRID and registration.mode == AttendanceMode.ONLINE:
        return AttendanceStatus.PRESENT_ONLINE
    return AttendanceStatus.PRESENT_ON_SITE


def _save_mark(*, actor: User, session: Session, registration: Registration, status: str) -> Attendance:
    attendance = Attendance.objects.filter(session=session, registration=registration).first()
    if attendance is None:
        try:
            with transaction.atomic():
                attendance = Attendance.objects.create(
                    session=session, registration=registration, status=status, marked_by=actor
                )
        except IntegrityError:  # marked by somebody else a moment ago: update theirs
            attendance = Attendance.objects.get(session=session, registration=registration)
        else:
            log_action(
                actor, attendance, "attendance.mark", {"status": [None, status], "session": str(session)}
            )
            return attendance
    old = attendance.status
    if old != status:
        attendance.status = status
        attendance.marked_by = actor
        attendance.save(update_fields=["status", "marked_by", "marked_at"])
        log_action(actor, attendance, "attendance.mark", {"status": [old, status], "session": str(session)})
    return attendance


def attendance_mark(*, actor: User, session: Session, registration: Registration, status: str) -> Attendance:
    """Record one participant's attendance at one session (changing an earlier mark is allowed)."""
    _check_manager(actor, session.event)
    _check_status(status)
    _check_registration(session, registration)
    with transaction.atomic():
        return _save_mark(actor=actor, session=session, registration=registration, status=status)


def attendance_mark_many(*, actor: User, session: Session, marks: dict[int, str]) -> int:
    """Save a whole page of marks {registration_id: status}; all are checked before anything is saved.
    Returns how many marks were saved."""
    _check_manager(actor, session.event)
    for status in marks.values():
        _check_status(status)
    registrations = {
        r.pk: r for r in Registration.objects.filter(pk__in=list(marks)).select_related("person")
    }
    for registration_id in marks:
        registration = registrations.get(registration_id)
        if registration is None:
            raise ValidationError({"registration": _("This registration is for another event.")})
        _check_registration(session, registration)
    with transaction.atomic():
        for registration_id, status in marks.items():
            _save_mark(
                actor=actor, session=session, registration=registrations[registration_id], status=status
            )
    return len(marks)


def attendance_mark_all_present(*, actor: User, session: Session) -> int:
    """Mark every confirmed participant who has no mark yet for this session as present
    (on site or online as fits the session). Marks already given are kept. Returns how many were marked."""
    _check_manager(actor, session.event)
    with transaction.atomic():
        unmarked = (
            Registration.objects.filter(event_id=session.event_id, status=RegistrationStatus.CONFIRMED)
            .exclude(attendance__session=session)
            .only("pk", "mode")
        )
        rows = [
            Attendance(
                session=session,
                registration=registration,
                status=present_status_for(session, registration),
                marked_by=actor,
            )
            for registration in unmarked
        ]
        Attendance.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
        log_action(
            actor, session.event, "attendance.mark_all_present", {"session": str(session), "count": len(rows)}
        )
    return len(rows)
