"""API of the monitoring of an engagement's HDR (stage 5): its entries (read by those who see the engagement,
written by those who monitor it, with the pages' rules)."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Schema, Status
from ninja.pagination import paginate

from rozwoj.core.api import Id, Pagination
from rozwoj.core.api_errors import ErrorOut

from .api import router
from .models import MonitoringStatus
from .selectors import monitoring as selectors
from .selectors.access import access_engagement
from .services import monitoring as services


class MonitoringEntryOut(Schema):
    id: int
    action_id: int
    action: str
    date: datetime.date
    status: MonitoringStatus
    percent_done: int
    indicator_value: str
    comment: str
    has_evidence: bool
    created_at: datetime.datetime

    @staticmethod
    def resolve_action(obj) -> str:
        return obj.action.title

    @staticmethod
    def resolve_has_evidence(obj) -> bool:
        return bool(obj.evidence)


class MonitoringEntryIn(Schema):
    action_id: int = Field(..., ge=1, le=2_000_000_000, description="An action of the engagement's HDR.")
    date: datetime.date
    status: MonitoringStatus
    percent_done: int = Field(..., ge=0, le=100)
    indicator_value: str = Field("", max_length=100)
    comment: str = Field("", max_length=5000)


@router.get("/engagements/{int:engagement_id}/monitoring", response=list[MonitoringEntryOut])
@paginate(Pagination)
def list_monitoring_entries(request, engagement_id: Id):
    """The monitoring entries of the engagement's HDR, newest first."""
    return selectors.engagement_entries(access_engagement(request.user, engagement_id))


@router.post(
    "/engagements/{int:engagement_id}/monitoring",
    response={201: MonitoringEntryOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def create_monitoring_entry(request, engagement_id: Id, payload: MonitoringEntryIn):
    """Record a monitoring entry of an action (evidence files are added on the action's page)."""
    engagement = access_engagement(request.user, engagement_id)
    action = selectors.access_monitored_action(request.user, payload.action_id, manage=True)
    if action.hdr.engagement_id != engagement.pk:
        raise ValidationError({"action_id": [_("Choose an action of this engagement's HDR.")]})
    data = payload.dict()
    data.pop("action_id")
    return Status(201, services.entry_add(actor=request.user, action=action, data=data))
