"""Monitoring in the demo: the local governments of the 2022–23 cycle have their HDRs (drafted at their seats in
January–February 2023 and approved by their teams) and monitoring entries through the spring of 2023. Most actions
are done; in gmina Dwikozy one action is overdue (its deadline passed while it was delayed) and one is at risk,
so that the engagement page, the coordinator's dashboard and the weekly digest have something to show. The first
local government of the cycle (by name, other than Dwikozy) has a finished evaluation, which closed its
engagement."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from rozwoj.advisory.models import (
    Call,
    Engagement,
    EngagementStage,
    Hdr,
    HdrAction,
    HdrStatus,
    HdrVersion,
    ManagementTool,
    MonitoringEntry,
    MonitoringStatus,
    StageKind,
    StageStatus,
)
from rozwoj.advisory.services import engagements as engagement_services
from rozwoj.advisory.services import evaluation, monitoring
from rozwoj.advisory.services.hdr import snapshot

from .advisory import CALL_2022, COORDINATOR_EMAIL, DWIKOZY

APPROVED_ON = datetime.datetime(2023, 2, 28, 12, tzinfo=datetime.UTC)
ACTIONS = [
    (
        "Zespół ds. strategii oświatowej gminy",
        "Sekretarz gminy",
        "Liczba spotkań zespołu",
        "0",
        "6",
        datetime.date(2023, 3, 1),
        datetime.date(2023, 4, 28),
    ),
    (
        "Sieć współpracy dyrektorów szkół",
        "Kierownik referatu oświaty",
        "Liczba szkół w sieci",
        "0",
        "5",
        datetime.date(2023, 3, 1),
        datetime.date(2023, 5, 26),
    ),
    (
        "Plan doskonalenia kadry kierowniczej",
        "Dyrektorzy szkół",
        "Odsetek dyrektorów objętych planem",
        "0%",
        "100%",
        datetime.date(2023, 3, 15),
        datetime.date(2023, 5, 31),
    ),
]
# Dwikozy: the first action was delayed past its deadline (overdue), the second is at risk
DWIKOZY_ENTRIES = {
    0: [
        (datetime.date(2023, 3, 30), MonitoringStatus.ON_TRACK, 30, "2"),
        (datetime.date(2023, 4, 27), MonitoringStatus.DELAYED, 60, "4"),
    ],
    1: [
        (datetime.date(2023, 3, 30), MonitoringStatus.ON_TRACK, 20, "1"),
        (datetime.date(2023, 5, 10), MonitoringStatus.AT_RISK, 40, "2"),
    ],
    2: [(datetime.date(2023, 5, 30), MonitoringStatus.DONE, 100, "100%")],
}
COMMENTS = {
    MonitoringStatus.ON_TRACK: "Realizacja zgodnie z harmonogramem.",
    MonitoringStatus.DELAYED: "Spotkania przesunięte z powodu naboru do przedszkoli.",
    MonitoringStatus.AT_RISK: "Dwie szkoły nie wyznaczyły jeszcze przedstawicieli do sieci.",
    MonitoringStatus.DONE: "Działanie zakończone.",
}


def _hdr(engagement: Engagement, tools) -> Hdr:
    unit = engagement.local_government.display_name
    hdr = Hdr.objects.create(
        engagement=engagement,
        title=f"Harmonogram działań rozwojowych — {unit}",
        context=f"{unit} opracowała harmonogram w siedzibie urzędu w styczniu i lutym 2023. (Dane demonstracyjne.)",
        goals="Wspólna strategia rozwoju oświaty w gminie\nRozwój kadry kierowniczej szkół",
        status=HdrStatus.APPROVED,
        approved_at=APPROVED_ON,
        is_demo=True,
    )
    priorities = list(engagement.priorities.order_by("rank", "id"))
    HdrAction.objects.bulk_create(
        HdrAction(
            hdr=hdr,
            priority=priorities[number % len(priorities)] if priorities else None,
            title=title,
            owner=owner,
            starts_on=starts_on,
            ends_on=ends_on,
            resources="Czas pracy zespołu JST",
            expected_effect="Postęp w wybranym obszarze wsparcia",
            indicator=indicator,
            baseline=baseline,
            target=target,
            management_tool=tools[number % len(tools)] if tools else None,
            order=number + 1,
        )
        for number, (title, owner, indicator, baseline, target, starts_on, ends_on) in enumerate(ACTIONS)
    )
    HdrVersion.objects.create(hdr=hdr, number=1, content=snapshot(hdr), comment="Wersja zatwierdzona.")
    EngagementStage.objects.filter(engagement=engagement, kind=StageKind.HDR).update(
        status=StageStatus.CLOSED, closed_at=APPROVED_ON
    )
    return hdr


def load_monitoring_demo() -> int:
    """HDRs and monitoring entries for the 2022–23 cycle, once; the number of entries written."""
    call = Call.objects.filter(title=CALL_2022).first()
    if call is None or MonitoringEntry.objects.filter(action__hdr__engagement__call=call).exists():
        return 0
    coordinator = get_user_model().objects.get(email=COORDINATOR_EMAIL)
    tools = list(ManagementTool.objects.filter(is_active=True))
    written = 0
    evaluated = None
    engagements = Engagement.objects.filter(call=call, hdr__isnull=True).select_related("local_government")
    for engagement in engagements.order_by("local_government__name", "id"):
        hdr = _hdr(engagement, tools)
        dwikozy = engagement.local_government.terc == DWIKOZY
        for number, action in enumerate(hdr.actions.select_related("hdr__engagement").order_by("order")):
            rows = (
                DWIKOZY_ENTRIES[number]
                if dwikozy
                else [
                    (ACTIONS[number][5] + datetime.timedelta(days=30), MonitoringStatus.ON_TRACK, 50, ""),
                    (ACTIONS[number][6], MonitoringStatus.DONE, 100, action.target),
                ]
            )
            for date, status, percent, value in rows:
                monitoring.entry_add(
                    actor=coordinator,
                    action=action,
                    data={
                        "date": min(date, timezone.localdate()),
                        "status": status,
                        "percent_done": percent,
                        "indicator_value": value,
                        "comment": COMMENTS[status],
                    },
                )
                written += 1
        if evaluated is None and not dwikozy:
            evaluated = engagement
    if evaluated is not None:
        _evaluate(coordinator, evaluated)
    return written


def _evaluate(coordinator, engagement: Engagement) -> None:
    """Close the monitoring stage and write and close the evaluation, which closes the engagement."""
    stage = engagement.stages.get(kind=StageKind.MONITORING)
    engagement_services.stage_update(actor=coordinator, stage=stage, data={"status": StageStatus.CLOSED})
    evaluation.evaluation_save(
        actor=coordinator,
        engagement=engagement,
        data={
            "local_government_assessment": (
                "Zespół ds. strategii pracuje regularnie, a dyrektorzy szkół współpracują w sieci. "
                "Najwięcej dał wspólny przegląd danych o szkołach."
            ),
            "local_government_rating": 5,
            "experts_assessment": (
                "Wszystkie działania HDR zrealizowano w terminie; wskaźniki osiągnięto. Gmina planuje kolejne "
                "działania samodzielnie."
            ),
            "experts_rating": 4,
            "lessons_learned": (
                "Dane o sieci szkół warto zebrać przed pierwszym spotkaniem doradczym. "
                "Udział dyrektorów od początku przyspiesza uzgodnienia."
            ),
        },
        results={
            action.pk: {"achieved_value": action.target}
            for action in HdrAction.objects.filter(hdr__engagement=engagement).exclude(indicator="")
        },
    )
    evaluation.evaluation_close(actor=coordinator, engagement=engagement)
