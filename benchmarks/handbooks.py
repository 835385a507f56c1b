#!/usr/bin/env python
"""Benchmark of the handbook export: a handbook of 200 chapters in four languages (English master, Polish,
Latvian and Greek translations of every chapter, about 600 words each).

Against the database DATABASE_URL points at (default: SQLite in var/bench-handbooks.sqlite3, not the dev
database), it sets up once a handbook marked ``bench-handbooks`` (10 parts of 20 chapters), then measures the
background work of an export (rozwoj.handbooks.services_exports.export_prepare, the same function Celery runs),
``--repeat`` times each: DOCX and PDF of one language (English) and of the whole handbook (four languages),
with the number of SQL queries each takes. It also times the handbook's working page.

Usage::

    .venv/bin/python benchmarks/handbooks.py [--fresh] [--repeat 1] [--chapters 200]

Prints the figures and saves them as JSON under benchmarks/results/.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rozwoj.settings.dev")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{PROJECT_DIR / 'var' / 'bench-handbooks.sqlite3'}")

TITLE = "bench-handbooks"
RESULTS_DIR = PROJECT_DIR / "benchmarks" / "results"
PARAGRAPH = (
    "Coaching gives a manager in public administration time to think: a structured conversation in which the "
    "coach asks and the manager finds their own answers, then tries them with the team and reports back. "
)


def say(message: str = "") -> None:
    print(message, flush=True)


def _body(n: int) -> str:
    sections = []
    for s in range(3):
        sections.append(f"## Section {n}.{s + 1}\n\n" + "\n\n".join(PARAGRAPH * 3 for _ in range(2)))
        sections.append("- first step\n- second step\n- third step")
    return "\n\n".join(sections)


def setup(chapters: int, fresh: bool):
    from django.db import transaction

    from rozwoj.accounts.models import User
    from rozwoj.handbooks.models import Chapter, Handbook, Part, Translation
    from rozwoj.organisations.models import Organisation
    from rozwoj.programmes.models import Programme

    existing = Handbook.objects.filter(title=TITLE).first()
    if existing and fresh:
        programme = existing.programme
        existing.delete()
        programme.delete()
        existing = None
    if existing:
        return existing
    say(f"Setting up a handbook of {chapters} chapters in four languages…")
    with transaction.atomic():
        organisation = Organisation.objects.create(
            name="Bench partner (handbooks)", kind="partner_institution"
        )
        programme = Programme.objects.create(name=TITLE, acronym=TITLE, lead_institution=organisation)
        handbook = Handbook.objects.create(programme=programme, title=TITLE)
        rows = []
        for p in range(max(1, chapters // 20)):
            part = Part.objects.create(handbook=handbook, title=f"Part {p + 1}", order=p)
            for c in range(20):
                n = p * 20 + c + 1
                if n > chapters:
                    break
                rows.append(
                    Chapter(
                        handbook=handbook,
                        part=part,
                        order=c,
                        title=f"Chapter {n}",
                        author_organisation=organisation,
                        body=_body(n),
                        revision=1,
                    )
                )
        Chapter.objects.bulk_create(rows, batch_size=200)
        translations = [
            Translation(
                chapter=chapter,
                language=language,
                title=f"{chapter.title} ({language})",
                body=chapter.body,
                status="done",
                revision=1,
                master_revision=1,
            )
            for chapter in Chapter.objects.filter(handbook=handbook)
            for language in ("pl", "lv", "el")
        ]
        Translation.objects.bulk_create(translations, batch_size=500)
        User.objects.filter(email="coordinator@handbooks-bench.example.org").delete()
    return handbook


def measure(handbook, language: str, fmt: str, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rozwoj.handbooks.models import HandbookExport
    from rozwoj.handbooks.services_exports import export_prepare

    times, queries, size = [], 0, 0
    for _ in range(repeat):
        export = HandbookExport.objects.create(
            handbook=handbook,
            language=language,
            format=fmt,
            chapters_total=handbook.chapters.count() * (1 if language else 4),
        )
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            export_prepare(export.pk)
        times.append(time.perf_counter() - started)
        queries = len(captured)
        export.refresh_from_db()
        size = export.file.size
        export.file.delete(save=False)
        export.delete()
    return {
        "language": language or "all",
        "format": fmt,
        "seconds_median": round(statistics.median(times), 2),
        "queries": queries,
        "bytes": size,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--chapters", type=int, default=200)
    parser.add_argument("--only", choices=["docx", "pdf"], default=None)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    handbook = setup(args.chapters, args.fresh)
    results = []
    for fmt in [args.only] if args.only else ["docx", "pdf"]:
        for language in ("en", ""):
            result = measure(handbook, language, fmt, args.repeat)
            say(
                f"{result['format']:>4} {result['language']:>3}: {result['seconds_median']:>7} s, "
                f"{result['queries']} queries, {result['bytes']:,} bytes"
            )
            results.append(result)
    RESULTS_DIR.mkdir(exist_ok=True)
    out = RESULTS_DIR / f"handbooks-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(
        json.dumps({"machine": platform.node(), "chapters": args.chapters, "results": results}, indent=2)
    )
    say(f"Saved {out}")


if __name__ == "__main__":
    main()
