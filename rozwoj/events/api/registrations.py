"""Registration API: the same rules as the pages. Refusals answer 409 (state: already registered,
too late) or 422 (input: mode, eligibility) with {"detail", "errors": [{"field", "message"}]}.
Session-authenticated POSTs need the CSRF token; token-authenticated ones do not."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from rozwoj.accounts.auth import api_auth
from rozwoj.core.api import Id, Pagination
from rozwoj.people.models import Person
from rozwoj.people.selectors import access_person, person_for_user

from ..models import AttendanceMode, RegistrationStatus
from ..selectors import access_event, access_own_registration
from ..selectors import registrations as selectors_registrations
from ..services import registrations as services

router = Router(tags=["events"], auth=api_auth)


class RegistrationOut(Schema):
    id: int
    event_id: int
    person_id: int
    first_name: str = Field(..., alias="person.first_name")
    last_name: str = Field(..., alias="person.last_name")
    mode: AttendanceMode
    online_if_full: bool
    status: RegistrationStatus
    created_at: datetime.datetime
    cancelled_at: datetime.datetime | None


class RegistrationIn(Schema):
    mode: str = Field(..., description="on_site or online", max_length=20)
    online_if_full: bool = Field(False, description="Take part online if no on-site place is left.")
    person_id: Id | None = Field(None, description="Coordinators only: register this person.")


class RegistrationFilter(Schema):
    status: RegistrationStatus | None = None
    mode: AttendanceMode | None = None
    q: str = Field(
        "", max_length=100, description="Search in names, and in e-mail addresses for coordinators."
    )


class ErrorItem(Schema):
    field: str | None
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[ErrorItem] = []


def _errors(error: ValidationError) -> dict:
    if hasattr(error, "error_dict"):
        items = [
            {"field": None if field == "__all__" else field, "message": str(message)}
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    else:
        items = [{"field": None, "message": str(message)} for message in error.messages]
    return {"detail": items[0]["message"] if items else "Invalid input.", "errors": items}


def _refusal(error: ValidationError):
    status = 409 if isinstance(error, services.RegistrationConflict) else 422
    return Status(status, _errors(error))


def _event(request, event_id: int, *, manage: bool = False):
    return access_event(request.auth, event_id, manage=manage)


@router.get(
    "/{int:event_id}/registrations",
    response=list[RegistrationOut],
    summary="Registrations of an event (coordinators and trainers of the event)",
)
@paginate(Pagination, page_size=50)
def list_registrations(request, event_id: Id, filters: RegistrationFilter = Query(...)):  # noqa: B008
    event = _event(request, event_id, manage=True)
    return selectors_registrations.participants(
        event, viewer=request.auth, q=filters.q, status=filters.status or "", mode=filters.mode or ""
    )


def _person(request, person_id: int | None) -> tuple[Person | None, bool]:
    """The person to register and whether a coordinator registers someone."""
    user = request.auth
    own = person_for_user(user)
    if person_id is None or (own is not None and own.pk == person_id):
        return own, False
    if not user.is_coordinator:
        raise PermissionDenied
    return access_person(user, person_id), True


@router.post(
    "/{int:event_id}/registrations",
    response={201: RegistrationOut, 409: ErrorOut, 422: ErrorOut},
    summary="Register yourself, or (coordinators) a person, for an event",
)
def create_registration(request, event_id: Id, payload: RegistrationIn):
    event = _event(request, event_id)
    person, by_coordinator = _person(request, payload.person_id)
    if person is None:
        message = services.eligibility(request.auth, event)
        return Status(422, {"detail": message, "errors": [{"field": "person_id", "message": message}]})
    try:
        registration = services.registration_create(
            actor=request.auth,
            event=event,
            person=person,
            mode=payload.mode,
            online_if_full=payload.online_if_full,
            by_coordinator=by_coordinator,
        )
    except ValidationError as error:
        return _refusal(error)
    return Status(201, registration)


@router.post(
    "/registrations/{int:registration_id}/cancel",
    response={200: RegistrationOut, 409: ErrorOut},
    summary="Cancel a registration (your own until the deadline; coordinators any)",
)
def cancel_registration(request, registration_id: Id):
    user = request.auth
    registration = access_own_registration(user, registration_id, managers_forbidden=True)
    try:
        registration = services.registration_cancel(actor=user, registration=registration)
    except ValidationError as error:
        return _refusal(error)
    return Status(200, registration)
