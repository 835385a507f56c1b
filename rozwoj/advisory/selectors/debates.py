"""Reading debates and dialogue meetings: an engagement's list, one meeting with its recommendations and the HDR
actions made of them; access as to the engagement (others get 404)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import Http404

from ..models import Debate, Engagement, HdrAction, Recommendation
from .access import can_work_on, engagements_visible_to


def _visible(user):
    return Debate.objects.filter(engagement__in=engagements_visible_to(user))


def access_debate(user, pk: int, *, manage: bool = False) -> Debate:
    debate = (
        _visible(user)
        .select_related(
            "engagement__call__programme",
            "engagement__local_government",
            "engagement__ros_expert__person",
            "engagement__pro_expert__person",
            "moderator_expert__person",
        )
        .filter(pk=pk)
        .first()
    )
    if debate is None:
        raise Http404
    if manage and not can_work_on(user, debate.engagement):
        raise PermissionDenied
    return debate


def access_recommendation(user, pk: int, *, manage: bool = False) -> Recommendation:
    recommendation = (
        Recommendation.objects.filter(debate__in=_visible(user))
        .select_related(
            "debate__engagement__call",
            "debate__engagement__ros_expert__person",
            "debate__engagement__pro_expert__person",
        )
        .filter(pk=pk)
        .first()
    )
    if recommendation is None:
        raise Http404
    if manage and not can_work_on(user, recommendation.debate.engagement):
        raise PermissionDenied
    return recommendation


def debates_of(engagement: Engagement) -> list[Debate]:
    """The engagement's debates, newest first, with their moderators and counts of recommendations."""
    return list(
        Debate.objects.filter(engagement=engagement)
        .select_related("moderator_expert__person")
        .annotate(recommendation_count=Count("recommendations"))
        .order_by("-date", "-id")
    )


def recommendations_of(debate: Debate) -> list[Recommendation]:
    """The debate's recommendations in order, each with the HDR actions made of it."""
    return list(
        debate.recommendations.order_by("order", "id").prefetch_related(
            Prefetch("hdr_actions", queryset=HdrAction.objects.select_related("hdr").order_by("pk"))
        )
    )


def recommendation_count(debate: Debate) -> int:
    return debate.recommendations.count()
