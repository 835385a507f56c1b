"""Writes of debates and dialogue meetings: the meeting with its recommendations (kept in order, edited as one
list), deleting a meeting, and turning a recommendation into an action of the engagement's HDR."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rozwoj.core.audit import log_action

from ..models import (
    ActionOrigin,
    Debate,
    Engagement,
    EngagementStatus,
    Hdr,
    HdrAction,
    HdrStatus,
    InvitedGroup,
    Recommendation,
)
from ..selectors.access import can_work_on
from . import hdr as hdr_services

DEBATE_FIELDS = (
    "kind",
    "topic",
    "date",
    "place",
    "is_online",
    "moderator_expert",
    "moderator_name",
    "invited_groups",
    "agenda",
    "participant_count",
    "participants",
    "conclusions",
)
MAX_RECOMMENDATIONS = 30
MAX_RECOMMENDATION_LENGTH = 2000
TITLE_LENGTH = 255


def can_write_debates(user, engagement: Engagement) -> bool:
    """Coordinators and the engagement's two advisers record debates; the local government's team reads them."""
    return can_work_on(user, engagement)


def recommendation_lines(text: str) -> list[str]:
    """One recommendation per non-empty line, in order."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _errors(engagement: Engagement, data: dict[str, Any], recommendations: list[str]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not (data.get("topic") or "").strip():
        errors["topic"] = [_("Give the topic of the meeting.")]
    if not data.get("date"):
        errors["date"] = [_("Give the date of the meeting.")]
    if not data.get("is_online") and not (data.get("place") or "").strip():
        errors["place"] = [_("Give the place, or mark the meeting as online.")]
    expert = data.get("moderator_expert")
    if expert is not None and expert.pk not in {engagement.ros_expert_id, engagement.pro_expert_id}:
        errors["moderator_expert"] = [_("Choose an expert of this engagement's advisory team.")]
    if expert is not None and (data.get("moderator_name") or "").strip():
        errors["moderator_name"] = [_("Give either an expert of the team or another moderator, not both.")]
    groups = data.get("invited_groups") or []
    if any(group not in InvitedGroup.values for group in groups):
        errors["invited_groups"] = [_("Choose groups from the list.")]
    if len(recommendations) > MAX_RECOMMENDATIONS:
        errors["recommendations"] = [_("At most %(count)d recommendations.") % {"count": MAX_RECOMMENDATIONS}]
    elif any(len(text) > MAX_RECOMMENDATION_LENGTH for text in recommendations):
        errors["recommendations"] = [
            _("A recommendation has at most %(count)d characters.") % {"count": MAX_RECOMMENDATION_LENGTH}
        ]
    return errors


def _sync_recommendations(debate: Debate, texts: list[str]) -> None:
    """Keep the rows whose text is unchanged (and their HDR actions), reuse the others in order for edited
    texts, create or delete the rest; a recommendation already turned into an HDR action is never deleted."""
    existing = list(debate.recommendations.order_by("order", "id"))
    by_text: dict[str, list[Recommendation]] = {}
    for row in existing:
        by_text.setdefault(row.text, []).append(row)
    placed: list[Recommendation | None] = []
    for text in texts:
        same = by_text.get(text)
        placed.append(same.pop(0) if same else None)
    used = {row.pk for row in placed if row is not None}
    spare = [row for row in existing if row.pk not in used]
    for index, text in enumerate(texts):
        if placed[index] is None and spare:
            row = spare.pop(0)
            row.text = text
            placed[index] = row
    linked = set(
        HdrAction.objects.filter(source_recommendation__in=[row.pk for row in spare]).values_list(
            "source_recommendation_id", flat=True
        )
    )
    if linked:
        raise ValidationError(
            {
                "recommendations": [
                    _("A recommendation that became an HDR action cannot be removed: edit its text instead.")
                ]
            }
        )
    Recommendation.objects.filter(pk__in=[row.pk for row in spare]).delete()
    for order, (text, kept) in enumerate(zip(texts, placed, strict=True), 1):
        if kept is None:
            Recommendation.objects.create(debate=debate, order=order, text=text)
        else:
            kept.order = order
            kept.text = text
            kept.save(update_fields=["order", "text"])


def debate_save(
    *,
    actor,
    engagement: Engagement,
    data: dict[str, Any],
    recommendations: list[str] | None = None,
    debate: Debate | None = None,
) -> Debate:
    """Create (debate=None) or update a debate; `recommendations` (texts in order) replace its list."""
    if not can_write_debates(actor, engagement):
        raise PermissionDenied
    if engagement.status == EngagementStatus.CLOSED:
        raise ValidationError({"topic": [_("The engagement is closed.")]})
    texts = [text.strip() for text in (recommendations or []) if text.strip()]
    errors = _errors(engagement, data, texts)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        created = debate is None
        if debate is None:
            debate = Debate(engagement=engagement, author=actor)
        for field in DEBATE_FIELDS:
            if field in data:
                setattr(debate, field, data[field])
        if debate.moderator_expert_id:
            debate.moderator_name = ""
        if debate.is_online and not debate.place:
            debate.place = ""
        debate.invited_groups = [
            group for group in InvitedGroup.values if group in (debate.invited_groups or [])
        ]
        debate.save()
        _sync_recommendations(debate, texts)
        log_action(
            actor,
            engagement,
            "advisory.debate.create" if created else "advisory.debate.update",
            {"topic": debate.topic, "date": debate.date, "recommendations": len(texts)},
        )
    return debate


def debate_delete_refusal(debate: Debate) -> str:
    """Why the meeting cannot be deleted ("" when it can): one of its recommendations became an HDR action,
    which shows the meeting as where it came from."""
    numbers = sorted(
        {
            order
            for order in HdrAction.objects.filter(source_recommendation__debate=debate).values_list(
                "source_recommendation__order", flat=True
            )
        }
    )
    if not numbers:
        return ""
    return ngettext(
        "The meeting cannot be deleted: its recommendation %(numbers)s became an HDR action, which shows this "
        "meeting as where it came from. Delete that action from the HDR first, or keep the meeting.",
        "The meeting cannot be deleted: its recommendations %(numbers)s became HDR actions, which show this "
        "meeting as where they came from. Delete those actions from the HDR first, or keep the meeting.",
        len(numbers),
    ) % {"numbers": ", ".join(str(number) for number in numbers)}


def debate_delete(*, actor, debate: Debate) -> None:
    """Delete a meeting with its recommendations; refused (nothing changed) while the engagement is closed or
    one of its recommendations is an HDR action. The recommendations are locked first, so that none becomes an
    action meanwhile."""
    engagement = debate.engagement
    if not can_write_debates(actor, engagement):
        raise PermissionDenied
    if engagement.status == EngagementStatus.CLOSED:
        raise ValidationError(_("The engagement is closed: its meetings can no longer be deleted."))
    with transaction.atomic():
        locked = list(Recommendation.objects.select_for_update().filter(debate=debate).values_list("pk"))
        refusal = debate_delete_refusal(debate)
        if refusal:
            raise ValidationError(refusal)
        log_action(
            actor,
            engagement,
            "advisory.debate.delete",
            {"topic": debate.topic, "date": debate.date, "recommendations": len(locked)},
        )
        debate.delete()


def _title(text: str) -> str:
    """The recommendation's first line, shortened to fit a title (the description keeps all of it)."""
    first = text.strip().splitlines()[0].strip()
    return first if len(first) <= TITLE_LENGTH else first[: TITLE_LENGTH - 1].rstrip() + "…"


def recommendation_to_action(*, actor, recommendation: Recommendation) -> HdrAction:
    """A new action of the engagement's draft HDR, its title and description taken from the recommendation and
    linked to it. Refused when the engagement has no HDR, when the HDR is not a draft (published, submitted,
    approved) and when the recommendation is an action already."""
    debate = recommendation.debate
    engagement = debate.engagement
    if not can_write_debates(actor, engagement):
        raise PermissionDenied
    hdr = Hdr.objects.filter(engagement=engagement).first()
    if hdr is None:
        raise ValidationError(
            _(
                "The engagement has no HDR yet: start the HDR first, then turn the recommendation into an action."
            )
        )
    if hdr.status == HdrStatus.PUBLISHED:
        raise ValidationError(_("The HDR is published: a published HDR takes no new actions."))
    if hdr.status != HdrStatus.DRAFT:
        raise ValidationError(_("The HDR is no longer a draft: return it to drafting first."))
    if recommendation.hdr_actions.exists():
        raise ValidationError(_("This recommendation is already an action of the HDR."))
    with transaction.atomic():
        action = hdr_services.action_create(
            actor=actor,
            hdr=hdr,
            data={
                "title": _title(recommendation.text),
                "description": recommendation.text,
                "origin": ActionOrigin.DEBATE,
            },
        )
        action.source_recommendation = recommendation
        action.source_label = f"{debate.topic} ({debate.date.isoformat()})"[:300]
        action.save(update_fields=["source_recommendation", "source_label"])
        log_action(
            actor,
            engagement,
            "advisory.debate.recommendation_to_action",
            {"topic": debate.topic, "action": action.title},
        )
    return action
