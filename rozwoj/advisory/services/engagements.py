"""Writes of engagements: starting one from an accepted application, its advisory team, its stages (with
their gates), the diagnosis (findings, ranked priorities, the self-diagnosis questionnaire).

Everything that happens is written to the audit log against the engagement: that is its timeline.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from rozwoj.accounts.permissions import require_coordinator
from rozwoj.core.audit import log_action
from rozwoj.experts.models import ExpertProfile
from rozwoj.people.models import Person

from ..models import (
    Application,
    Engagement,
    EngagementMember,
    EngagementStage,
    EngagementStatus,
    Finding,
    Priority,
    ProgrammeStage,
    StageKind,
    StageStatus,
    SupportArea,
)
from ..selectors.access import can_work_on

# --- stage gates: what must exist before a stage closes -------------------------------------------------
# A later part (the HDR, monitoring, evaluation) registers its own check with `register_stage_output`.

StageCheck = Callable[[Engagement], str]


def _support_area_chosen(engagement: Engagement) -> str:
    return "" if engagement.support_area_id else _("Choose the support area first.")


def _diagnosis_done(engagement: Engagement) -> str:
    from .diagnosis import diagnosis_responses

    if not engagement.diagnosis_questionnaire_id:
        return _("Send the self-diagnosis questionnaire to the local government's team first.")
    if not diagnosis_responses(engagement):
        return _("Wait for at least one answer to the self-diagnosis questionnaire first.")
    if not engagement.findings.exists():
        return _("Record at least one finding of the diagnosis first.")
    if not engagement.priorities.exists():
        return _("Rank at least one priority first.")
    return ""


STAGE_OUTPUTS: dict[int, StageCheck] = {
    StageKind.SUPPORT_AREA: _support_area_chosen,
    StageKind.DIAGNOSIS: _diagnosis_done,
    # the HDR and the implementation directions (services.hdr), monitoring, evaluation: registered by their
    # modules when the app is ready (apps.py)
}


def register_stage_output(kind: int, check: StageCheck) -> None:
    STAGE_OUTPUTS[kind] = check


def stage_gate(engagement: Engagement, kind: int) -> str:
    """Why the stage cannot close yet ("" when its output exists)."""
    return STAGE_OUTPUTS[kind](engagement)


# --- starting an engagement -----------------------------------------------------------------------------


def enabled_stage_kinds(programme_id: int) -> list[int]:
    switched_off = set(
        ProgrammeStage.objects.filter(programme_id=programme_id, is_enabled=False).values_list(
            "kind", flat=True
        )
    )
    return [kind for kind in StageKind.values if kind not in switched_off]


def _person_for(member) -> Person:
    if member.email:
        person = Person.objects.filter(email__iexact=member.email).first()
        if person is not None:
            return person
    return Person.objects.create(
        first_name=member.first_name, last_name=member.last_name, email=member.email, is_demo=False
    )


def engagement_start(*, actor, application: Application) -> Engagement:
    """The engagement of an accepted application: its team from the application, the programme's stages."""
    require_coordinator(actor)
    call = application.call
    engagement = Engagement.objects.create(
        call=call, local_government=application.local_government, application=application
    )
    EngagementStage.objects.bulk_create(
        EngagementStage(engagement=engagement, kind=kind) for kind in enabled_stage_kinds(call.programme_id)
    )
    for member in application.members.all():
        person = _person_for(member)
        EngagementMember.objects.get_or_create(
            engagement=engagement, person=person, defaults={"role": member.role, "position": member.position}
        )
    log_action(actor, engagement, "advisory.engagement.start", {"application": application.pk})
    return engagement


# --- the advisory team ----------------------------------------------------------------------------------


def team_errors(ros: ExpertProfile | None, pro: ExpertProfile | None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for field, expert, specialisation in (("ros_expert", ros, "ros"), ("pro_expert", pro, "pro")):
        if expert is None:
            continue
        if not expert.is_active:
            errors[field] = [_("This expert is not active.")]
        elif specialisation not in {s.specialisation for s in expert.specialisations.all()}:
            errors[field] = [_("This expert does not have the specialisation this role needs.")]
    if ros is not None and pro is not None and ros.pk == pro.pk:
        errors["pro_expert"] = [_("The two advisers must be two different people.")]
    return errors


def engagement_set_team(
    *, actor, engagement: Engagement, ros: ExpertProfile | None, pro: ExpertProfile | None
):
    require_coordinator(actor)
    errors = team_errors(ros, pro)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        previous = [str(engagement.ros_expert or ""), str(engagement.pro_expert or "")]
        engagement.ros_expert, engagement.pro_expert = ros, pro
        engagement.save(update_fields=["ros_expert", "pro_expert", "updated_at"])
        log_action(
            actor,
            engagement,
            "advisory.engagement.team",
            {"team": [previous, [str(ros or ""), str(pro or "")]]},
        )
    return engagement


# --- stages ---------------------------------------------------------------------------------------------


def _require_worker(actor, engagement: Engagement) -> None:
    if not can_work_on(actor, engagement):
        raise PermissionDenied


def stage_update(*, actor, stage: EngagementStage, data: dict[str, Any]) -> EngagementStage:
    """Dates and status of a stage; closing it requires its output (the gate)."""
    engagement = stage.engagement
    _require_worker(actor, engagement)
    # compare with the stored stage: a model form bound to `stage` has already written the new values on it
    stage = EngagementStage.objects.select_related("engagement").get(pk=stage.pk)
    if engagement.status == EngagementStatus.CLOSED:
        raise ValidationError({"status": [_("The engagement is closed.")]})
    starts_on, ends_on, status = data.get("starts_on"), data.get("ends_on"), data.get("status", stage.status)
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": [_("A stage cannot end before it starts.")]})
    if status == StageStatus.CLOSED and stage.status != StageStatus.CLOSED:
        problem = stage_gate(engagement, stage.kind)
        if problem:
            raise ValidationError({"status": [problem]})
    with transaction.atomic():
        changes = {}
        for field, value in (("starts_on", starts_on), ("ends_on", ends_on), ("status", status)):
            if getattr(stage, field) != value:
                changes[field] = [str(getattr(stage, field) or ""), str(value or "")]
                setattr(stage, field, value)
        stage.closed_at = timezone.now() if status == StageStatus.CLOSED else None
        stage.save()
        if changes:
            log_action(actor, engagement, "advisory.stage.update", {"stage": str(stage), **changes})
    return stage


def support_area_choose(*, actor, engagement: Engagement, area: SupportArea) -> Engagement:
    _require_worker(actor, engagement)
    if not area.is_active:
        raise ValidationError({"support_area": [_("Choose one of the support areas in use.")]})
    with transaction.atomic():
        previous = str(engagement.support_area or "")
        engagement.support_area = area
        engagement.save(update_fields=["support_area", "updated_at"])
        log_action(actor, engagement, "advisory.support_area", {"support_area": [previous, str(area)]})
    return engagement


def finding_add(*, actor, engagement: Engagement, text: str) -> Finding:
    _require_worker(actor, engagement)
    text = text.strip()
    if not text:
        raise ValidationError({"text": [_("Write the finding.")]})
    with transaction.atomic():
        finding = Finding.objects.create(engagement=engagement, text=text, author=actor)
        log_action(actor, engagement, "advisory.finding.add", {"finding": text[:200]})
    return finding


def priority_add(*, actor, engagement: Engagement, title: str, description: str = "") -> Priority:
    _require_worker(actor, engagement)
    with transaction.atomic():
        last = Priority.objects.filter(engagement=engagement).aggregate(last=Max("rank"))["last"] or 0
        priority = Priority.objects.create(
            engagement=engagement, title=title.strip(), description=description.strip(), rank=last + 1
        )
        log_action(
            actor, engagement, "advisory.priority.add", {"priority": priority.title, "rank": priority.rank}
        )
    return priority


def priority_move(*, actor, priority: Priority, direction: int) -> bool:
    """Swap a priority with its neighbour above (-1) or below (+1); False at either end."""
    engagement = priority.engagement
    _require_worker(actor, engagement)
    with transaction.atomic():
        ranked = list(
            Priority.objects.select_for_update().filter(engagement=engagement).order_by("rank", "id")
        )
        index = next(i for i, p in enumerate(ranked) if p.pk == priority.pk)
        other = index + direction
        if direction not in (-1, 1) or not 0 <= other < len(ranked):
            return False
        ranked[index], ranked[other] = ranked[other], ranked[index]
        for rank, item in enumerate(ranked, start=1):
            if item.rank != rank:
                item.rank = rank
                item.save(update_fields=["rank", "updated_at"])
        log_action(
            actor, engagement, "advisory.priority.move", {"priority": priority.title, "rank": other + 1}
        )
    return True
