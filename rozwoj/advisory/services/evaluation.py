"""Writes of the evaluation of an engagement (stage 6): the assessments, lessons learned and the values achieved
per HDR indicator; the evaluation questionnaire, sent as the second wave of the self-diagnosis questionnaire
(through `surveys`, so that its results page compares the two waves); closing the evaluation, which closes stage 6
and the engagement and is refused, with every reason, while something required is missing."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rozwoj.core.audit import log_action
from rozwoj.surveys.models import QuestionnaireStatus, Response, Wave
from rozwoj.surveys.services.distribution import distribution_to_people

from ..models import (
    Engagement,
    EngagementStage,
    EngagementStatus,
    Evaluation,
    Hdr,
    IndicatorResult,
    StageKind,
    StageStatus,
)
from ..selectors.evaluation import (
    EXPERT_FIELDS,
    LOCAL_GOVERNMENT_FIELDS,
    MONITORED_HDR_STATUSES,
    can_evaluate,
    indicator_actions,
    writable_fields,
)
from .engagements import register_stage_output

EVALUATION_WAVE_LABEL = {"pl": "Ewaluacja", "en": "Evaluation"}


def _evaluation_closed(engagement: Engagement) -> str:
    if Evaluation.objects.filter(engagement=engagement, closed_at__isnull=False).exists():
        return ""
    return _("Close the evaluation on its page: that closes this stage and the engagement.")


register_stage_output(StageKind.EVALUATION, _evaluation_closed)


def _require_open(engagement: Engagement, evaluation: Evaluation | None = None) -> None:
    if engagement.status != EngagementStatus.ACTIVE or (evaluation is not None and evaluation.is_closed):
        raise ValidationError(_("The evaluation is closed."))


def _evaluation(engagement: Engagement) -> Evaluation:
    evaluation, _created = Evaluation.objects.get_or_create(engagement=engagement)
    return evaluation


def evaluation_save(
    *, actor, engagement: Engagement, data: dict[str, Any], results: dict[int, dict[str, str]] | None = None
) -> Evaluation:
    """Save what the actor may write: coordinators and advisers everything, the local government's team its own
    assessment. `results` maps an action's id to {"achieved_value", "comment"} (advisers and coordinators)."""
    allowed = writable_fields(actor, engagement)
    if not allowed:
        raise PermissionDenied
    _require_open(engagement)
    errors: dict[str, list[str]] = {}
    for field in ("local_government_rating", "experts_rating"):
        value = data.get(field)
        if field in allowed and value not in (None, "") and not 1 <= int(value) <= 5:
            errors[field] = [_("Rate from 1 to 5.")]
    if results and not can_evaluate(actor, engagement):
        raise PermissionDenied
    actions = {action.pk: action for action in indicator_actions(engagement)} if results else {}
    for action_id in results or {}:
        if action_id not in actions:
            errors.setdefault("results", []).append(_("Choose an action of this engagement's HDR."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        evaluation = Evaluation.objects.select_for_update().filter(engagement=engagement).first()
        evaluation = evaluation or _evaluation(engagement)
        _require_open(engagement, evaluation)
        changed = [field for field in allowed if field in data and getattr(evaluation, field) != data[field]]
        for field in changed:
            setattr(evaluation, field, data[field] if data[field] != "" or "rating" not in field else None)
        evaluation.save()
        for action_id, values in (results or {}).items():
            IndicatorResult.objects.update_or_create(
                evaluation=evaluation,
                action_id=action_id,
                defaults={
                    "achieved_value": (values.get("achieved_value") or "").strip()[:100],
                    "comment": (values.get("comment") or "").strip()[:500],
                },
            )
        log_action(
            actor,
            engagement,
            "advisory.evaluation.save",
            {"fields": ", ".join(changed), "indicators": len(results or {})},
        )
    return evaluation


def evaluation_send_questionnaire(*, actor, engagement: Engagement) -> Wave:
    """Send the evaluation questionnaire to the local government's team: the second wave of the engagement's
    self-diagnosis questionnaire (created once; a member added later is invited when this is done again)."""
    if not can_evaluate(actor, engagement):
        raise PermissionDenied
    _require_open(engagement)
    questionnaire = engagement.diagnosis_questionnaire
    if questionnaire is None:
        raise ValidationError(
            _("The self-diagnosis questionnaire was never sent: there is no diagnosis to compare with.")
        )
    if questionnaire.status != QuestionnaireStatus.OPEN:
        raise ValidationError(
            _("The self-diagnosis questionnaire is closed: open it again on its page first.")
        )
    people = [member.person for member in engagement.members.select_related("person") if member.person.email]
    if not people:
        raise ValidationError(_("The local government's team has nobody with an e-mail address to invite."))
    with transaction.atomic():
        evaluation = Evaluation.objects.select_for_update().filter(engagement=engagement).first()
        evaluation = evaluation or _evaluation(engagement)
        _require_open(engagement, evaluation)
        wave = evaluation.wave
        if wave is None:
            if not questionnaire.waves.exists():
                raise ValidationError(_("Nobody was asked the self-diagnosis questionnaire yet."))
            order = (questionnaire.waves.aggregate(top=Max("order"))["top"] or 0) + 1
            wave = Wave.objects.create(questionnaire=questionnaire, order=order, label=EVALUATION_WAVE_LABEL)
            evaluation.wave = wave
            evaluation.save(update_fields=["wave", "updated_at"])
        distribution = distribution_to_people(
            questionnaire,
            people,
            None,
            _("Evaluation: team of %(unit)s") % {"unit": engagement.local_government.display_name},
            reverse("advisory:evaluation", args=[engagement.pk]),
            actor,
            wave=wave,
            check_access=False,
        )
        log_action(
            actor,
            engagement,
            "advisory.evaluation.questionnaire",
            {"questionnaire": questionnaire.pk, "invited": distribution.invitations.count()},
        )
    return wave


def evaluation_problems(engagement: Engagement, evaluation: Evaluation | None, actions=None) -> list[str]:
    """What is missing before the evaluation can be closed (empty: it can); `actions`: the indicator actions
    when the caller has read them already."""
    problems = []
    hdr = Hdr.objects.filter(engagement=engagement).first()
    if hdr is None or hdr.status not in MONITORED_HDR_STATUSES:
        problems.append(_("The local government's team must approve the HDR first."))
    monitoring = EngagementStage.objects.filter(engagement=engagement, kind=StageKind.MONITORING).first()
    if monitoring is not None and monitoring.status != StageStatus.CLOSED:
        problems.append(_("Close the monitoring stage first."))
    missing_values = [
        action.title
        for action in (indicator_actions(engagement) if actions is None else actions)
        if action.result is None or not action.result.achieved_value
    ]
    if missing_values:
        problems.append(
            _("Give the value achieved for every indicator; missing: %(actions)s.")
            % {"actions": "; ".join(missing_values)}
        )
    labels = {
        "local_government_assessment": _("Write the local government's assessment."),
        "local_government_rating": _("Give the local government's rating."),
        "experts_assessment": _("Write the experts' assessment."),
        "experts_rating": _("Give the experts' rating."),
        "lessons_learned": _("Write the lessons learned."),
    }
    for field in LOCAL_GOVERNMENT_FIELDS + EXPERT_FIELDS:
        if evaluation is None or getattr(evaluation, field) in (None, ""):
            problems.append(labels[field])
    if engagement.diagnosis_questionnaire_id:
        if evaluation is None or evaluation.wave_id is None:
            problems.append(_("Send the evaluation questionnaire to the local government's team."))
        elif not Response.objects.filter(wave_id=evaluation.wave_id, submitted_at__isnull=False).exists():
            problems.append(_("Wait for at least one answer to the evaluation questionnaire."))
    return problems


def evaluation_close(*, actor, engagement: Engagement) -> Evaluation:
    """Close the evaluation, stage 6 and the engagement; refused with every reason while something is missing."""
    if not can_evaluate(actor, engagement):
        raise PermissionDenied
    with transaction.atomic():
        engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
        evaluation = Evaluation.objects.filter(engagement=engagement).first()
        _require_open(engagement, evaluation)
        problems = evaluation_problems(engagement, evaluation)
        if problems:
            raise ValidationError(problems)
        assert evaluation is not None  # noqa: S101 - evaluation_problems lists a missing evaluation
        now = timezone.now()
        evaluation.closed_at, evaluation.closed_by = now, actor
        evaluation.save(update_fields=["closed_at", "closed_by", "updated_at"])
        EngagementStage.objects.filter(engagement=engagement, kind=StageKind.EVALUATION).update(
            status=StageStatus.CLOSED, closed_at=now
        )
        engagement.status, engagement.closed_at = EngagementStatus.CLOSED, now
        engagement.save(update_fields=["status", "closed_at", "updated_at"])
        log_action(
            actor, engagement, "advisory.evaluation.close", {"status": str(EngagementStatus.CLOSED.label)}
        )
    return evaluation
