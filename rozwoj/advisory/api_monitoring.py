"""API of the monitoring of an engagement's HDR (stage 5): its entries (read by those who see the engagement,
written, corrected and deleted by those who monitor it), and of its evaluation (stage 6), with the pages'
rules."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Schema, Status
from ninja.pagination import paginate

from rozwoj.core.api import Id, Pagination
from rozwoj.core.api_errors import ErrorOut

from .api import router
from .models import MonitoringStatus
from .selectors import evaluation as evaluation_selectors
from .selectors import monitoring as selectors
from .selectors.access import access_engagement
from .services import evaluation as evaluation_services
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


class MonitoringEntryPatch(Schema):
    date: datetime.date | None = None
    status: MonitoringStatus | None = None
    percent_done: int | None = Field(None, ge=0, le=100)
    indicator_value: str | None = Field(None, max_length=100)
    comment: str | None = Field(None, max_length=5000)


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


@router.patch(
    "/monitoring-entries/{int:entry_id}",
    response={200: MonitoringEntryOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def update_monitoring_entry(request, entry_id: Id, payload: MonitoringEntryPatch):
    """Correct an entry (the fields sent; the others are kept); its action's latest entry is decided again.
    Its evidence file is kept (replaced or removed on the action's page)."""
    entry = selectors.access_monitoring_entry(request.user, entry_id, manage=True)
    data = {field: getattr(entry, field) for field in MonitoringEntryPatch.model_fields}
    data.update(payload.dict(exclude_none=True))
    return services.entry_update(actor=request.user, entry=entry, data=data)


@router.delete(
    "/monitoring-entries/{int:entry_id}", response={204: None, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut}
)
def delete_monitoring_entry(request, entry_id: Id):
    """Delete an entry (and its evidence file); its action's latest entry becomes the latest of those left."""
    services.entry_delete(
        actor=request.user, entry=selectors.access_monitoring_entry(request.user, entry_id, manage=True)
    )
    return Status(204, None)


# --- the evaluation (stage 6) -------------------------------------------------------------------------


class IndicatorResultOut(Schema):
    action_id: int
    action: str
    indicator: str
    baseline: str
    target: str
    achieved_value: str


class EvaluationOut(Schema):
    engagement_id: int
    local_government_assessment: str
    local_government_rating: int | None
    experts_assessment: str
    experts_rating: int | None
    lessons_learned: str
    indicators: list[IndicatorResultOut]
    evaluation_wave_id: int | None
    closed_at: datetime.datetime | None
    missing: list[str]


class IndicatorResultIn(Schema):
    action_id: int = Field(..., ge=1, le=2_000_000_000)
    achieved_value: str = Field(..., max_length=100)


class EvaluationIn(Schema):
    local_government_assessment: str | None = Field(None, max_length=5000)
    local_government_rating: int | None = Field(None, ge=1, le=5)
    experts_assessment: str | None = Field(None, max_length=5000)
    experts_rating: int | None = Field(None, ge=1, le=5)
    lessons_learned: str | None = Field(None, max_length=10000)
    indicators: list[IndicatorResultIn] = Field(default_factory=list, max_length=500)
    close: bool = Field(False, description="Close the evaluation, stage 6 and the engagement after saving.")


def _evaluation_out(engagement) -> dict:
    evaluation = evaluation_selectors.evaluation_of(engagement)
    fields = evaluation_selectors.LOCAL_GOVERNMENT_FIELDS + evaluation_selectors.EXPERT_FIELDS
    return {
        "engagement_id": engagement.pk,
        **{
            field: getattr(evaluation, field) if evaluation else (None if "rating" in field else "")
            for field in fields
        },
        "indicators": [
            {
                "action_id": action.pk,
                "action": action.title,
                "indicator": action.indicator,
                "baseline": action.baseline,
                "target": action.target,
                "achieved_value": action.result.achieved_value if action.result else "",
            }
            for action in evaluation_selectors.indicator_actions(engagement)
        ],
        "evaluation_wave_id": evaluation.wave_id if evaluation else None,
        "closed_at": evaluation.closed_at if evaluation else None,
        "missing": []
        if evaluation and evaluation.is_closed
        else evaluation_services.evaluation_problems(engagement, evaluation),
    }


@router.get("/engagements/{int:engagement_id}/evaluation", response=EvaluationOut)
def get_evaluation(request, engagement_id: Id):
    """The engagement's evaluation, with what is still missing before it can be closed."""
    return _evaluation_out(access_engagement(request.user, engagement_id))


@router.patch(
    "/engagements/{int:engagement_id}/evaluation",
    response={200: EvaluationOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def update_evaluation(request, engagement_id: Id, payload: EvaluationIn):
    """Write the evaluation (the local government's team: its own assessment only); `close` closes it, refused
    with what is missing."""
    engagement = access_engagement(request.user, engagement_id)
    data = {
        key: value
        for key, value in payload.dict(exclude={"indicators", "close"}).items()
        if value is not None
    }
    results = {row.action_id: {"achieved_value": row.achieved_value} for row in payload.indicators}
    if data or results:
        evaluation_services.evaluation_save(
            actor=request.user, engagement=engagement, data=data, results=results or None
        )
    if payload.close:
        evaluation_services.evaluation_close(actor=request.user, engagement=engagement)
    elif not (data or results) and not evaluation_selectors.writable_fields(request.user, engagement):
        raise PermissionDenied
    return _evaluation_out(access_engagement(request.user, engagement_id))
