"""Attendance API: coordinators and the event's trainers read and mark attendance per session."""

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import Http404
from ninja import Router, Schema
from ninja.pagination import paginate

from rozwoj.accounts.auth import api_auth
from rozwoj.core.api import Id, Pagination

from ..models import Attendance, AttendanceMode, AttendanceStatus, Registration, RegistrationStatus, Session
from ..selectors import can_manage_event, events_visible_to
from ..services import attendance as attendance_services

router = Router(tags=["events"])


class AttendanceOut(Schema):
    registration_id: int
    person_id: int
    name: str
    mode: AttendanceMode
    status: AttendanceStatus | None

    @staticmethod
    def resolve_registration_id(obj) -> int:
        return obj.pk

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.person.full_name

    @staticmethod
    def resolve_status(obj):
        return obj.attendance_status


class AttendanceIn(Schema):
    status: AttendanceStatus


def _managed_session(request, session_id: int) -> Session:
    session = Session.objects.select_related("event").filter(pk=session_id).first()
    if session is None or not events_visible_to(request.user).filter(pk=session.event_id).exists():
        raise Http404
    if not can_manage_event(request.user, session.event):
        raise PermissionDenied
    return session


@router.get("/sessions/{int:session_id}/attendance", response=list[AttendanceOut], auth=api_auth)
@paginate(Pagination, page_size=100)
def list_attendance(request, session_id: Id):
    """Confirmed participants of the session's event with their attendance at this session
    (`status` is null while not marked). Coordinators and the event's trainers only."""
    session = _managed_session(request, session_id)
    marks = Attendance.objects.filter(session=session, registration=OuterRef("pk")).values("status")[:1]
    return (
        Registration.objects.filter(event_id=session.event_id, status=RegistrationStatus.CONFIRMED)
        .select_related("person")
        .annotate(attendance_status=Subquery(marks))
        .order_by("person__sort_key", "pk")
    )


@router.put(
    "/sessions/{int:session_id}/attendance/{int:registration_id}", response=AttendanceOut, auth=api_auth
)
def mark_attendance(request, session_id: Id, registration_id: Id, payload: AttendanceIn):
    """Mark one confirmed participant's attendance at the session: present_on_site, present_online,
    absent or excused."""
    session = _managed_session(request, session_id)
    registration = (
        Registration.objects.select_related("person")
        .filter(pk=registration_id, event_id=session.event_id)
        .first()
    )
    if registration is None:
        raise Http404
    attendance = attendance_services.attendance_mark(
        actor=request.user, session=session, registration=registration, status=payload.status
    )
    registration.attendance_status = attendance.status
    return registration
