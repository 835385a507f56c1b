"""API of the advisory cycle: calls (published ones for everyone), applications (coordinators),
engagements and their support log (coordinators; experts their teams'; local-government members their own).
Writes (calls, review decisions, stage updates, support-log entries) go through the pages' forms and services,
so the rules and the messages are the same."""

import datetime
from decimal import Decimal
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from rozwoj.accounts.auth import api_auth, public_api_auth
from rozwoj.accounts.permissions import require_coordinator
from rozwoj.core.api import Id, Pagination
from rozwoj.core.api_errors import ErrorOut

from .forms import CallForm, DecisionForm, LogEntryForm, StageForm
from .models import ApplicationStatus, EngagementStatus, StageStatus
from .selectors import pages
from .selectors.access import access_application, access_call, access_engagement, access_stage
from .services import calls as services_calls
from .services import engagements as services_engagements
from .services import support_log

router = Router(tags=["advisory"])


class ApplicationStatusIn(StrEnum):
    ACCEPTED = "accepted"
    WAITING = "waiting"
    REJECTED = "rejected"


class CallOut(Schema):
    id: int
    title: str
    programme_id: int
    opens_on: datetime.date
    closes_on: datetime.date
    cycle_starts_on: datetime.date
    cycle_ends_on: datetime.date
    places: int
    eligible_kinds: list[str]
    is_published: bool


class UnitRef(Schema):
    id: int
    terc: str
    name: str
    kind: str


class ApplicationOut(Schema):
    id: int
    local_government: UnitRef
    status: ApplicationStatus
    preferred_area: str
    member_count: int
    created_at: datetime.datetime

    @staticmethod
    def resolve_preferred_area(obj) -> str:
        return obj.preferred_area.name


class StageOut(Schema):
    kind: int
    status: StageStatus
    starts_on: datetime.date | None
    ends_on: datetime.date | None


class EngagementOut(Schema):
    id: int
    call_id: int
    local_government: UnitRef
    status: EngagementStatus
    support_area: str | None
    ros_expert_id: int | None
    pro_expert_id: int | None
    hours: Decimal

    @staticmethod
    def resolve_support_area(obj) -> str | None:
        return obj.support_area.name if obj.support_area_id else None

    @staticmethod
    def resolve_hours(obj) -> Decimal:
        return obj.hours or Decimal(0)


class FollowUpOut(Schema):
    text: str
    owner: str
    due_on: datetime.date
    done: bool

    @staticmethod
    def resolve_owner(obj) -> str:
        return str(obj.owner)

    @staticmethod
    def resolve_done(obj) -> bool:
        return obj.done_at is not None


class LogEntryOut(Schema):
    id: int
    date: datetime.date
    form: str
    hours: Decimal
    event_id: int | None
    notes: str
    experts: list[int]
    attendees: list[int]
    follow_ups: list[FollowUpOut]

    @staticmethod
    def resolve_form(obj) -> str:
        return obj.form.name

    @staticmethod
    def resolve_experts(obj) -> list[int]:
        return [expert.pk for expert in obj.experts.all()]

    @staticmethod
    def resolve_attendees(obj) -> list[int]:
        return [member.person_id for member in obj.attendees.all()]

    @staticmethod
    def resolve_follow_ups(obj):
        return list(obj.follow_ups.all())


@router.get("/calls", response=list[CallOut], auth=public_api_auth)
@paginate(Pagination)
def list_calls(request):
    """Calls the caller may see: published ones; coordinators every call."""
    return pages.calls_for(request.user)


@router.get("/calls/{int:call_id}", response=CallOut, auth=public_api_auth)
def get_call(request, call_id: Id):
    return access_call(request.user, call_id)


@router.get("/calls/{int:call_id}/applications", response=list[ApplicationOut], auth=api_auth)
@paginate(Pagination)
def list_applications(request, call_id: Id):
    """The applications to a call, for coordinators (to everyone else the list does not exist)."""
    call = access_call(request.user, call_id)
    if not request.user.is_coordinator:
        raise Http404
    return pages.call_applications(call)


@router.get("/engagements", response=list[EngagementOut], auth=api_auth)
@paginate(Pagination)
def list_engagements(request):
    """Engagements the caller may see: coordinators all; experts their teams'; local-government members their own."""
    return pages.engagement_list(request.user)


@router.get("/engagements/{int:engagement_id}/stages", response=list[StageOut], auth=api_auth)
def list_stages(request, engagement_id: Id):
    return pages.engagement_stages(access_engagement(request.user, engagement_id))


@router.get("/engagements/{int:engagement_id}/log", response=list[LogEntryOut], auth=api_auth)
@paginate(Pagination)
def list_log(request, engagement_id: Id):
    """The support log of an engagement, newest first, with experts, people present and follow-ups."""
    return pages.engagement_log(access_engagement(request.user, engagement_id))


# --- writes: the same forms validate the input as on the pages, the same services apply the rules ----------


class CallIn(Schema):
    programme: Id
    title: str
    description: str = ""
    opens_on: datetime.date
    closes_on: datetime.date
    cycle_starts_on: datetime.date
    cycle_ends_on: datetime.date
    places: int = Field(ge=0, le=100000)
    eligible_kinds: list[str] = Field([], max_length=10)
    eligible_voivodeships: list[Id] = Field(
        [], max_length=16, description="Ids of voivodeships (local governments)."
    )
    is_published: bool = False


class DecisionIn(Schema):
    status: ApplicationStatusIn
    reason: str = ""


class DecisionOut(Schema):
    id: int
    status: ApplicationStatus
    decision_reason: str
    engagement_id: int | None

    @staticmethod
    def resolve_engagement_id(obj) -> int | None:
        engagement = getattr(obj, "engagement", None)
        return engagement.pk if engagement is not None else None


class StagePatch(Schema):
    status: StageStatus | None = None
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None


class FollowUpIn(Schema):
    text: str
    owner: Id = Field(description="Id of a person of the local government's team or of an adviser.")
    due_on: datetime.date


class LogEntryIn(Schema):
    form: Id = Field(description="Id of a form of support.")
    date: datetime.date
    hours: Decimal = Field(ge=0, le=1000, max_digits=7, decimal_places=2)
    event: Id | None = None
    experts: list[Id] = Field([], max_length=2)
    attendees: list[Id] = Field([], max_length=10, description="Ids of team members (engagement members).")
    notes: str = ""
    follow_ups: list[FollowUpIn] = Field([], max_length=3)


def _form_data(payload: Schema) -> dict:
    """The payload as a form's data: lists stay lists, None is left out, the rest as text."""
    data: dict = {}
    for key, value in payload.dict().items():
        if value is None:
            continue
        if isinstance(value, bool):
            data[key] = "on" if value else ""
        elif isinstance(value, list):
            data[key] = [str(item) for item in value]
        else:
            data[key] = str(value)
    return data


def _valid(form) -> None:
    if not form.is_valid():
        raise ValidationError({field: list(messages) for field, messages in form.errors.items()})


def _call_data(payload: CallIn):
    from django.utils.datastructures import MultiValueDict

    data = _form_data(payload)
    form = CallForm(
        MultiValueDict({k: v if isinstance(v, list) else [v] for k, v in data.items() if v != ""})
    )
    _valid(form)
    cleaned = {field: value for field, value in form.cleaned_data.items() if field != "eligible_voivodeships"}
    return cleaned, list(form.cleaned_data["eligible_voivodeships"])


@router.post("/calls", response={201: CallOut, 400: ErrorOut, 403: ErrorOut}, auth=api_auth)
def create_call(request, payload: CallIn):
    """A new call (coordinators), checked as on the call form."""
    require_coordinator(request.user)
    data, voivodeships = _call_data(payload)
    call = services_calls.call_create(actor=request.user, data=data, voivodeships=voivodeships)
    return Status(201, access_call(request.user, call.pk))


@router.put(
    "/calls/{int:call_id}",
    response={200: CallOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=api_auth,
)
def update_call(request, call_id: Id, payload: CallIn):
    """Replace a call's settings (coordinators); places cannot drop below the acceptances."""
    call = access_call(request.user, call_id, manage=True)
    data, voivodeships = _call_data(payload)
    services_calls.call_update(actor=request.user, call=call, data=data, voivodeships=voivodeships)
    return access_call(request.user, call_id)


@router.post(
    "/applications/{int:application_id}/decision",
    response={200: DecisionOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=api_auth,
)
def decide_application(request, application_id: Id, payload: DecisionIn):
    """Accept, put on the waiting list or reject (with a reason) an application (coordinators); never more
    acceptances than places; the contact person is e-mailed."""
    application = access_application(request.user, application_id, manage=True)
    form = DecisionForm(_form_data(payload))
    _valid(form)
    application = services_calls.application_decide(
        actor=request.user,
        application=application,
        status=form.cleaned_data["status"],
        reason=form.cleaned_data["reason"],
    )
    return access_application(request.user, application.pk, manage=True)


@router.patch(
    "/stages/{int:stage_id}",
    response={200: StageOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=api_auth,
)
def update_stage(request, stage_id: Id, payload: StagePatch):
    """Dates and status of an engagement's stage (coordinators and its advisers); it closes only when its
    output exists (the gate)."""
    stage = access_stage(request.user, stage_id, manage=True)
    data = {"status": stage.status, "starts_on": stage.starts_on, "ends_on": stage.ends_on}
    data.update({key: value for key, value in payload.dict(exclude_unset=True).items()})
    form = StageForm({key: str(value) for key, value in data.items() if value is not None})
    _valid(form)
    services_engagements.stage_update(actor=request.user, stage=stage, data=form.cleaned_data)
    stage = access_stage(request.user, stage_id)
    return next(s for s in pages.engagement_stages(stage.engagement) if s.pk == stage.pk)


@router.post(
    "/engagements/{int:engagement_id}/log",
    response={201: LogEntryOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=api_auth,
)
def create_log_entry(request, engagement_id: Id, payload: LogEntryIn):
    """Log support given to an engagement (coordinators and its advisers), with follow-ups, as on the page."""
    engagement = access_engagement(request.user, engagement_id, manage=True)
    data = _form_data(payload)
    rows = data.pop("follow_ups", [])
    from django.utils.datastructures import MultiValueDict

    form = LogEntryForm(
        MultiValueDict({k: v if isinstance(v, list) else [v] for k, v in data.items()}),
        engagement=engagement,
        events=pages.events_for_log(engagement),
    )
    _valid(form)
    owners = {person.pk: person for person in pages.follow_up_owners(engagement)}
    follow_ups = []
    for index, row in enumerate(payload.follow_ups):
        owner = owners.get(row.owner)
        if owner is None:
            raise ValidationError({f"follow_ups-{index}-owner": [_("Choose a person of this engagement.")]})
        if not row.text.strip() or len(row.text) > 500:
            raise ValidationError(
                {f"follow_ups-{index}-text": [_("Write what was agreed (at most 500 characters).")]}
            )
        follow_ups.append({"text": row.text.strip(), "owner": owner, "due_on": row.due_on})
    del rows
    entry = support_log.entry_save(
        actor=request.user,
        engagement=engagement,
        data={f: form.cleaned_data[f] for f in ("form", "date", "hours", "event", "notes")},
        experts=form.cleaned_data["experts"],
        attendees=form.cleaned_data["attendees"],
        follow_ups=follow_ups,
    )
    return Status(201, pages.engagement_log(engagement).get(pk=entry.pk))


# the HDR, monitoring and evaluation operations join this router
from . import api_catalogues, api_debates, api_hdr, api_monitoring  # noqa: E402, F401
