#!/usr/bin/env python
"""Benchmark of the advisory dashboards at national scale: the stage matrix and the hours reports over
``--engagements`` (2,800) engagements with ``--entries`` (200,000) support-log entries (two experts each) and
a follow-up on every tenth entry; one HDR per engagement (5% drafts, 5% submitted, 30% approved, 60%
published) with ``--actions`` (30,000) actions in all and ``--monitoring`` (100,000) monitoring entries on the
actions of the approved and published HDRs (three to four per action; the latest says done, on track, at risk,
delayed or not started; deadlines spread over 2023–2027, so that some actions are overdue, some at risk).
Goal (issue 10, part 15): under 150 ms server time on PostgreSQL.

Generates its data once in the database DATABASE_URL points at (use one of its own), marked by a programme
named "Benchmark: advisory dashboards" (the HDR part is added to an older data set that has none);
``--force`` wipes and generates again. Local governments are the TERYT units when loaded, else synthetic ones.
Everything is written with bulk_create (about a minute on PostgreSQL). Measures, ``--repeat`` times each, the
median and the best of:

- the selectors alone (stage matrix of one call of 2,800; stage summary; hours by form, by expert, by local
  government; overdue follow-ups; overdue and at-risk HDR actions; HDRs by support area; the map's counts of
  engagements and of published HDRs by powiat), with their query counts;
- the coordinator's whole dashboard page (Django test client, production-like templates), server time: all
  cycles, one call, one call with the published-HDRs map layer.

Usage::

    DATABASE_URL=postgres://…/rozwoj_bench .venv/bin/python benchmarks/advisory_dashboards.py [--repeat 5]
    DATABASE_URL=sqlite:///$PWD/var/bench.sqlite3 .venv/bin/python benchmarks/advisory_dashboards.py
"""

from __future__ import annotations

import argparse
import datetime
import logging
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rozwoj.settings.dev")
MARK = "Benchmark: advisory dashboards"
VOIVODESHIPS = [f"{code:02d}" for code in range(2, 33, 2)]


def _local_governments(count: int):
    from rozwoj.organisations.models import LocalGovernment

    existing = list(LocalGovernment.objects.exclude(kind="voivodeship").order_by("terc")[:count])
    if len(existing) >= count:
        return existing
    missing = count - len(existing)
    taken = set(LocalGovernment.objects.values_list("terc", flat=True))
    rows = []
    for index in range(missing * 2):
        woj = VOIVODESHIPS[index % 16]
        terc = f"{woj}{(index // 16) % 60 + 1:02d}{index // 960 + 1:02d}2"
        if terc in taken:
            continue
        taken.add(terc)
        rows.append(
            LocalGovernment(
                terc=terc,
                name=f"Gmina bench {index}",
                name_search=f"gmina bench {index}",
                kind="gmina_rural",
                registry_date=datetime.date(2025, 1, 1),
            )
        )
        if len(rows) == missing:
            break
    LocalGovernment.objects.bulk_create(rows, batch_size=1000)
    return list(LocalGovernment.objects.exclude(kind="voivodeship").order_by("terc")[:count])


def generate(n_engagements: int, n_entries: int, seed: int) -> None:
    from django.db import transaction

    from rozwoj.advisory.models import (
        Call,
        Engagement,
        EngagementStage,
        FollowUp,
        StageKind,
        SupportArea,
        SupportForm,
        SupportLogEntry,
    )
    from rozwoj.experts.models import ExpertProfile
    from rozwoj.organisations.models import Organisation
    from rozwoj.people.models import Person
    from rozwoj.programmes.models import Programme

    rng = random.Random(seed)
    with transaction.atomic():
        lead, _created = Organisation.objects.get_or_create(
            name=MARK, defaults={"kind": "training_institution", "country": "PL", "city": "Warszawa"}
        )
        programme = Programme.objects.create(name=MARK, lead_institution=lead)
        call = Call.objects.create(
            programme=programme,
            title=MARK,
            opens_on=datetime.date(2022, 9, 1),
            closes_on=datetime.date(2022, 9, 30),
            cycle_starts_on=datetime.date(2022, 10, 1),
            cycle_ends_on=datetime.date(2023, 5, 31),
            places=3000,
        )
        people = Person.objects.bulk_create(
            [
                Person(first_name=f"Ekspert{i}", last_name=f"Bench{i}", email=f"e{i}@bench.example.org")
                for i in range(500)
            ]
        )
        experts = ExpertProfile.objects.bulk_create([ExpertProfile(person=p) for p in people])
        units = _local_governments(n_engagements)
        areas = list(SupportArea.objects.order_by("pk")) or [None]
        engagements = Engagement.objects.bulk_create(
            [
                Engagement(
                    call=call,
                    local_government=unit,
                    support_area=areas[i % len(areas)],
                    ros_expert=experts[(2 * i) % 500],
                    pro_expert=experts[(2 * i + 1) % 500],
                )
                for i, unit in enumerate(units)
            ],
            batch_size=1000,
        )
        statuses = ["closed", "in_progress", "not_started"]
        stages = []
        for engagement in engagements:
            reached = rng.randint(0, 5)
            for kind in StageKind.values:
                status = (
                    statuses[0] if kind <= reached else statuses[1] if kind == reached + 1 else statuses[2]
                )
                stages.append(
                    EngagementStage(
                        engagement=engagement,
                        kind=kind,
                        status=status,
                        closed_at=datetime.datetime(2023, 1, 1, tzinfo=datetime.UTC)
                        if status == "closed"
                        else None,
                    )
                )
        EngagementStage.objects.bulk_create(stages, batch_size=5000)
        forms = list(SupportForm.objects.all())
        members = Person.objects.bulk_create(
            [
                Person(first_name=f"Urzędnik{i}", last_name="Bench", email=f"u{i}@bench.example.org")
                for i in range(200)
            ]
        )
        through = SupportLogEntry.experts.through
        for start in range(0, n_entries, 10000):
            batch = []
            for i in range(start, min(start + 10000, n_entries)):
                engagement = engagements[i % len(engagements)]
                batch.append(
                    SupportLogEntry(
                        engagement=engagement,
                        form=forms[i % len(forms)],
                        date=datetime.date(2022, 10, 1) + datetime.timedelta(days=i % 240),
                        hours=Decimal(rng.choice(["1", "1.5", "2", "3", "6"])),
                    )
                )
            created = SupportLogEntry.objects.bulk_create(batch, batch_size=5000)
            links, follow_ups = [], []
            for entry in created:
                links.append(
                    through(supportlogentry_id=entry.pk, expertprofile_id=entry.engagement.ros_expert_id)
                )
                links.append(
                    through(supportlogentry_id=entry.pk, expertprofile_id=entry.engagement.pro_expert_id)
                )
                if rng.random() < 0.1:
                    follow_ups.append(
                        FollowUp(
                            entry=entry,
                            text="Ustalenie",
                            owner=members[rng.randrange(200)],
                            due_on=entry.date + datetime.timedelta(days=14),
                        )
                    )
            through.objects.bulk_create(links, batch_size=10000)
            FollowUp.objects.bulk_create(follow_ups, batch_size=5000)
            print(f"  {start + len(batch):,} entries", flush=True)


HDR_STATUSES = ["draft"] * 5 + ["submitted"] * 5 + ["approved"] * 30 + ["published"] * 60
# the status of an action's latest entry (earlier entries are not started or on track)
LATEST_STATUSES = (
    ["done"] * 35 + ["on_track"] * 30 + ["at_risk"] * 12 + ["delayed"] * 13 + ["not_started"] * 10
)
PERCENT = {"not_started": 0, "on_track": 50, "at_risk": 30, "delayed": 20, "done": 100}


def generate_hdrs(call, n_actions: int, n_monitoring: int, seed: int) -> None:
    """One HDR per engagement of the call, `n_actions` actions spread over them, `n_monitoring` entries spread
    over the actions of the approved and published HDRs; each action then points at its latest entry."""
    from django.db import transaction
    from django.db.models import OuterRef, Subquery
    from django.utils import timezone

    from rozwoj.advisory.models import Engagement, Hdr, HdrAction, MonitoringEntry

    rng = random.Random(seed + 1)
    now = timezone.now()
    with transaction.atomic():
        engagements = list(
            Engagement.objects.filter(call=call).order_by("pk").only("pk", "local_government_id")
        )
        statuses = [rng.choice(HDR_STATUSES) for _engagement in engagements]
        hdrs = Hdr.objects.bulk_create(
            [
                Hdr(
                    engagement=engagement,
                    title=f"HDR {engagement.local_government_id}",
                    context="Kontekst",
                    goals="Cel pierwszy\nCel drugi",
                    status=status,
                    approved_at=now if status in ("approved", "published") else None,
                    published_at=now if status == "published" else None,
                )
                for engagement, status in zip(engagements, statuses, strict=True)
            ],
            batch_size=1000,
        )
        actions = []
        first_day = datetime.date(2023, 3, 1)
        for i in range(n_actions):
            hdr = hdrs[i % len(hdrs)]
            starts_on = first_day + datetime.timedelta(days=rng.randrange(1400))
            actions.append(
                HdrAction(
                    hdr=hdr,
                    title=f"Działanie {i // len(hdrs) + 1}",
                    owner="Sekretarz",
                    starts_on=starts_on,
                    ends_on=starts_on + datetime.timedelta(days=rng.randrange(60, 400)),
                    indicator="Liczba spotkań",
                    target="4",
                    order=i // len(hdrs),
                )
            )
        actions = HdrAction.objects.bulk_create(actions, batch_size=5000)
        monitored = [a for a in actions if a.hdr.status in ("approved", "published")]
        # a few monitored actions have no entry yet (overdue once their deadline has passed)
        with_entries = [a for a in monitored if rng.random() > 0.05]
        per_action: dict[int, int] = {}
        for j in range(n_monitoring):
            action = with_entries[j % len(with_entries)]
            per_action[action.pk] = per_action.get(action.pk, 0) + 1
        entries = []
        for action in with_entries:
            count = per_action.get(action.pk, 0)
            latest = rng.choice(LATEST_STATUSES)
            for number in range(count):
                status = latest if number == count - 1 else ("not_started" if number == 0 else "on_track")
                entries.append(
                    MonitoringEntry(
                        action=action,
                        date=action.starts_on + datetime.timedelta(days=30 * number),
                        status=status,
                        percent_done=min(PERCENT[status] + 5 * number, 100) if status != "done" else 100,
                        comment="Postęp zgodny z planem" if status == "on_track" else "",
                    )
                )
            if len(entries) >= 20000:
                MonitoringEntry.objects.bulk_create(entries, batch_size=5000)
                entries = []
        MonitoringEntry.objects.bulk_create(entries, batch_size=5000)
        latest = (
            MonitoringEntry.objects.filter(action=OuterRef("pk")).order_by("-date", "-id").values("id")[:1]
        )
        HdrAction.objects.filter(hdr__engagement__call=call).update(latest_entry=Subquery(latest))
    print(f"  {len(hdrs):,} HDRs, {len(actions):,} actions, {n_monitoring:,} monitoring entries", flush=True)


def wipe() -> None:
    from rozwoj.advisory.models import Call, Engagement, Hdr, HdrAction, MonitoringEntry
    from rozwoj.experts.models import ExpertProfile
    from rozwoj.people.models import Person
    from rozwoj.programmes.models import Programme

    for call in Call.objects.filter(title=MARK):
        HdrAction.objects.filter(hdr__engagement__call=call).update(latest_entry=None)
        MonitoringEntry.objects.filter(action__hdr__engagement__call=call).delete()
        HdrAction.objects.filter(hdr__engagement__call=call).delete()
        Hdr.objects.filter(engagement__call=call).delete()
        for engagement in Engagement.objects.filter(call=call):
            engagement.log_entries.all().delete()
        Engagement.objects.filter(call=call).delete()
        call.delete()
    ExpertProfile.objects.filter(person__email__endswith="@bench.example.org").delete()
    Person.objects.filter(email__endswith="@bench.example.org").delete()
    Programme.objects.filter(name=MARK).delete()


def measure(label: str, function, repeat: int) -> dict:
    from django.db import connection, reset_queries

    times, queries = [], 0
    for _ in range(repeat):
        reset_queries()
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
        queries = len(connection.queries)
    row = {"what": label, "median_ms": statistics.median(times), "best_ms": min(times), "queries": queries}
    print(
        f"{label:<44} median {row['median_ms']:8.1f} ms   best {row['best_ms']:8.1f} ms   {queries:3d} queries"
    )
    return row


def prepare(args):
    """The data set (generated when missing) and the coordinator who reads it."""
    from django.db import connection

    from rozwoj.accounts.models import User, UserRole
    from rozwoj.advisory.models import Call, Hdr, SupportHours
    from rozwoj.advisory.services.support_hours import hours_recount_all

    if args.force:
        wipe()
    if not Call.objects.filter(title=MARK).exists():
        print(
            f"Generating {args.engagements:,} engagements and {args.entries:,} support-log entries…",
            flush=True,
        )
        generate(args.engagements, args.entries, args.seed)
    call = Call.objects.get(title=MARK)
    if not Hdr.objects.filter(engagement__call=call).exists():
        print(
            f"Generating HDRs: {args.actions:,} actions, {args.monitoring:,} monitoring entries…", flush=True
        )
        generate_hdrs(call, args.actions, args.monitoring, args.seed)
    if not SupportHours.objects.filter(engagement__call=call).exists():
        print("Counting the kept hours of the support log…", flush=True)
        hours_recount_all()  # the loader writes in bulk, without the signals that keep them
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    coordinator = User.objects.filter(email="coordinator@bench.example.org").first()
    if coordinator is None:
        coordinator = User.objects.create_user("coordinator@bench.example.org")
        UserRole.objects.create(user=coordinator, role="coordinator")
    return call, coordinator


def measure_selectors(call, coordinator, repeat: int) -> list[dict]:
    from rozwoj.advisory import maps
    from rozwoj.advisory.selectors import dashboards

    scope = dashboards.scope(coordinator, call=call)
    columns = dashboards.stage_columns(call)
    rows = [
        measure(
            "stage matrix (2 queries, all rows)", lambda: dashboards.stage_matrix(scope, columns), repeat
        ),
        measure("stage summary", lambda: dashboards.stage_summary(scope, columns), repeat),
        measure("hours by form of support", lambda: dashboards.hours_by_form(scope), repeat),
        measure("hours by expert", lambda: dashboards.hours_by_expert(scope), repeat),
        measure("hours by local government", lambda: dashboards.hours_by_local_government(scope), repeat),
        measure(
            "overdue follow-ups (first 200)", lambda: list(dashboards.overdue_follow_ups(scope)[:200]), repeat
        ),
        measure("overdue/at-risk HDR actions (first 51)", lambda: dashboards.overdue_actions(scope), repeat),
        measure(
            "map: engagements by powiat + SVG",
            lambda: maps.choropleth(
                "powiat", dashboards.map_counts(scope, layer="engagements", level="powiat")
            ),
            repeat,
        ),
    ]
    if "hdrs" in dashboards.MAP_LAYERS:  # the published HDRs' layer and the HDRs by support area, when there
        rows.append(
            measure(
                "map: published HDRs by powiat + SVG",
                lambda: maps.choropleth("powiat", dashboards.map_counts(scope, layer="hdrs", level="powiat")),
                repeat,
            )
        )
    by_area = getattr(dashboards, "hdrs_by_support_area", None)
    if by_area is not None:
        rows.append(measure("HDRs by support area", lambda: by_area(scope), repeat))
    everything = dashboards.scope(coordinator)
    rows.append(
        measure(
            "overdue/at-risk HDR actions, all cycles", lambda: dashboards.overdue_actions(everything), repeat
        )
    )
    return rows


def measure_pages(call, coordinator, repeat: int) -> list[dict]:
    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment

    from rozwoj.advisory.selectors import dashboards

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    client.force_login(coordinator)

    def page(url):
        def get():
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        return get

    rows = [
        measure("whole dashboard page, all cycles", page("/advisory/dashboard/"), repeat),
        measure("whole dashboard page, one call", page(f"/advisory/dashboard/?call={call.pk}"), repeat),
    ]
    if "hdrs" in dashboards.MAP_LAYERS:
        rows.append(
            measure(
                "whole page, one call, HDR map by powiat",
                page(f"/advisory/dashboard/?call={call.pk}&layer=hdrs&level=powiat"),
                repeat,
            )
        )
    rows.append(
        measure(
            "hours-by-expert XLSX export",
            lambda: b"".join(client.get(f"/advisory/dashboard/hours-expert.xlsx?call={call.pk}")),
            max(1, repeat // 2),
        )
    )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--engagements", type=int, default=2800)
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--actions", type=int, default=30_000)
    parser.add_argument("--monitoring", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from rozwoj.advisory.models import Engagement, HdrAction, MonitoringEntry

    settings.DEBUG = True  # to count queries
    logging.getLogger("rozwoj.request").setLevel(logging.WARNING)  # not a line per request
    call, coordinator = prepare(args)
    print(
        f"Database: {connection.vendor}; engagements in the call: {call.engagements.count():,}; "
        f"in all: {Engagement.objects.count():,}; HDR actions: {HdrAction.objects.count():,}; "
        f"monitoring entries: {MonitoringEntry.objects.count():,}"
    )
    measure_selectors(call, coordinator, args.repeat)
    measure_pages(call, coordinator, args.repeat)


if __name__ == "__main__":
    main()
