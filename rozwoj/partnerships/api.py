"""API of the partnership: partners' reports, read by whoever sees them, written and submitted by their own
organisation (the same access rules as the pages)."""

import datetime

from django.core.exceptions import ValidationError
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from rozwoj.accounts.auth import api_auth
from rozwoj.core.api import Id, Pagination
from rozwoj.core.api_errors import ErrorOut

from . import services
from .models import MAX_TEXT
from .selectors.access import access_report, reports_visible_to
from .selectors.figures import report_figures

router = Router(tags=["partnerships"], auth=api_auth)


class TechniqueUseOut(Schema):
    name: str
    uses: int


class ReportFiguresOut(Schema):
    pilot_groups: list[str]
    sessions: int
    hours: str
    coachees: int
    techniques: list[TechniqueUseOut]


class ReportOut(Schema):
    id: int
    programme_id: int
    period_id: int
    period: str
    organisation_id: int
    organisation: str
    status: str
    due_on: datetime.date
    submitted_at: datetime.datetime | None
    accepted_at: datetime.datetime | None

    @staticmethod
    def resolve_programme_id(obj) -> int:
        return obj.period.programme_id

    @staticmethod
    def resolve_period(obj) -> str:
        return obj.period.title

    @staticmethod
    def resolve_organisation(obj) -> str:
        return obj.organisation.name

    @staticmethod
    def resolve_due_on(obj) -> datetime.date:
        return obj.period.due_on


class ReportDetailOut(ReportOut):
    activities: str
    participants: str
    sessions_held: str
    techniques_used: str
    observations: str
    difficulties: str
    recommendations: str
    figures: ReportFiguresOut

    @staticmethod
    def resolve_figures(obj) -> dict:
        return report_figures(obj)


class ReportPatch(Schema):
    activities: str | None = None
    participants: str | None = None
    sessions_held: str | None = None
    techniques_used: str | None = None
    observations: str | None = None
    difficulties: str | None = None
    recommendations: str | None = None


def _refusal(error: ValidationError):
    errors = (
        [
            {"field": None if field == "__all__" else field, "message": str(message)}
            for field, messages in error.message_dict.items()
            for message in messages
        ]
        if hasattr(error, "error_dict")
        else [{"field": None, "message": str(message)} for message in error.messages]
    )
    return Status(400, {"detail": errors[0]["message"] if errors else "", "errors": errors})


@router.get("/reports", response=list[ReportOut], summary="Partners' reports the caller may read")
@paginate(Pagination)
def list_reports(request):
    return (
        reports_visible_to(request.auth)
        .select_related("period", "organisation")
        .order_by("-period__starts_on", "organisation__name", "id")
    )


@router.get("/reports/{int:report_id}", response=ReportDetailOut, summary="One report with its figures")
def get_report(request, report_id: Id):
    return access_report(request.auth, report_id)


@router.patch(
    "/reports/{int:report_id}",
    response={200: ReportDetailOut, 400: ErrorOut},
    summary="Write sections of a report (its own organisation, while a draft or returned for changes)",
)
def update_report(request, report_id: Id, payload: ReportPatch):
    report = access_report(request.auth, report_id, manage=True)
    values = payload.dict(exclude_unset=True)
    too_long = {
        key: f"At most {MAX_TEXT} characters."
        for key, value in values.items()
        if value and len(value) > MAX_TEXT
    }
    if too_long:
        return _refusal(ValidationError(too_long))
    try:
        services.report_update(
            actor=request.auth, report=report, data={k: v or "" for k, v in values.items()}
        )
    except ValidationError as error:
        return _refusal(error)
    return Status(200, access_report(request.auth, report_id))


@router.post(
    "/reports/{int:report_id}/submit",
    response={200: ReportDetailOut, 400: ErrorOut},
    summary="Submit a report to the coordinator (its own organisation; every section written)",
)
def submit_report(request, report_id: Id):
    report = access_report(request.auth, report_id, manage=True)
    try:
        services.report_submit(actor=request.auth, report=report)
    except ValidationError as error:
        return _refusal(error)
    return Status(200, access_report(request.auth, report_id))
