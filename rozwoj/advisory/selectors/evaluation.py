"""Reading the evaluation of an engagement (stage 6): who writes what, the indicator rows (each action with an
indicator, its target, its latest monitored value and the value achieved), and the comparison of the diagnosis
and evaluation waves of the self-diagnosis questionnaire."""

from __future__ import annotations

from django.db.models import Count, Q

from ..models import Engagement, Evaluation, HdrAction, HdrStatus
from .access import can_work_on
from .hdr import is_local_government_member_of

MONITORED_HDR_STATUSES = (HdrStatus.APPROVED, HdrStatus.PUBLISHED)
LOCAL_GOVERNMENT_FIELDS = ("local_government_assessment", "local_government_rating")
EXPERT_FIELDS = ("experts_assessment", "experts_rating", "lessons_learned")


def can_evaluate(user, engagement: Engagement) -> bool:
    """Coordinators and the engagement's two advisers write the evaluation (all of it) and close it."""
    return can_work_on(user, engagement)


def can_assess_as_local_government(user, engagement: Engagement) -> bool:
    """The local government's team writes its own assessment (coordinators and advisers may record it too)."""
    return can_work_on(user, engagement) or is_local_government_member_of(user, engagement)


def writable_fields(user, engagement: Engagement) -> tuple[str, ...]:
    if can_evaluate(user, engagement):
        return LOCAL_GOVERNMENT_FIELDS + EXPERT_FIELDS
    if can_assess_as_local_government(user, engagement):
        return LOCAL_GOVERNMENT_FIELDS
    return ()


def evaluation_of(engagement: Engagement) -> Evaluation | None:
    return Evaluation.objects.filter(engagement=engagement).select_related("wave", "closed_by").first()


def indicator_actions(engagement: Engagement) -> list[HdrAction]:
    """The actions of the approved HDR that have an indicator, with their latest entry and result (two queries)."""
    actions = list(
        HdrAction.objects.filter(hdr__engagement=engagement, hdr__status__in=MONITORED_HDR_STATUSES)
        .exclude(indicator="")
        .select_related("latest_entry")
        .order_by("order", "id")
    )
    results = {}
    evaluation = Evaluation.objects.filter(engagement=engagement).first()
    if evaluation is not None and actions:
        results = {result.action_id: result for result in evaluation.results.all()}
    for action in actions:
        action.result = results.get(action.pk)
    return actions


def wave_comparison(engagement: Engagement, evaluation: Evaluation | None) -> dict:
    """The diagnosis (first wave) and evaluation waves of the self-diagnosis questionnaire with their response
    counts (one query), for the link to the surveys' per-question comparison."""
    questionnaire = engagement.diagnosis_questionnaire
    if questionnaire is None:
        return {"questionnaire": None}
    waves = list(
        questionnaire.waves.annotate(
            answered=Count("responses", filter=Q(responses__submitted_at__isnull=False))
        ).order_by("order", "id")
    )
    evaluation_wave = evaluation.wave if evaluation is not None else None
    before = waves[0] if waves else None
    after = next((wave for wave in waves if evaluation_wave and wave.pk == evaluation_wave.pk), None)
    return {"questionnaire": questionnaire, "before": before, "after": after}
