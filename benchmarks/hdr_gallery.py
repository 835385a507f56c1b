#!/usr/bin/env python
"""Benchmark of the public HDR gallery: server time of `/advisory/hdr/` searched in full text and filtered, over
``--actions`` (30,000) actions in published HDRs of ``--per-hdr`` (10) actions each (national scale).

The HDRs belong to engagements of real units of the TERYT registry (load the demo or `generate.py` first so that
the registry is there) in two benchmark calls; their text is deterministic Polish (``--seed``). Each request runs
``--requests`` times in-process (Django's test client: the server's own time, no network) after a warm-up; the
median, the 95th percentile and the number of SQL queries are printed. ``--delete`` removes the benchmark rows.

Usage::

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/rozwoj_bench   # or sqlite:///$PWD/var/bench.sqlite3
    .venv/bin/python manage.py migrate
    .venv/bin/python benchmarks/hdr_gallery.py [--actions 30000] [--requests 30]
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rozwoj.settings.dev")

TITLE = "[bench-hdr]"
WORDS = [
    "sieć",
    "szkół",
    "dyrektorów",
    "nauczycieli",
    "współpraca",
    "rodzicami",
    "rada",
    "gminy",
    "budżet",
    "oświaty",
    "subwencja",
    "raport",
    "danych",
    "egzaminów",
    "wyniki",
    "uczniów",
    "doskonalenie",
    "zawodowe",
    "przywództwo",
    "cyfryzacja",
    "edukacja",
    "włączająca",
    "profilaktyka",
    "dobrostan",
    "kształcenie",
    "zawodowe",
    "rynek",
    "pracy",
    "debata",
    "konsultacje",
    "strategia",
    "polityka",
    "oświatowa",
    "zespół",
    "urzędu",
    "arkusz",
    "organizacyjny",
    "dowóz",
    "przedszkole",
    "biblioteka",
    "pedagogiczna",
    "mentoring",
    "ewaluacja",
    "wskaźnik",
]
QUERIES = [
    ("search", {"q": "sieć szkół"}),
    ("search rare", {"q": "biblioteka pedagogiczna mentoring"}),
    ("filter type", {"kind": "rural_gmina"}),
    ("search + area", {"q": "raport danych", "area": "AREA"}),
    ("no filter", {}),
]


def sentence(rng: random.Random, length: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(length)).capitalize() + "."


def make(actions: int, per_hdr: int, seed: int) -> int:
    from django.utils import timezone

    from rozwoj.advisory.models import Call, Engagement, Hdr, HdrAction, HdrStatus, SupportArea
    from rozwoj.core.search import reindex
    from rozwoj.organisations.models import LocalGovernment
    from rozwoj.programmes.models import Programme
    from rozwoj.programmes.tests.factories import ProgrammeFactory

    if Call.objects.filter(title__startswith=TITLE).exists():
        return 0
    rng = random.Random(seed)
    programme = Programme.objects.order_by("pk").first() or ProgrammeFactory()
    units = list(LocalGovernment.objects.exclude(kind="voivodeship").order_by("terc"))
    areas = list(SupportArea.objects.all())
    hdr_count = actions // per_hdr
    calls = [
        Call.objects.create(
            programme=programme,
            title=f"{TITLE} {number}",
            opens_on=datetime.date(2024, 1, 1),
            closes_on=datetime.date(2024, 2, 1),
            cycle_starts_on=datetime.date(2024, 3, 1),
            cycle_ends_on=datetime.date(2024, 12, 31),
            places=3000,
        )
        for number in range(hdr_count // len(units) + 1)
    ]
    engagements = Engagement.objects.bulk_create(
        Engagement(
            call=calls[index // len(units)],
            local_government=units[index % len(units)],
            support_area=areas[index % len(areas)],
        )
        for index in range(hdr_count)
    )
    now = timezone.now()
    hdrs = Hdr.objects.bulk_create(
        Hdr(
            engagement=engagement,
            title=f"HDR {engagement.local_government_id} {sentence(rng, 3)}",
            context=" ".join(sentence(rng, 12) for _ in range(3)),
            goals="\n".join(sentence(rng, 5) for _ in range(3)),
            status=HdrStatus.PUBLISHED,
            published_at=now,
        )
        for engagement in engagements
    )
    HdrAction.objects.bulk_create(
        (
            HdrAction(
                hdr=hdr,
                title=sentence(rng, 5),
                description=sentence(rng, 15),
                owner="Sekretarz",
                expected_effect=sentence(rng, 6),
                indicator=sentence(rng, 3),
                target="1",
                order=number,
            )
            for hdr in hdrs
            for number in range(per_hdr)
        ),
        batch_size=2000,
    )
    reindex("hdr", [hdr.pk for hdr in hdrs])
    return len(hdrs)


def delete() -> None:
    from rozwoj.advisory.models import Call, Engagement, Hdr
    from rozwoj.core.search import unindex

    hdrs = Hdr.objects.filter(engagement__call__title__startswith=TITLE)
    unindex("hdr", list(hdrs.values_list("pk", flat=True)))
    Engagement.objects.filter(call__title__startswith=TITLE).delete()
    Call.objects.filter(title__startswith=TITLE).delete()


def timed(client, url: str, params: dict, requests: int, warmup: int = 3) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        client.get(url, params)
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url, params)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, params, response.status_code)
    with CaptureQueriesContext(connection) as captured:
        client.get(url, params)
    times.sort()
    return {
        "median": statistics.median(times),
        "p95": times[max(int(len(times) * 0.95) - 1, 0)],
        "queries": len(captured.captured_queries),
        "found": response.context["total"] if response.context else None,
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actions", type=int, default=30_000)
    parser.add_argument("--per-hdr", type=int, default=10)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--seed", type=int, default=2019)
    parser.add_argument("--delete", action="store_true", help="only remove the benchmark's rows")
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from rozwoj.advisory.models import HdrAction, SupportArea

    if args.delete:
        delete()
        print("Benchmark rows removed.")
        return
    setup_test_environment()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.DEBUG = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    started = time.perf_counter()
    created = make(args.actions, args.per_hdr, args.seed)
    print(
        f"{connection.vendor}: {created} HDRs created in {time.perf_counter() - started:.1f} s; "
        f"{HdrAction.objects.filter(hdr__status='published').count()} published actions in all"
    )
    area = str(SupportArea.objects.order_by("pk").values_list("pk", flat=True).first())
    client = Client()
    for name, params in QUERIES:
        params = {key: (area if value == "AREA" else value) for key, value in params.items()}
        result = timed(client, "/advisory/hdr/", params, args.requests)
        print(
            f"{name:<14} median {result['median']:7.1f} ms  p95 {result['p95']:7.1f} ms  "
            f"{result['queries']} queries  {result['found']} HDRs"
        )


if __name__ == "__main__":
    main()
