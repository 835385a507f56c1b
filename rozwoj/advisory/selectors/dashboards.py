"""Reads for the advisory dashboards: the coordinator's stage matrix, map and hours, the expert's and the local
government's own view. Every read is scoped (by `engagements_visible_to`) and runs a fixed number of queries,
whatever the number of engagements (asserted in tests, measured at national scale in benchmarks/)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rozwoj.events.models import EventStatus, Session
from rozwoj.experts.models import ExpertProfile

from ..models import (
    Call,
    Engagement,
    EngagementStage,
    FollowUp,
    Hdr,
    HdrStatus,
    ProgrammeStage,
    StageKind,
    StageStatus,
    SupportForm,
    SupportHours,
    SupportLogEntry,
)
from .access import engagements_visible_to
from .programme_settings import stage_names

LEVELS = {"voivodeship": 2, "powiat": 4}
OVERDUE_ON_PAGE = 50
MATRIX_PAGE = 50


# --- what the map can show: engagements and published HDRs; a higher part may register more ---------------

MapCounter = Callable[[QuerySet[Engagement], int], dict[str, int]]


@dataclass(frozen=True)
class MapLayer:
    key: str
    label: object
    counter: MapCounter  # (engagements in scope, length of the TERC prefix) → {terc prefix: count}


def _engagement_counts(engagements: QuerySet[Engagement], digits: int) -> dict[str, int]:
    rows = (
        engagements.annotate(area=Substr("local_government__terc", 1, digits))
        .order_by()
        .values("area")
        .annotate(n=Count("id"))
    )
    return {row["area"]: row["n"] for row in rows}


def _published_hdr_counts(engagements: QuerySet[Engagement], digits: int) -> dict[str, int]:
    rows = (
        Hdr.objects.filter(engagement__in=engagements.values("id"), status=HdrStatus.PUBLISHED)
        .annotate(area=Substr("engagement__local_government__terc", 1, digits))
        .order_by()
        .values("area")
        .annotate(n=Count("id"))
    )
    return {row["area"]: row["n"] for row in rows}


MAP_LAYERS: dict[str, MapLayer] = {
    "engagements": MapLayer("engagements", _("Engagements"), _engagement_counts),
    "hdrs": MapLayer("hdrs", _("Published HDRs"), _published_hdr_counts),
}


def register_map_layer(layer: MapLayer) -> None:
    """A higher part adds what it counts per voivodeship and powiat to the map."""
    MAP_LAYERS[layer.key] = layer


def map_counts(engagements: QuerySet[Engagement], *, layer: str, level: str) -> dict[str, int]:
    return MAP_LAYERS[layer].counter(engagements, LEVELS[level])


# --- the coordinator's dashboard ------------------------------------------------------------------------


def dashboard_calls(user) -> QuerySet[Call]:
    """The calls a coordinator can pick on the dashboard."""
    if not (user.is_authenticated and user.is_coordinator):
        return Call.objects.none()
    return Call.objects.select_related("programme").order_by("-cycle_starts_on", "-id")


def scope(user, *, call: Call | None = None) -> QuerySet[Engagement]:
    engagements = engagements_visible_to(user)
    if call is not None:
        engagements = engagements.filter(call=call)
    return engagements


def stage_columns(call: Call | None) -> list[tuple[int, str]]:
    if call is not None:
        return stage_names(call.programme_id)
    return [(kind, str(StageKind(kind).label)) for kind in StageKind.values]


def matrix_rows(engagements: QuerySet[Engagement]):
    """The engagements of the matrix, in its order, as the few values a row shows (paginated by the page)."""
    return engagements.order_by("local_government__name", "id").values(
        "id", "local_government__name", "local_government__terc", "status"
    )


def stage_matrix(
    engagements: QuerySet[Engagement], columns: list[tuple[int, str]], rows: list[dict] | None = None
) -> list[dict]:
    """One row per engagement (all of them, or the page `rows` of `matrix_rows`): the local government, its TERC,
    and the status of each stage column (None when the engagement has no such stage). Two queries."""
    if rows is None:
        rows = list(matrix_rows(engagements))
        stages = EngagementStage.objects.filter(engagement__in=engagements.values("id"))
    else:
        stages = EngagementStage.objects.filter(engagement_id__in=[row["id"] for row in rows])
    statuses: dict[int, dict[int, str]] = defaultdict(dict)
    for engagement_id, kind, status in stages.values_list("engagement_id", "kind", "status"):
        statuses[engagement_id][kind] = status
    labels = dict(StageStatus.choices)
    kinds = [kind for kind, _name in columns]
    matrix = []
    for row in rows:
        own = statuses.get(row["id"], {})
        cells = [{"status": own.get(kind), "label": labels.get(own.get(kind) or "", "")} for kind in kinds]
        current = next((name for kind, name in columns if own.get(kind) == StageStatus.IN_PROGRESS), "")
        matrix.append(
            {
                "id": row["id"],
                "name": row["local_government__name"],
                "terc": row["local_government__terc"],
                "status": row["status"],
                "cells": cells,
                "current": current,
                "closed": sum(1 for cell in cells if cell["status"] == StageStatus.CLOSED),
            }
        )
    return matrix


def stage_summary(engagements: QuerySet[Engagement], columns: list[tuple[int, str]]) -> list[dict]:
    """Per stage column: how many engagements have it not started, in progress, closed (one query)."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        EngagementStage.objects.filter(engagement__in=engagements.values("id"))
        .order_by()
        .values("kind", "status")
        .annotate(n=Count("id"))
    )
    for row in rows:
        counts[row["kind"]][row["status"]] = row["n"]
    return [
        {
            "kind": kind,
            "name": name,
            "not_started": counts[kind].get(StageStatus.NOT_STARTED, 0),
            "in_progress": counts[kind].get(StageStatus.IN_PROGRESS, 0),
            "closed": counts[kind].get(StageStatus.CLOSED, 0),
        }
        for kind, name in columns
    ]


# --- hours of support: read from the sums kept per engagement (SupportHours), not from the support log ------

HOURS_SHOWN = 25  # rows of the by-expert and by-local-government tables on the page; the exports have all


def _kept_hours(engagements: QuerySet[Engagement], *, per: str) -> QuerySet[SupportHours]:
    """The kept sums of the engagements: per form of support or per expert."""
    return SupportHours.objects.filter(
        engagement__in=engagements.values("id"), **{f"{'expert' if per == 'form' else 'form'}__isnull": True}
    ).order_by()


def hours_by_form(engagements: QuerySet[Engagement]) -> list[Mapping[str, Any]]:
    """Per form of support: hours and entries (two queries: the kept sums, then the forms' names)."""
    sums = list(
        _kept_hours(engagements, per="form")
        .values("form_id")
        .annotate(hours=Sum("hours"), entries=Sum("entries"))
    )
    names = dict(
        SupportForm.objects.filter(pk__in=[row["form_id"] for row in sums]).values_list("id", "name")
    )
    rows: list[Mapping[str, Any]] = [{**row, "form__name": names.get(row["form_id"], "")} for row in sums]
    return sorted(rows, key=lambda row: (-(row["hours"] or 0), row["form__name"]))


def hours_by_expert(engagements: QuerySet[Engagement]) -> list[Mapping[str, Any]]:
    """Per expert: the hours and the number of entries they logged in the engagements (two queries: the kept sums
    by expert, then the experts' names)."""
    sums = list(
        _kept_hours(engagements, per="expert")
        .values("expert_id")
        .annotate(hours=Sum("hours"), entries=Sum("entries"))
    )
    names = {
        row["id"]: row
        for row in ExpertProfile.objects.filter(pk__in=[row["expert_id"] for row in sums]).values(
            "id", "person__first_name", "person__last_name"
        )
    }
    rows: list[Mapping[str, Any]] = [
        {
            "expertprofile_id": row["expert_id"],
            "expertprofile__person__first_name": names[row["expert_id"]]["person__first_name"],
            "expertprofile__person__last_name": names[row["expert_id"]]["person__last_name"],
            "hours": row["hours"],
            "entries": row["entries"],
        }
        for row in sums
        if row["expert_id"] in names
    ]
    rows.sort(key=lambda row: (-row["hours"], row["expertprofile__person__last_name"]))
    return rows


def hours_by_local_government(engagements: QuerySet[Engagement]) -> list[Mapping[str, Any]]:
    """Per local government (its name and TERC): the hours and the entries logged in its engagements (two
    queries: the kept sums by engagement, then the engagements' local governments, added up here)."""
    sums = {
        row["engagement_id"]: row
        for row in _kept_hours(engagements, per="form")
        .values("engagement_id")
        .annotate(hours=Sum("hours"), entries=Sum("entries"))
    }
    totals: dict[tuple[str, str], dict[str, Any]] = {}
    for engagement in engagements.order_by().values("id", "local_government__name", "local_government__terc"):
        found = sums.get(engagement["id"])
        if found is None:
            continue
        key = (engagement["local_government__name"], engagement["local_government__terc"])
        total = totals.setdefault(
            key,
            {
                "engagement__local_government__name": key[0],
                "engagement__local_government__terc": key[1],
                "hours": Decimal(0),
                "entries": 0,
            },
        )
        total["hours"] += found["hours"] or Decimal(0)
        total["entries"] += found["entries"]
    return sorted(totals.values(), key=lambda row: (-row["hours"], row["engagement__local_government__name"]))


def hdrs_by_support_area(engagements: QuerySet[Engagement]) -> list[Mapping[str, Any]]:
    """Per support area of the engagements: how many HDRs are drafted (or submitted), approved and published
    (one query)."""
    drafting = [HdrStatus.DRAFT, HdrStatus.SUBMITTED]
    return list(
        Hdr.objects.filter(engagement__in=engagements.values("id"))
        .order_by()
        .values("engagement__support_area_id", "engagement__support_area__name")
        .annotate(
            drafting=Count("id", filter=Q(status__in=drafting)),
            approved=Count("id", filter=Q(status=HdrStatus.APPROVED)),
            published=Count("id", filter=Q(status=HdrStatus.PUBLISHED)),
            total=Count("id"),
        )
        .order_by("-total", "engagement__support_area__name")
    )


def total_hours(rows: list[dict]) -> Decimal:
    return sum((row["hours"] or Decimal(0) for row in rows), Decimal(0))


def overdue_follow_ups(engagements: QuerySet[Engagement], today: datetime.date | None = None) -> QuerySet:
    today = today or timezone.localdate()
    return (
        FollowUp.objects.filter(
            entry__engagement__in=engagements.values("id"), done_at__isnull=True, due_on__lt=today
        )
        .select_related("owner", "entry__engagement__local_government")
        .order_by("due_on", "id")
    )


def overdue_actions(engagements: QuerySet[Engagement], today: datetime.date | None = None) -> list:
    """The first OVERDUE_ON_PAGE + 1 overdue or at-risk HDR actions of the active engagements, flagged (one
    query; the extra one tells the page there are more)."""
    from .monitoring import flagged_actions, with_flags

    return with_flags(flagged_actions(engagements, today)[: OVERDUE_ON_PAGE + 1], today)


# --- the expert's and the local government's own view ----------------------------------------------------


def my_engagements(user) -> list[dict]:
    """The engagements the user works on or belongs to, each with its stages and its HDR (two queries)."""
    engagements = engagements_visible_to(user).filter(status="active")
    rows = list(
        engagements.select_related("local_government", "call", "hdr").order_by(
            "local_government__name", "id"
        )[:100]
    )
    renamed = ProgrammeStage.objects.filter(
        programme_id=OuterRef("engagement__call__programme_id"), kind=OuterRef("kind")
    ).exclude(name="")
    stages = (
        EngagementStage.objects.filter(engagement__in=[e.pk for e in rows])
        .annotate(programme_name=Subquery(renamed.values("name")[:1]))
        .order_by("kind")
    )
    by_engagement: dict[int, list] = defaultdict(list)
    for stage in stages:
        stage.display_name = stage.programme_name or stage.get_kind_display()
        by_engagement[stage.engagement_id].append(stage)
    return [
        {
            "engagement": engagement,
            "stages": by_engagement.get(engagement.pk, []),
            "closed": sum(1 for s in by_engagement.get(engagement.pk, []) if s.status == StageStatus.CLOSED),
        }
        for engagement in rows
    ]


def expert_hours(user) -> list[Mapping[str, Any]]:
    """The hours of support the user (an expert) logged, by form of support (one query)."""
    return list(
        SupportLogEntry.objects.filter(experts__person__user=user)
        .order_by()
        .values("form__name")
        .annotate(hours=Sum("hours"), entries=Count("id"))
        .order_by("-hours", "form__name")
    )


def next_meetings(user, now: datetime.datetime | None = None) -> list[Session]:
    """The next sessions of the events of the programmes the user's engagements are in (one query)."""
    now = now or timezone.now()
    programmes = engagements_visible_to(user).filter(status="active").values("call__programme_id")
    return list(
        Session.objects.filter(event__programme_id__in=programmes, starts_at__gte=now)
        .exclude(event__status__in=[EventStatus.DRAFT, EventStatus.CANCELLED])
        .select_related("event")
        .order_by("starts_at", "id")[:5]
    )


def my_open_follow_ups(user) -> QuerySet[FollowUp]:
    """Follow-ups the user owns or, for an expert, agreed in their engagements, not done yet."""
    engagements = engagements_visible_to(user)
    return (
        FollowUp.objects.filter(done_at__isnull=True)
        .filter(Q(owner__user=user) | Q(entry__engagement__in=engagements.values("id")))
        .select_related("owner", "entry__engagement__local_government")
        .order_by("due_on", "id")[:50]
    )
