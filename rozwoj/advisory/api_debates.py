"""API of an engagement's debates and dialogue meetings (read only): its list and one meeting with its
recommendations and the HDR actions made of them, for those who see the engagement (as the pages)."""

import datetime

from ninja import Schema
from ninja.pagination import paginate

from rozwoj.core.api import Id, Pagination
from rozwoj.core.api_errors import ErrorOut

from .api import router
from .models import DebateKind
from .selectors import debates as selectors
from .selectors.access import access_engagement


class DebateOut(Schema):
    id: int
    engagement_id: int
    kind: DebateKind
    topic: str
    date: datetime.date
    place: str
    is_online: bool
    moderator: str
    invited_groups: list[str]
    participant_count: int | None
    recommendation_count: int


class RecommendationActionOut(Schema):
    id: int
    hdr_id: int
    title: str


class RecommendationOut(Schema):
    id: int
    order: int
    text: str
    hdr_actions: list[RecommendationActionOut]

    @staticmethod
    def resolve_hdr_actions(obj) -> list:
        return list(obj.hdr_actions.all())


class DebateDetailOut(DebateOut):
    agenda: str
    participants: str
    conclusions: str
    recommendations: list[RecommendationOut]

    @staticmethod
    def resolve_recommendations(obj) -> list:
        return selectors.recommendations_of(obj)

    @staticmethod
    def resolve_recommendation_count(obj) -> int:
        return selectors.recommendation_count(obj)


@router.get("/engagements/{int:engagement_id}/debates", response=list[DebateOut])
@paginate(Pagination)
def list_debates(request, engagement_id: Id):
    """The engagement's debates and dialogue meetings, newest first."""
    return selectors.debates_of(access_engagement(request.user, engagement_id))


@router.get("/debates/{int:debate_id}", response={200: DebateDetailOut, 404: ErrorOut})
def get_debate(request, debate_id: Id):
    """A debate or dialogue meeting with its recommendations, each with the HDR actions made of it."""
    return selectors.access_debate(request.user, debate_id)
