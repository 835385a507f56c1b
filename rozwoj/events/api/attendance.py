"""Attendance API: coordinators and the event's trainers read and mark attendance per session."""

from ninja import Router, Schema
from ninja.pagination import paginate

from rozwoj.accounts.auth import api_auth
from rozwoj.core.api import Id, Pagination

from ..models import AttendanceMode, AttendanceStatus, Session
from ..selectors import access_participant, access_session
from ..selectors.registrations import attendance_of_session
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
    return access_session(request.user, session_id, manage=True, related=())


@router.get("/sessions/{int:session_id}/attendance", response=list[AttendanceOut], auth=api_auth)
@paginate(Pagination, page_size=100)
def list_attendance(request, session_id: Id):
    """Confirmed participants of the session's event with their attendance at this session
    (`status` is null while not marked). Coordinators and the event's trainers only."""
    session = _managed_session(request, session_id)
    return attendance_of_session(session)


@router.put(
    "/sessions/{int:session_id}/attendance/{int:registration_id}", response=AttendanceOut, auth=api_auth
)
def mark_attendance(request, session_id: Id, registration_id: Id, payload: AttendanceIn):
    """Mark one confirmed participant's attendance at the session: present_on_site, present_online,
    absent or excused."""
    session = _managed_session(request, session_id)
    registration = access_participant(session.event_id, registration_id)
    attendance = attendance_services.attendance_mark(
        actor=request.user, session=session, registration=registration, status=payload.status
    )
    registration.attendance_status = attendance.status
    return registration
