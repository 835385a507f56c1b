"""Writes of the development action schedule (HDR): drafting with optimistic locking, the pre-submission check,
versions and their comparison, comments, approval by the local government's team (which opens the stage-3
gate), publication by a coordinator, copying an action from a published HDR."""

import difflib
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rozwoj.core.audit import log_action
from rozwoj.core.search import reindex

from ..models import (
    ActionOrigin,
    Engagement,
    EngagementStage,
    Hdr,
    HdrAction,
    HdrComment,
    HdrStatus,
    HdrVersion,
    StageKind,
    StageStatus,
)
from ..selectors.hdr import GALLERY_KIND, can_approve_hdr, can_edit_hdr, can_publish_hdr
from .engagements import register_stage_output

HEADER_FIELDS = ("title", "context", "goals")
ACTION_FIELDS = (
    "priority",
    "title",
    "description",
    "owner",
    "starts_on",
    "ends_on",
    "resources",
    "expected_effect",
    "indicator",
    "baseline",
    "target",
    "management_tool",
)


class HdrConflict(Exception):
    """Someone saved the same thing since the editor loaded it: `current` is what is saved now, `mine` what
    the editor sent (kept so that nothing is lost)."""

    def __init__(self, current, mine: dict[str, Any]) -> None:
        super().__init__("conflict")
        self.current, self.mine = current, mine


# --- the stage-3 gate -----------------------------------------------------------------------------------


def _hdr_approved(engagement: Engagement) -> str:
    hdr = Hdr.objects.filter(engagement=engagement).first()
    if hdr is None or hdr.status not in (HdrStatus.APPROVED, HdrStatus.PUBLISHED):
        return _("The local government's team must approve the HDR first.")
    return ""


register_stage_output(StageKind.HDR, _hdr_approved)


def _implementation_planned(engagement: Engagement) -> str:
    """Stage 4: the approved HDR's actions are the implementation directions; each names its management tool
    (from the coordinators' catalogue)."""
    problem = _hdr_approved(engagement)
    if problem:
        return problem
    actions = HdrAction.objects.filter(hdr__engagement=engagement)
    if not actions.exists():
        return _("The HDR has no action yet.")
    missing = actions.filter(management_tool__isnull=True).count()
    if missing:
        return ngettext(
            "Choose a management tool for %(count)d action of the HDR first.",
            "Choose a management tool for %(count)d actions of the HDR first.",
            missing,
        ) % {"count": missing}
    return ""


register_stage_output(StageKind.IMPLEMENTATION, _implementation_planned)


def _require_editor(actor, engagement: Engagement) -> None:
    if not can_edit_hdr(actor, engagement):
        raise PermissionDenied


def _require_draft(hdr: Hdr) -> None:
    if hdr.status != HdrStatus.DRAFT:
        raise ValidationError(_("The HDR is no longer a draft: it cannot be changed."))


# --- drafting -------------------------------------------------------------------------------------------


def hdr_start(*, actor, engagement: Engagement) -> Hdr:
    """The engagement's HDR, created on first use with one title from the local government."""
    _require_editor(actor, engagement)
    with transaction.atomic():
        hdr, created = Hdr.objects.get_or_create(
            engagement=engagement,
            defaults={
                "title": _("Development action schedule of %(unit)s") % {"unit": engagement.local_government},
                "is_demo": engagement.is_demo,
            },
        )
        if created:
            log_action(actor, engagement, "advisory.hdr.start", {"hdr": hdr.title})
    return hdr


def _bump(model, pk: int, revision: int, values: dict[str, Any]) -> bool:
    """Write `values` only if nobody saved since `revision`; the revision then grows by one."""
    return bool(model.objects.filter(pk=pk, revision=revision).update(**values, revision=F("revision") + 1))


def hdr_update(*, actor, hdr: Hdr, data: dict[str, Any], revision: int) -> Hdr:
    """Save the context, goals and title; HdrConflict when someone saved since `revision`."""
    _require_editor(actor, hdr.engagement)
    _require_draft(hdr)
    values = {field: data[field] for field in HEADER_FIELDS if field in data}
    if not (values.get("title") or hdr.title).strip():
        raise ValidationError({"title": [_("Give the HDR a title.")]})
    with transaction.atomic():
        if not _bump(Hdr, hdr.pk, revision, {**values, "updated_at": timezone.now()}):
            raise HdrConflict(Hdr.objects.get(pk=hdr.pk), values)
        hdr.refresh_from_db()
        log_action(actor, hdr.engagement, "advisory.hdr.update", {"hdr": hdr.title})
    return hdr


def _validate_action(hdr: Hdr, values: dict[str, Any], kept_tool_id: int | None = None) -> None:
    """`kept_tool_id`: the action's tool so far, which it may keep after the tool was withdrawn from use."""
    errors: dict[str, list[str]] = {}
    if not (values.get("title") or "").strip():
        errors["title"] = [_("Say what the action is.")]
    starts_on, ends_on = values.get("starts_on"), values.get("ends_on")
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = [_("An action cannot end before it starts.")]
    priority = values.get("priority")
    if priority is not None and priority.engagement_id != hdr.engagement_id:
        errors["priority"] = [_("Choose one of this engagement's priorities.")]
    tool = values.get("management_tool")
    if tool is not None and not tool.is_active and tool.pk != kept_tool_id:
        errors["management_tool"] = [_("Choose a management tool in use.")]
    if errors:
        raise ValidationError(errors)


def action_create(*, actor, hdr: Hdr, data: dict[str, Any]) -> HdrAction:
    _require_editor(actor, hdr.engagement)
    _require_draft(hdr)
    values = {field: data.get(field) for field in ACTION_FIELDS if field in data}
    _validate_action(hdr, values)
    with transaction.atomic():
        last = hdr.actions.aggregate(last=Max("order"))["last"] or 0
        action = HdrAction.objects.create(
            hdr=hdr, order=last + 1, origin=data.get("origin", ActionOrigin.PRIORITY), **values
        )
        Hdr.objects.filter(pk=hdr.pk).update(updated_at=timezone.now())
        log_action(actor, hdr.engagement, "advisory.hdr.action.add", {"action": action.title})
    return action


def action_update(*, actor, action: HdrAction, data: dict[str, Any], revision: int) -> HdrAction:
    """Save one action; HdrConflict when someone saved it since `revision`."""
    hdr = action.hdr
    _require_editor(actor, hdr.engagement)
    _require_draft(hdr)
    values = {field: data.get(field) for field in ACTION_FIELDS if field in data}
    _validate_action(hdr, values, kept_tool_id=action.management_tool_id)
    with transaction.atomic():
        if not _bump(HdrAction, action.pk, revision, {**values, "updated_at": timezone.now()}):
            current = HdrAction.objects.filter(pk=action.pk).first()
            raise HdrConflict(current, values)
        action.refresh_from_db()
        log_action(actor, hdr.engagement, "advisory.hdr.action.update", {"action": action.title})
    return action


def action_delete(*, actor, action: HdrAction) -> None:
    hdr = action.hdr
    _require_editor(actor, hdr.engagement)
    _require_draft(hdr)
    with transaction.atomic():
        title = action.title
        action.delete()
        log_action(actor, hdr.engagement, "advisory.hdr.action.delete", {"action": title})


def action_copy(*, actor, hdr: Hdr, source: HdrAction) -> HdrAction:
    """Copy an action of a published HDR into this draft; the copy keeps where it came from."""
    _require_editor(actor, hdr.engagement)
    _require_draft(hdr)
    if source.hdr.status != HdrStatus.PUBLISHED:
        raise ValidationError(_("Only actions of published HDRs can be copied."))
    data = {
        field: getattr(source, field)
        for field in ACTION_FIELDS
        if field not in ("priority", "owner", "starts_on", "ends_on", "baseline")
    }
    action = action_create(actor=actor, hdr=hdr, data={**data, "origin": ActionOrigin.COPIED})
    action.source_action = source
    action.source_label = f"{source.hdr.engagement.local_government.display_name}: {source.hdr.title}"[:300]
    action.save(update_fields=["source_action", "source_label"])
    return action


# --- the pre-submission check ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    message: str
    action_id: int | None = None


def _action_problems(action: HdrAction, call) -> list[Problem]:
    problems: list[Problem] = []
    name = action.title
    if not action.owner.strip():
        problems.append(Problem(_("“%(action)s” has no owner.") % {"action": name}, action.pk))
    if not (action.starts_on and action.ends_on):
        problems.append(Problem(_("“%(action)s” has no dates.") % {"action": name}, action.pk))
    elif action.starts_on < call.cycle_starts_on or action.ends_on > call.cycle_ends_on:
        problems.append(
            Problem(
                _("“%(action)s” runs outside the cycle (%(start)s – %(end)s).")
                % {"action": name, "start": call.cycle_starts_on, "end": call.cycle_ends_on},
                action.pk,
            )
        )
    if action.indicator.strip() and not action.target.strip():
        problems.append(
            Problem(_("The indicator of “%(action)s” has no target.") % {"action": name}, action.pk)
        )
    if not action.indicator.strip():
        problems.append(Problem(_("“%(action)s” has no indicator.") % {"action": name}, action.pk))
    return problems


def hdr_check(hdr: Hdr) -> list[Problem]:
    """What is incomplete: an action without an owner, dates outside the cycle, an indicator without a
    target, a priority without an action, no goals or no actions at all."""
    call = hdr.engagement.call
    problems: list[Problem] = []
    if not hdr.context.strip():
        problems.append(Problem(_("Describe the context.")))
    if not hdr.goal_list():
        problems.append(Problem(_("Write at least one goal.")))
    actions = list(hdr.actions.all())
    if not actions:
        problems.append(Problem(_("Add at least one action.")))
    for action in actions:
        problems += _action_problems(action, call)
    covered = {action.priority_id for action in actions}
    for priority in hdr.engagement.priorities.order_by("rank", "id"):
        if priority.pk not in covered:
            problems.append(
                Problem(_("The priority “%(priority)s” has no action.") % {"priority": priority.title})
            )
    return problems


# --- versions, comments, comparison ---------------------------------------------------------------------


def snapshot(hdr: Hdr) -> dict[str, Any]:
    """The HDR's content as plain data (what a version keeps)."""
    actions = hdr.actions.select_related("priority", "management_tool").order_by("order", "id")
    return {
        "title": hdr.title,
        "context": hdr.context,
        "goals": hdr.goal_list(),
        "priorities": [p.title for p in hdr.engagement.priorities.order_by("rank", "id")],
        "actions": [
            {
                "title": a.title,
                "priority": a.priority.title if a.priority else "",
                "description": a.description,
                "owner": a.owner,
                "dates": f"{a.starts_on or '—'} – {a.ends_on or '—'}",
                "resources": a.resources,
                "expected_effect": a.expected_effect,
                "indicator": a.indicator,
                "baseline": a.baseline,
                "target": a.target,
                "management_tool": str(a.management_tool or ""),
                "origin": a.get_origin_display(),
                "source": a.source_label,
            }
            for a in actions
        ],
    }


def _lines(content: dict[str, Any]) -> list[str]:
    """A version's content as readable lines for the comparison."""
    lines = [f"{_('Title')}: {content.get('title', '')}", "", f"{_('Context')}:"]
    lines += (content.get("context") or "").splitlines() or ["—"]
    lines += ["", f"{_('Goals')}:"] + [f"• {goal}" for goal in content.get("goals", [])]
    lines += ["", f"{_('Priorities')}:"] + [
        f"{n}. {p}" for n, p in enumerate(content.get("priorities", []), 1)
    ]
    labels = {
        "priority": _("Priority"),
        "description": _("Description"),
        "owner": _("Who is responsible"),
        "dates": _("Dates"),
        "resources": _("Resources"),
        "expected_effect": _("Expected effect"),
        "indicator": _("Indicator"),
        "baseline": _("Baseline value"),
        "target": _("Target value"),
        "management_tool": _("Management tool"),
        "origin": _("Origin"),
        "source": _("Source"),
    }
    for number, action in enumerate(content.get("actions", []), 1):
        lines += ["", f"{_('Action')} {number}: {action.get('title', '')}"]
        for key, label in labels.items():
            if action.get(key):
                lines.append(f"  {label}: {action[key]}")
    return lines


def compare(old: HdrVersion, new: HdrVersion) -> SafeString:
    """A side-by-side table of the two versions, changes marked (escaped by difflib)."""
    table = difflib.HtmlDiff(wrapcolumn=60).make_table(
        _lines(old.content),
        _lines(new.content),
        fromdesc=_("Version %(number)s") % {"number": old.number},
        todesc=_("Version %(number)s") % {"number": new.number},
        context=False,
    )
    table = table.replace(
        '<table class="diff"', f'<table class="diff" aria-label="{escape(_("Comparison of two versions"))}"'
    )
    table = table.replace(' nowrap="nowrap"', "")
    return mark_safe(table)  # noqa: S308 - difflib escapes the compared text


def version_save(*, actor, hdr: Hdr, comment: str = "") -> HdrVersion:
    _require_editor(actor, hdr.engagement)
    return _version(actor, hdr, comment)


def _version(actor, hdr: Hdr, comment: str) -> HdrVersion:
    with transaction.atomic():
        Hdr.objects.select_for_update().filter(pk=hdr.pk).first()
        last = hdr.versions.aggregate(last=Max("number"))["last"] or 0
        version = HdrVersion.objects.create(
            hdr=hdr, number=last + 1, content=snapshot(hdr), comment=comment.strip()[:2000], author=actor
        )
        log_action(actor, hdr.engagement, "advisory.hdr.version", {"version": version.number})
    return version


def comment_add(*, actor, hdr: Hdr, text: str, version: HdrVersion | None = None) -> HdrComment:
    _require_editor(actor, hdr.engagement)
    text = text.strip()
    if not text:
        raise ValidationError({"text": [_("Write the comment.")]})
    if version is not None and version.hdr_id != hdr.pk:
        raise ValidationError({"version": [_("Choose a version of this HDR.")]})
    with transaction.atomic():
        comment = HdrComment.objects.create(hdr=hdr, version=version, text=text, author=actor)
        log_action(actor, hdr.engagement, "advisory.hdr.comment", {"comment": text[:200]})
    return comment


# --- submission, approval, publication ------------------------------------------------------------------


def hdr_submit(*, actor, hdr: Hdr, comment: str = "") -> HdrVersion:
    """Send the draft to the local government's team for approval; refused while the check finds problems."""
    _require_editor(actor, hdr.engagement)
    _require_draft(hdr)
    problems = hdr_check(hdr)
    if problems:
        raise ValidationError([problem.message for problem in problems])
    with transaction.atomic():
        Hdr.objects.filter(pk=hdr.pk).update(
            status=HdrStatus.SUBMITTED, revision=F("revision") + 1, updated_at=timezone.now()
        )
        hdr.refresh_from_db()
        version = _version(actor, hdr, comment or _("Submitted for approval."))
        log_action(actor, hdr.engagement, "advisory.hdr.submit", {"version": version.number})
    return version


def hdr_return(*, actor, hdr: Hdr, comment: str = "") -> Hdr:
    """The team (or the advisers) send a submitted HDR back to drafting, with a comment why."""
    _require_editor(actor, hdr.engagement)
    if hdr.status != HdrStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted HDR can be returned to drafting."))
    with transaction.atomic():
        Hdr.objects.filter(pk=hdr.pk).update(status=HdrStatus.DRAFT, revision=F("revision") + 1)
        hdr.refresh_from_db()
        if comment.strip():
            HdrComment.objects.create(hdr=hdr, text=comment.strip()[:5000], author=actor)
        log_action(actor, hdr.engagement, "advisory.hdr.return", {"comment": comment[:200]})
    return hdr


def hdr_approve(*, actor, hdr: Hdr) -> Hdr:
    """The local government's team approves the submitted HDR; the HDR stage then closes."""
    if not can_approve_hdr(actor, hdr.engagement):
        raise PermissionDenied
    if hdr.status != HdrStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted HDR can be approved."))
    now = timezone.now()
    with transaction.atomic():
        Hdr.objects.filter(pk=hdr.pk).update(
            status=HdrStatus.APPROVED, approved_by=actor, approved_at=now, revision=F("revision") + 1
        )
        hdr.refresh_from_db()
        _version(actor, hdr, _("Approved by the local government's team."))
        EngagementStage.objects.filter(engagement=hdr.engagement, kind=StageKind.HDR).exclude(
            status=StageStatus.CLOSED
        ).update(status=StageStatus.CLOSED, closed_at=now)
        log_action(actor, hdr.engagement, "advisory.hdr.approve", {"hdr": hdr.title})
    return hdr


def hdr_publish(*, actor, hdr: Hdr) -> Hdr:
    """A coordinator publishes an approved HDR: it joins the public gallery and the site search."""
    if not can_publish_hdr(actor):
        raise PermissionDenied
    if hdr.status != HdrStatus.APPROVED:
        raise ValidationError(_("Only an approved HDR can be published."))
    with transaction.atomic():
        Hdr.objects.filter(pk=hdr.pk).update(status=HdrStatus.PUBLISHED, published_at=timezone.now())
        hdr.refresh_from_db()
        log_action(actor, hdr.engagement, "advisory.hdr.publish", {"hdr": hdr.title})
        reindex(GALLERY_KIND, [hdr.pk])
    return hdr


def hdr_unpublish(*, actor, hdr: Hdr) -> Hdr:
    if not can_publish_hdr(actor):
        raise PermissionDenied
    if hdr.status != HdrStatus.PUBLISHED:
        raise ValidationError(_("The HDR is not published."))
    with transaction.atomic():
        Hdr.objects.filter(pk=hdr.pk).update(status=HdrStatus.APPROVED, published_at=None)
        hdr.refresh_from_db()
        log_action(actor, hdr.engagement, "advisory.hdr.unpublish", {"hdr": hdr.title})
        reindex(GALLERY_KIND, [hdr.pk])
    return hdr
