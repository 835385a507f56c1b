#!/usr/bin/env python
"""Benchmark of the advisory dashboards at national scale: the stage matrix and the hours reports over
``--engagements`` (2,800) engagements with ``--entries`` (200,000) support-log entries (two experts each) and
a follow-up on every tenth entry. Goal (issue 10, part 15): under 150 ms server time on PostgreSQL.

Generates its data once in the database DATABASE_URL points at (use one of its own), marked by a programme
named "Benchmark: advisory dashboards"; ``--force`` wipes and generates again. Local governments are the TERYT
units when loaded, else synthetic ones. Measures, ``--repeat`` times each, the median and the best of:

- the selectors alone (stage matrix of one call of 2,800; hours by form, by expert, by local government;
  overdue follow-ups; the map's counts by voivodeship and powiat), with their query counts;
- the coordinator's whole dashboard page (Django test client, production-like templates), server time.

Usage::

    DATABASE_URL=postgres://…/rozwoj_bench .venv/bin/python benchmarks/advisory_dashboards.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime
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
        engagements = Engagement.objects.bulk_create(
            [
                Engagement(
                    call=call,
                    local_government=unit,
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


def wipe() -> None:
    from rozwoj.advisory.models import Call, Engagement
    from rozwoj.experts.models import ExpertProfile
    from rozwoj.people.models import Person
    from rozwoj.programmes.models import Programme

    for call in Call.objects.filter(title=MARK):
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


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--engagements", type=int, default=2800)
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from rozwoj.accounts.models import User, UserRole
    from rozwoj.advisory import maps
    from rozwoj.advisory.models import Call
    from rozwoj.advisory.selectors import dashboards

    settings.DEBUG = True  # to count queries
    if args.force:
        wipe()
    if not Call.objects.filter(title=MARK).exists():
        print(
            f"Generating {args.engagements:,} engagements and {args.entries:,} support-log entries…",
            flush=True,
        )
        generate(args.engagements, args.entries, args.seed)
    call = Call.objects.get(title=MARK)
    coordinator = User.objects.filter(email="coordinator@bench.example.org").first()
    if coordinator is None:
        coordinator = User.objects.create_user("coordinator@bench.example.org")
        UserRole.objects.create(user=coordinator, role="coordinator")
    print(f"Database: {connection.vendor}; engagements in the call: {call.engagements.count():,}")
    scope = dashboards.scope(coordinator, call=call)
    columns = dashboards.stage_columns(call)
    rows = [
        measure(
            "stage matrix (2 queries, all rows)", lambda: dashboards.stage_matrix(scope, columns), args.repeat
        ),
        measure("hours by form of support", lambda: dashboards.hours_by_form(scope), args.repeat),
        measure("hours by expert", lambda: dashboards.hours_by_expert(scope), args.repeat),
        measure(
            "hours by local government", lambda: dashboards.hours_by_local_government(scope), args.repeat
        ),
        measure(
            "overdue follow-ups (first 200)",
            lambda: list(dashboards.overdue_follow_ups(scope)[:200]),
            args.repeat,
        ),
        measure(
            "map counts by powiat + SVG",
            lambda: maps.choropleth(
                "powiat", dashboards.map_counts(scope, layer="engagements", level="powiat")
            ),
            args.repeat,
        ),
    ]
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    client.force_login(coordinator)
    url = f"/advisory/dashboard/?call={call.pk}"

    def page():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    rows.append(measure("whole coordinator dashboard page", page, args.repeat))
    rows.append(
        measure(
            "hours-by-expert XLSX export",
            lambda: b"".join(client.get(f"/advisory/dashboard/hours-expert.xlsx?call={call.pk}")),
            max(1, args.repeat // 2),
        )
    )
    del rows


if __name__ == "__main__":
    main()
