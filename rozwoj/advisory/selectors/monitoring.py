"""Reading the monitoring of an HDR (stage 5): who may write entries, the actions with their latest entry and
their flags, one action's entries, and the overdue and at-risk actions of many engagements (bounded).

An action is *overdue* when its deadline (`ends_on`) has passed and its latest entry does not say it is done
(no entry at all counts as not done); it is *at risk* when its latest entry says so. Only the actions of an
approved (or published) HDR of an active engagement are monitored and flagged."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from ..models import Engagement, EngagementStatus, HdrAction, HdrStatus, MonitoringEntry, MonitoringStatus
from .access import engagements_visible_to
from .hdr import can_edit_hdr

MONITORED_HDR_STATUSES = (HdrStatus.APPROVED, HdrStatus.PUBLISHED)
NOT_DONE = [status for status in MonitoringStatus.values if status != MonitoringStatus.DONE]


def can_monitor(user, engagement: Engagement) -> bool:
    """Coordinators, the engagement's two advisers and its local-government team write monitoring entries."""
    return can_edit_hdr(user, engagement)


def overdue_condition(today: datetime.date) -> Q:
    return Q(ends_on__lt=today) & (Q(latest_entry__isnull=True) | Q(latest_entry__status__in=NOT_DONE))


def at_risk_condition() -> Q:
    return Q(latest_entry__status=MonitoringStatus.AT_RISK)


def is_overdue(action: HdrAction, today: datetime.date) -> bool:
    latest = action.latest_entry
    return bool(
        action.ends_on
        and action.ends_on < today
        and (latest is None or latest.status != MonitoringStatus.DONE)
    )


def is_at_risk(action: HdrAction) -> bool:
    return action.latest_entry is not None and action.latest_entry.status == MonitoringStatus.AT_RISK


def monitored_actions(engagement: Engagement, today: datetime.date | None = None) -> list[HdrAction]:
    """The actions of the engagement's approved HDR with their latest entry and flags (one query); empty while
    the HDR is not approved."""
    today = today or timezone.localdate()
    actions = list(
        HdrAction.objects.filter(hdr__engagement=engagement, hdr__status__in=MONITORED_HDR_STATUSES)
        .select_related("latest_entry", "priority")
        .order_by("order", "id")
    )
    for action in actions:
        action.is_overdue = is_overdue(action, today)
        action.is_at_risk = is_at_risk(action)
    return actions


def _visible_actions(user) -> QuerySet[HdrAction]:
    return HdrAction.objects.filter(hdr__engagement__in=engagements_visible_to(user)).select_related(
        "hdr__engagement__call__programme",
        "hdr__engagement__local_government",
        "hdr__engagement__ros_expert__person",
        "hdr__engagement__pro_expert__person",
        "latest_entry",
    )


def access_monitored_action(user, pk: int, *, manage: bool = False) -> HdrAction:
    """An action of an HDR whose engagement the user sees (404 otherwise); `manage`: may write entries (403)."""
    action = _visible_actions(user).filter(pk=pk).first()
    if action is None:
        raise Http404
    if manage and not can_monitor(user, action.hdr.engagement):
        raise PermissionDenied
    return action


def access_monitoring_entry(user, pk: int, *, manage: bool = False) -> MonitoringEntry:
    """A monitoring entry (and its evidence file) for those who see its engagement; never for anyone else,
    even when the HDR is published. `manage`: may correct or delete it, as those who add entries (403)."""
    entry = (
        MonitoringEntry.objects.filter(action__hdr__engagement__in=engagements_visible_to(user))
        .select_related(
            "action__hdr__engagement__local_government",
            "action__hdr__engagement__ros_expert__person",
            "action__hdr__engagement__pro_expert__person",
            "author",
        )
        .filter(pk=pk)
        .first()
    )
    if entry is None:
        raise Http404
    if manage and not can_monitor(user, entry.action.hdr.engagement):
        raise PermissionDenied
    return entry


def action_entries(action: HdrAction) -> QuerySet[MonitoringEntry]:
    return action.monitoring_entries.select_related("author").order_by("-date", "-id")


def engagement_entries(engagement: Engagement) -> QuerySet[MonitoringEntry]:
    """Every entry of the engagement's HDR, newest first (for the API's list)."""
    return (
        MonitoringEntry.objects.filter(action__hdr__engagement=engagement)
        .select_related("action")
        .order_by("-date", "-id")
    )


def flagged_actions(
    engagements: QuerySet[Engagement], today: datetime.date | None = None
) -> QuerySet[HdrAction]:
    """The overdue or at-risk actions of the active engagements among `engagements`, the longest overdue first
    (slice it: it is one query whatever the number of engagements)."""
    today = today or timezone.localdate()
    return (
        HdrAction.objects.filter(
            hdr__engagement__in=engagements.filter(status=EngagementStatus.ACTIVE).values("id"),
            hdr__status__in=MONITORED_HDR_STATUSES,
        )
        .filter(overdue_condition(today) | at_risk_condition())
        .select_related("hdr__engagement__local_government", "latest_entry")
        .order_by("ends_on", "id")
    )


def with_flags(actions, today: datetime.date | None = None) -> list[HdrAction]:
    today = today or timezone.localdate()
    actions = list(actions)
    for action in actions:
        action.is_overdue = is_overdue(action, today)
        action.is_at_risk = is_at_risk(action)
    return actions


def engagement_flagged(engagement: Engagement, today: datetime.date | None = None) -> list[HdrAction]:
    """The engagement's overdue and at-risk actions, for its page (one query)."""
    return [
        action for action in monitored_actions(engagement, today) if action.is_overdue or action.is_at_risk
    ]
