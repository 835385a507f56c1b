"""Read API of coaching: pilot groups, agreements and their sessions, techniques. A session's private notes are
never part of any answer (CoachingSessionOut has no field for them)."""

import datetime

from ninja import Router, Schema
from ninja.pagination import paginate

from rozwoj.accounts.auth import api_auth, public_api_auth
from rozwoj.core.api import Id, Pagination

from .selectors import pages
from .selectors.access import access_agreement, access_pilot_group, pilot_groups_visible_to

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
