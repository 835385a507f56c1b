"""Writes of the support log: entries with experts, people present, follow-ups; attendance from events."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rozwoj.core.audit import log_action
from rozwoj.events.models import PRESENT_STATUSES, Attendance

from ..models import Engagement, EngagementMember, EngagementStatus, FollowUp, SupportLogEntry
from ..selectors.access import can_work_on

ENTRY_FIELDS = ("form", "date", "hours", "event", "notes")


def attendees_from_event(engagement: Engagement, event) -> list[EngagementMember]:
    """The engagement's team members marked present at any session of `event`."""
    present = Attendance.objects.filter(session__event=event, status__in=PRESENT_STATUSES).values(
        "registration__person_id"
    )
    return list(EngagementMember.objects.filter(engagement=engagement, person_id__in=present))


def _errors(
    engagement: Engagement, data: dict[str, Any], experts, attendees, follow_ups, kept_form_id=None
) -> dict:
    errors: dict[str, list[str]] = {}
    call = engagement.call
    date = data.get("date")
    if date and not call.cycle_starts_on <= date <= call.cycle_ends_on:
        errors["date"] = [
            _("The date is outside the cycle (%(start)s – %(end)s).")
            % {"start": call.cycle_starts_on.isoformat(), "end": call.cycle_ends_on.isoformat()}
        ]
    form = data.get("form")
    if form is not None and not form.is_active and form.pk != kept_form_id:
        errors["form"] = [_("Choose a form of support in use.")]
    if form is not None and form.is_cycle_wide and data.get("event") is None:
        errors["event"] = [_("A meeting of the whole cycle is an event: choose it.")]
    team_ids = {engagement.ros_expert_id, engagement.pro_expert_id} - {None}
    if any(expert.pk not in team_ids for expert in experts):
        errors["experts"] = [_("Choose the experts of this engagement's advisory team.")]
    if any(member.engagement_id != engagement.pk for member in attendees):
        errors["attendees"] = [_("Choose people of this local government's team.")]
    for index, row in enumerate(follow_ups):
        if date and row["due_on"] < date:
            errors[f"follow_ups-{index}-due_on"] = [_("A follow-up cannot be due before the meeting.")]
    return errors


def entry_save(
    *,
    actor,
    engagement: Engagement,
    data: dict[str, Any],
    experts=(),
    attendees=(),
    follow_ups: list[dict] | None = None,
    entry: SupportLogEntry | None = None,
) -> SupportLogEntry:
    """Create (entry=None) or update an entry; follow-ups given replace the entry's open ones."""
    if not can_work_on(actor, engagement):
        raise PermissionDenied
    if engagement.status == EngagementStatus.CLOSED:
        raise ValidationError({"date": [_("The engagement is closed.")]})
    follow_ups = follow_ups or []
    experts, attendees = list(experts), list(attendees)
    event = data.get("event")
    if event is not None and not attendees:
        attendees = attendees_from_event(engagement, event)
    errors = _errors(engagement, data, experts, attendees, follow_ups, entry.form_id if entry else None)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        action = "advisory.log.update" if entry else "advisory.log.create"
        if entry is None:
            entry = SupportLogEntry(engagement=engagement, author=actor)
        for field in ENTRY_FIELDS:
            if field in data:
                setattr(entry, field, data[field])
        entry.save()
        entry.experts.set(experts)
        entry.attendees.set(attendees)
        FollowUp.objects.filter(entry=entry, done_at__isnull=True).delete()
        FollowUp.objects.bulk_create(FollowUp(entry=entry, **row) for row in follow_ups)
        log_action(
            actor,
            engagement,
            action,
            {
                "form": str(entry.form),
                "date": entry.date,
                "hours": str(entry.hours),
                "follow_ups": len(follow_ups),
            },
        )
    return entry


def entry_delete(*, actor, entry: SupportLogEntry) -> None:
    engagement = entry.engagement
    if not can_work_on(actor, engagement):
        raise PermissionDenied
    with transaction.atomic():
        log_action(actor, engagement, "advisory.log.delete", {"form": str(entry.form), "date": entry.date})
        entry.delete()


def follow_up_done(*, actor, follow_up: FollowUp) -> FollowUp:
    """Experts and coordinators, and the owner themself, tick a follow-up off."""
    engagement = follow_up.entry.engagement
    owner_user = getattr(follow_up.owner, "user_id", None)
    if not (can_work_on(actor, engagement) or (owner_user and owner_user == actor.pk)):
        raise PermissionDenied
    if follow_up.done_at is None:
        with transaction.atomic():
            follow_up.done_at = timezone.now()
            follow_up.save(update_fields=["done_at"])
            log_action(actor, engagement, "advisory.follow_up.done", {"follow_up": follow_up.text})
    return follow_up
