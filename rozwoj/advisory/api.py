"""Read API of the advisory cycle: calls (published ones for everyone), applications (coordinators),
engagements and their support log (coordinators; experts their teams'; local-government members their own)."""

import datetime
from decimal import Decimal

from django.http import Http404
from ninja import Router, Schema
from ninja.pagination import paginate

from rozwoj.accounts.auth import api_auth, public_api_auth
from rozwoj.core.api import Id, Pagination

from .models import ApplicationStatus, EngagementStatus, StageStatus
from .selectors import pages
from .selectors.access import access_call, access_engagement

router = Router(tags=["advisory"])


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


from . import api_hdr  # noqa: E402, F401 - the HDR operations join this router
