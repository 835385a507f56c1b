#!/usr/bin/env python
"""Benchmark of the partnership workspace: the synthesis of 40 national reports and a meeting's cost table.

Against the database DATABASE_URL points at (default: SQLite in var/bench-partnerships.sqlite3, not the dev
database), it sets up once the coaching benchmark's data (``benchmarks/coaching.py``: 40 partner organisations
with a pilot group each, 2,000 coachees, 20,000 sessions), makes the 40 organisations partners of the programme
and adds what a partnership accumulates over the project:

- four report periods with a report per partner in each (160 reports, every section about 200 words); in the
  measured period 36 reports submitted or accepted (their figures computed from the sessions and kept, as on
  submission) and 4 drafts (figures computed on every read);
- the period's synthesis (an introduction and conclusions) quoting three passages of every submitted report
  (108 quotations);
- the transnational meeting of three days with its costing under the 575 € / 760 € call: three participants per
  partner (120; one in ten online, the rest in the three distance bands).

Then it measures, in-process (Django's test client, the development settings, a coordinator), ``--repeat``
times each, with the SQL queries of one request:

1. ``synthesis``: the synthesis page (the side-by-side table of 36 countries, the quotations by section);
2. ``synthesis_pdf`` / ``synthesis_docx``: the synthesis exported;
3. ``period``: the period's page (the 40 reports with their status);
4. ``draft_report``: a draft report's page (its figures computed from its pilot group's 500 sessions);
5. ``costs``: the meeting's cost table page; ``costs_xlsx`` / ``costs_csv``: the table for the Beneficiary
   Module; ``participants_pdf``: the participant list for signatures.

Usage::

    .venv/bin/python benchmarks/partnerships.py [--repeat 5]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/rozwoj_bench_partnerships .venv/bin/python benchmarks/partnerships.py

Prints the figures and saves them as JSON under benchmarks/results/.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rozwoj.settings.dev")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{PROJECT_DIR / 'var' / 'bench-partnerships.sqlite3'}")

from benchmarks import coaching  # noqa: E402  (after the settings are chosen)

MARKER = "[bench-partnerships]"
COORDINATOR_EMAIL = "coordinator@partnerships-bench.example.org"
RESULTS_DIR = PROJECT_DIR / "benchmarks" / "results"
QUOTATIONS = 3  # per submitted report
PARTICIPANTS = 3  # per partner at the meeting
WORDS = [
    "coaching",
    "managers",
    "team",
    "session",
    "goal",
    "delegation",
    "feedback",
    "public",
    "administration",
    "pilot",
    "group",
    "reflection",
    "questions",
    "trust",
    "change",
    "leadership",
    "workload",
    "online",
    "meeting",
    "ministry",
    "unit",
    "practice",
    "learning",
]


def say(message: str = "") -> None:
    print(message, flush=True)


def paragraph(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def generate(seed: int) -> None:
    from rozwoj.events.models import Event, EventKind, EventStatus, Format, Session
    from rozwoj.partnerships.models import (
        CostCall,
        DistanceBand,
        MeetingCosting,
        MeetingParticipant,
        PartnerReport,
        Quotation,
        ReportPeriod,
        ReportStatus,
        Section,
        Synthesis,
        UnitCost,
    )
    from rozwoj.partnerships.selectors.figures import pilot_group_figures
    from rozwoj.programmes.models import Programme, ProgrammePartner

    rng = random.Random(seed)
    programme = Programme.objects.get(name=coaching.NAME)
    partners = list(programme.pilot_groups.order_by("partner__name").values_list("partner", flat=True))
    ProgrammePartner.objects.bulk_create(
        ProgrammePartner(programme=programme, organisation_id=organisation) for organisation in partners
    )
    kind = EventKind.objects.get(code="transnational_meeting")
    meeting = Event.objects.create(
        kind=kind,
        programme=programme,
        organiser_id=partners[0],
        title=f"{MARKER} Second transnational meeting",
        description="Bench.",
        status=EventStatus.REGISTRATION_OPEN,
        languages=["en"],
    )
    Session.objects.create(
        event=meeting,
        order=1,
        starts_at=datetime.datetime(2025, 10, 13, 9, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2025, 10, 15, 15, tzinfo=datetime.UTC),
        hours=Decimal("18"),
        format=Format.HYBRID,
    )
    periods = [
        ReportPeriod.objects.create(
            programme=programme,
            title=f"{MARKER} Report {number + 1}",
            starts_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=182 * number),
            ends_on=datetime.date(2024, 6, 30) + datetime.timedelta(days=182 * number),
            due_on=datetime.date(2024, 7, 15) + datetime.timedelta(days=182 * number),
            meeting=meeting if number == 2 else None,
        )
        for number in range(4)
    ]
    measured = periods[2]  # 2025-01-01 – 2025-06-30: the coaching benchmark's sessions
    sections = [key for key, _label in Section.choices]
    reports = []
    for period in periods:
        for index, organisation in enumerate(partners):
            submitted = period is not measured or index >= 4
            report = PartnerReport(
                period=period,
                organisation_id=organisation,
                status=ReportStatus.ACCEPTED if submitted and index % 2 else ReportStatus.SUBMITTED,
                **{key: paragraph(rng, 200) for key in sections},
            )
            if not submitted:
                report.status = ReportStatus.DRAFT
            elif period is measured:
                report.figures = pilot_group_figures(
                    programme.pk, organisation, period.starts_on, period.ends_on
                )
            reports.append(report)
    PartnerReport.objects.bulk_create(reports)
    synthesis = Synthesis.objects.create(
        period=measured, introduction=paragraph(rng, 300), conclusions=paragraph(rng, 300)
    )
    Quotation.objects.bulk_create(
        Quotation(
            synthesis=synthesis,
            report=report,
            section=rng.choice(sections),
            text=" ".join(report.observations.split()[:40]),
            order=order,
        )
        for order, report in enumerate(
            r
            for r in PartnerReport.objects.filter(period=measured).exclude(status=ReportStatus.DRAFT)
            for _ in range(QUOTATIONS)
        )
    )
    call = CostCall.objects.create(name=f"{MARKER} Erasmus+ 2014–2020", to_verify=True)
    UnitCost.objects.bulk_create(
        [
            UnitCost(call=call, band=DistanceBand.FROM_100, amount=Decimal("575.00")),
            UnitCost(call=call, band=DistanceBand.FROM_2000, amount=Decimal("760.00")),
        ]
    )
    costing = MeetingCosting.objects.create(event=meeting, call=call)
    bands = [DistanceBand.UNDER_100, DistanceBand.FROM_100, DistanceBand.FROM_100, DistanceBand.FROM_2000]
    MeetingParticipant.objects.bulk_create(
        MeetingParticipant(
            costing=costing,
            organisation_id=organisation,
            name=f"Participant {index}-{number}",
            sending_city=rng.choice(["Rīga", "Athens", "Warsaw", "Vilnius", "Tallinn"]),
            band=rng.choice(bands),
            online=rng.random() < 0.1,
        )
        for index, organisation in enumerate(partners)
        for number in range(PARTICIPANTS)
    )


def set_up(args):
    from django.core.management import call_command
    from django.db import connection

    from rozwoj.partnerships.models import ReportPeriod
    from rozwoj.programmes.models import Programme

    call_command("migrate", verbosity=0)
    if not Programme.objects.filter(name=coaching.NAME).exists():
        say("Generating the coaching benchmark's 2,000 coachees and 20,000 sessions…")
        started = time.perf_counter()
        coaching.generate(args.seed)
        say(f"  generated in {time.perf_counter() - started:.0f} s")
    if not ReportPeriod.objects.filter(title__startswith=MARKER).exists():
        say("Generating 160 reports, the synthesis and the meeting's 120 participants…")
        started = time.perf_counter()
        generate(args.seed)
        say(f"  generated in {time.perf_counter() - started:.0f} s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return coaching._user(COORDINATOR_EMAIL, "coordinator")


def measure(user, url: str, repeat: int) -> dict:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)

    def get():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        if response.streaming:
            return b"".join(response.streaming_content)
        return response.content

    reset_queries()  # the log keeps at most 9,000 queries (DEBUG): full, it would count none
    with CaptureQueriesContext(connection) as queries:
        body = get()  # warm-up, counted
    times = []
    for _index in range(repeat):
        started = time.perf_counter()
        get()
        times.append((time.perf_counter() - started) * 1000)
    return {
        "median_ms": round(statistics.median(times), 1),
        "min_ms": round(min(times), 1),
        "max_ms": round(max(times), 1),
        "runs": repeat,
        "queries": len(queries),
        "bytes": len(body),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.urls import reverse

    from rozwoj.events.models import Event
    from rozwoj.partnerships.models import MeetingParticipant, PartnerReport, ReportPeriod

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    coordinator = set_up(args)
    period = ReportPeriod.objects.get(title=f"{MARKER} Report 3")
    draft = PartnerReport.objects.filter(period=period, status="draft").order_by("pk").first()
    meeting = Event.objects.get(title__startswith=MARKER)
    say(
        f"{connection.vendor}: {PartnerReport.objects.filter(period__title__startswith=MARKER).count()} reports, "
        f"{MeetingParticipant.objects.filter(costing__event=meeting).count()} participants"
    )
    urls = {
        "synthesis": reverse("partnerships:synthesis", args=[period.pk]),
        "synthesis_pdf": reverse("partnerships:synthesis_export", args=[period.pk, "pdf"]),
        "synthesis_docx": reverse("partnerships:synthesis_export", args=[period.pk, "docx"]),
        "period": reverse("partnerships:period", args=[period.pk]),
        "draft_report": reverse("partnerships:report", args=[draft.pk]),
        "costs": reverse("partnerships:meeting_costs", args=[meeting.pk]),
        "costs_xlsx": reverse("partnerships:meeting_costs_export", args=[meeting.pk, "xlsx"]),
        "costs_csv": reverse("partnerships:meeting_costs_export", args=[meeting.pk, "csv"]),
        "participants_pdf": reverse("partnerships:participant_list", args=[meeting.pk]),
    }
    figures = {}
    for name, url in urls.items():
        figures[name] = measure(coordinator, url, args.repeat)
        say(f"{name}: {figures[name]}")
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = RESULTS_DIR / f"partnerships-{connection.vendor}-{stamp}.json"
    path.write_text(
        json.dumps(
            {
                "vendor": connection.vendor,
                "figures": figures,
                "machine": platform.platform(),
                "load_average": os.getloadavg(),
            },
            indent=2,
        )
    )
    say(f"saved {path.relative_to(PROJECT_DIR)}")


if __name__ == "__main__":
    main()
