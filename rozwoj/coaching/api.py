"""API of coaching: pilot groups, agreements and their sessions, techniques; writes of pilot groups (coordinators),
agreements (their coach, coordinators), sessions (their coach) and the coachee's rating of their progress. A
session's private notes are never part of any answer nor of any input (no schema has a field for them: the API
neither reads nor writes them, and a session changed through it keeps its notes)."""

import datetime
from typing import Literal

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from rozwoj.accounts.auth import api_auth, public_api_auth
from rozwoj.accounts.permissions import require_coordinator
from rozwoj.core.api import Id, Pagination
from rozwoj.core.api_errors import ErrorOut

from . import services
from .models import (
    MAX_GROUP_CAPACITY,
    MAX_GROUP_SIZE,
    MAX_SESSION_MINUTES,
    MAX_SESSIONS_PLANNED,
    PROGRESS_MAX,
    PROGRESS_MIN,
    PracticeKind,
    SessionMode,
)
from .selectors import api as choices
from .selectors import pages
from .selectors.access import (
    access_agreement,
    access_pilot_group,
    access_session,
    coach_profile,
    is_agreement_coach,
    pilot_groups_visible_to,
)

router = Router(tags=["coaching"], auth=api_auth)


class CoachingPersonRef(Schema):
    id: int
    name: str


class CoachingPilotGroupOut(Schema):
    id: int
    name: str
    programme_id: int
    partner_id: int
    partner: str
    country: str
    capacity: int
    member_count: int
    schedule: str
    start_date: datetime.date | None
    end_date: datetime.date | None

    @staticmethod
    def resolve_partner(obj) -> str:
        return obj.partner.name

    @staticmethod
    def resolve_country(obj) -> str:
        return str(obj.country)


class CoachingGroupFiguresOut(Schema):
    members: int
    agreements: int
    sessions_planned: int
    sessions_held: int
    hours: float
    average_progress: float | None


class CoachingPilotGroupDetailOut(CoachingPilotGroupOut):
    coaches: list[CoachingPersonRef]
    figures: CoachingGroupFiguresOut

    @staticmethod
    def resolve_coaches(obj) -> list:
        return obj.coach_list


class CoachingGoalOut(Schema):
    id: int
    title: str


class CoachingAgreementOut(Schema):
    id: int
    coach: CoachingPersonRef
    coachee: CoachingPersonRef
    programme_id: int | None
    pilot_group_id: int | None
    kind: str
    sessions_planned: int
    start_date: datetime.date
    end_date: datetime.date | None
    coachee_consent: bool
    sponsor_name: str
    sponsor_approved_on: datetime.date | None
    goals: list[CoachingGoalOut]

    @staticmethod
    def resolve_coach(obj) -> dict:
        return {"id": obj.coach_id, "name": obj.coach.person.full_name}

    @staticmethod
    def resolve_coachee(obj) -> dict:
        return {"id": obj.coachee_id, "name": obj.coachee.full_name}

    @staticmethod
    def resolve_goals(obj) -> list:
        return list(obj.goals.all())


class CoachingTechniqueRef(Schema):
    id: int
    name: str


class CoachingProgressOut(Schema):
    goal_id: int
    rating: int


class CoachingSessionOut(Schema):
    id: int
    held_on: datetime.date
    duration_minutes: int
    mode: str
    group_size: int
    techniques: list[CoachingTechniqueRef]
    shared_notes: str
    progress: list[CoachingProgressOut]

    @staticmethod
    def resolve_techniques(obj) -> list:
        return list(obj.techniques.all())

    @staticmethod
    def resolve_progress(obj) -> list:
        return list(obj.progress.all())


class CoachingTechniqueOut(Schema):
    id: int
    name: str
    language: str
    original_id: int | None
    purpose: str
    steps: str
    when_to_use: str
    source: str
    visibility: str
    uses: int


@router.get("/pilot-groups", response=list[CoachingPilotGroupOut])
@paginate(Pagination)
def list_pilot_groups(request):
    return pages.pilot_groups_for_list(pilot_groups_visible_to(request.user))


@router.get("/pilot-groups/{int:group_id}", response=CoachingPilotGroupDetailOut)
def get_pilot_group(request, group_id: Id):
    group = access_pilot_group(request.user, group_id)
    members = pages.pilot_group_members(group)
    figures = pages.pilot_group_figures(group, len(members))
    group.member_count = figures.members
    group.coach_list = [
        {"id": coach.pk, "name": coach.person.full_name} for coach in pages.pilot_group_coaches(group)
    ]
    group.figures = {
        "members": figures.members,
        "agreements": figures.agreements,
        "sessions_planned": figures.sessions_planned,
        "sessions_held": figures.sessions_held,
        "hours": float(figures.hours),
        "average_progress": float(figures.average_progress) if figures.average_progress is not None else None,
    }
    return group


@router.get("/agreements", response=list[CoachingAgreementOut])
@paginate(Pagination)
def list_agreements(request):
    return pages.api_agreements(request.user)


@router.get("/agreements/{int:agreement_id}", response=CoachingAgreementOut)
def get_agreement(request, agreement_id: Id):
    return access_agreement(request.user, agreement_id)


@router.get("/agreements/{int:agreement_id}/sessions", response=list[CoachingSessionOut])
@paginate(Pagination)
def list_sessions(request, agreement_id: Id):
    return pages.api_sessions(access_agreement(request.user, agreement_id))


@router.get("/techniques", response=list[CoachingTechniqueOut], auth=public_api_auth)
@paginate(Pagination)
def list_techniques(request):
    return pages.techniques_for_list(request.user)


# --- writes ---------------------------------------------------------------------------------------------------

Date = datetime.date
Text = Field("", max_length=20_000)


class CoachingPilotGroupIn(Schema):
    programme_id: Id
    partner_id: Id
    country: str = Field(..., min_length=2, max_length=2, description="ISO 3166-1 alpha-2 code, e.g. LV.")
    name: str = Field(..., min_length=1, max_length=200)
    capacity: int = Field(..., ge=1, le=MAX_GROUP_CAPACITY)
    schedule: str = Field("", max_length=2_000)
    start_date: Date | None = None
    end_date: Date | None = None
    coach_ids: list[Id] = Field(default_factory=list, max_length=50)


class CoachingMemberIn(Schema):
    person_id: Id


class CoachingAgreementIn(Schema):
    coachee_id: Id = Field(
        ..., description="A member of a pilot group the caller coaches (coordinators: any)."
    )
    coach_id: Id | None = Field(None, description="Coordinators name the coach; a coach records their own.")
    programme_id: Id | None = None
    pilot_group_id: Id | None = None
    kind: Literal[tuple(PracticeKind.values)] = PracticeKind.PRO_BONO  # type: ignore[valid-type]
    sessions_planned: int = Field(..., ge=1, le=MAX_SESSIONS_PLANNED)
    start_date: Date
    end_date: Date | None = None
    confidentiality_terms: str = Field(..., min_length=1, max_length=20_000)
    coachee_consent: bool
    sponsor_name: str = Field("", max_length=200)
    sponsor_approved_on: Date | None = None
    goals: list[str] = Field(..., min_length=1, max_length=services.MAX_GOALS)


class CoachingSessionIn(Schema):
    held_on: Date
    duration_minutes: int = Field(..., ge=1, le=MAX_SESSION_MINUTES)
    mode: Literal[tuple(SessionMode.values)] = SessionMode.ON_SITE  # type: ignore[valid-type]
    group_size: int = Field(1, ge=1, le=MAX_GROUP_SIZE)
    technique_ids: list[Id] = Field(default_factory=list, max_length=50)
    shared_notes: str = Text


class CoachingRatingIn(Schema):
    goal_id: Id
    rating: int | None = Field(..., ge=PROGRESS_MIN, le=PROGRESS_MAX, description="null clears the rating.")


class CoachingProgressIn(Schema):
    ratings: list[CoachingRatingIn] = Field(..., max_length=services.MAX_GOALS)


WRITE_ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


def _group_data(request, payload: CoachingPilotGroupIn) -> tuple[dict, list]:
    found = choices.pilot_group_choices_for(
        request.user,
        programme_id=payload.programme_id,
        partner_id=payload.partner_id,
        coach_ids=payload.coach_ids,
    )
    data = payload.dict(exclude={"programme_id", "partner_id", "coach_ids"})
    data["country"] = data["country"].upper()
    data.update(programme=found["programme"], partner=found["partner"])
    return data, found["coaches"]


def _group_detail(request, group_id: int):
    return get_pilot_group(request, group_id)


@router.post("/pilot-groups", response={201: CoachingPilotGroupDetailOut, **WRITE_ERRORS})
def create_pilot_group(request, payload: CoachingPilotGroupIn):
    """Set up a pilot group (coordinators)."""
    require_coordinator(request.user)
    data, coaches = _group_data(request, payload)
    group = services.pilot_group_save(actor=request.user, data=data, coaches=coaches)
    return Status(201, _group_detail(request, group.pk))


@router.put("/pilot-groups/{int:group_id}", response={200: CoachingPilotGroupDetailOut, **WRITE_ERRORS})
def update_pilot_group(request, group_id: Id, payload: CoachingPilotGroupIn):
    """Change a pilot group (coordinators); its places never fewer than its members."""
    group = access_pilot_group(request.user, group_id, manage=True)
    data, coaches = _group_data(request, payload)
    services.pilot_group_save(actor=request.user, data=data, coaches=coaches, group=group)
    return _group_detail(request, group_id)


@router.post(
    "/pilot-groups/{int:group_id}/members", response={201: CoachingPilotGroupDetailOut, **WRITE_ERRORS}
)
def add_pilot_group_member(request, group_id: Id, payload: CoachingMemberIn):
    """Add a person to the group while a place is free (coordinators; safe under parallel requests)."""
    group = access_pilot_group(request.user, group_id, manage=True)
    person = choices.person_for_group(payload.person_id)
    services.pilot_group_member_add(actor=request.user, group=group, person=person)
    return Status(201, _group_detail(request, group_id))


def _agreement_data(request, payload: CoachingAgreementIn) -> tuple[dict, object]:
    found = choices.agreement_choices(
        request.user,
        coachee_id=payload.coachee_id,
        coach_id=payload.coach_id,
        programme_id=payload.programme_id,
        pilot_group_id=payload.pilot_group_id,
    )
    data = payload.dict(exclude={"coachee_id", "coach_id", "programme_id", "pilot_group_id", "goals"})
    data.update(
        coachee=found["coachee"],
        programme=found["programme"],
        pilot_group=found["pilot_group"],
        feedback_questionnaire=None,
    )
    return data, found["coach"]


def _goals(payload: CoachingAgreementIn) -> list[str]:
    return [goal.strip() for goal in payload.goals if goal.strip()]


@router.post("/agreements", response={201: CoachingAgreementOut, **WRITE_ERRORS})
def create_agreement(request, payload: CoachingAgreementIn):
    """Record an agreement: a coach for themselves, a coordinator for the coach they name (`coach_id`)."""
    if not (request.user.is_coordinator or coach_profile(request.user) is not None):
        raise PermissionDenied
    data, coach = _agreement_data(request, payload)
    agreement = services.agreement_create(actor=request.user, data=data, goals=_goals(payload), coach=coach)
    return Status(201, access_agreement(request.user, agreement.pk))


@router.put("/agreements/{int:agreement_id}", response={200: CoachingAgreementOut, **WRITE_ERRORS})
def update_agreement(request, agreement_id: Id, payload: CoachingAgreementIn):
    """Change an agreement (its coach, coordinators); the coach stays (`coach_id` is ignored). The feedback
    questionnaire an agreement names is kept: it is chosen on the agreement's page."""
    agreement = access_agreement(request.user, agreement_id, manage=True)
    data, _coach = _agreement_data(request, payload)
    data["feedback_questionnaire"] = agreement.feedback_questionnaire
    services.agreement_update(actor=request.user, agreement=agreement, data=data, goals=_goals(payload))
    return access_agreement(request.user, agreement_id)


def _session_data(request, payload: CoachingSessionIn) -> tuple[dict, list]:
    techniques = choices.techniques_by_id(request.user, payload.technique_ids)
    return payload.dict(exclude={"technique_ids"}), techniques


@router.post("/agreements/{int:agreement_id}/sessions", response={201: CoachingSessionOut, **WRITE_ERRORS})
def create_session(request, agreement_id: Id, payload: CoachingSessionIn):
    """Record a session of the agreement (its coach only). Private notes are written on the session's page, never
    through the API."""
    agreement = access_agreement(request.user, agreement_id)
    if not is_agreement_coach(request.user, agreement):
        raise PermissionDenied
    data, techniques = _session_data(request, payload)
    session = services.session_create(
        actor=request.user, agreement=agreement, data=data, techniques=techniques
    )
    return Status(201, pages.api_session(session.pk))


@router.put("/sessions/{int:session_id}", response={200: CoachingSessionOut, **WRITE_ERRORS})
def update_session(request, session_id: Id, payload: CoachingSessionIn):
    """Change a session (its coach only); its private notes stay as they are."""
    session = access_session(request.user, session_id, manage=True)
    data, techniques = _session_data(request, payload)
    services.session_update(actor=request.user, session=session, data=data, techniques=techniques)
    return pages.api_session(session.pk)


@router.put("/sessions/{int:session_id}/progress", response={200: CoachingSessionOut, **WRITE_ERRORS})
def rate_progress(request, session_id: Id, payload: CoachingProgressIn):
    """The coachee rates their progress on the agreement's goals after the session (the coachee only)."""
    session = access_session(request.user, session_id)
    ratings = {item.goal_id: item.rating for item in payload.ratings}
    services.session_rate_progress(actor=request.user, session=session, ratings=ratings)
    return pages.api_session(session.pk)
