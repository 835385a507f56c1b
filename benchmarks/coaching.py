#!/usr/bin/env python
"""Benchmark of coaching: 40 partners with a pilot group each, 2,000 coachees, 20,000 sessions.

Against the database DATABASE_URL points at (default: SQLite in var/bench-coaching.sqlite3, not the dev
database), it sets up once a programme marked ``bench-coaching`` with 40 partner organisations, a pilot group of
50 members for each, one coach (the worst case: every agreement is theirs, 2,000 coachees), an agreement per
coachee and 10 sessions each with two techniques and a rating per goal. Then it measures, in-process (Django's
test client, the development settings), ``--repeat`` times each:

1. ``log``: the coach's log page (totals, the first page of hours per coachee, supervision);
2. ``log_xlsx_request``: the coach asks for the XLSX (the request alone); ``log_xlsx_background``: the
   background work that writes the whole log (2,000 rows) and stores it; ``log_csv``: the CSV streamed, read to
   the end;
3. ``group``: a pilot group's page (members, figures, techniques used most, latest sessions);
4. ``groups``: the list of pilot groups (coordinator).

Usage::

    .venv/bin/python benchmarks/coaching.py [--fresh] [--repeat 5]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/rozwoj_bench_coaching .venv/bin/python benchmarks/coaching.py

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
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rozwoj.settings.dev")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{PROJECT_DIR / 'var' / 'bench-coaching.sqlite3'}")

NAME = "Benchmark: bench-coaching"
COACH_EMAIL = "coach@coaching-bench.example.org"
COORDINATOR_EMAIL = "coordinator@coaching-bench.example.org"
RESULTS_DIR = PROJECT_DIR / "benchmarks" / "results"
PARTNERS = 40
MEMBERS = 50  # per group: 2,000 coachees
SESSIONS = 10  # per agreement: 20,000 sessions


def say(message: str = "") -> None:
    print(message, flush=True)


def _user(email: str, role: str):
    from rozwoj.accounts.models import User, UserRole
    from rozwoj.people.models import Person

    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None)
        UserRole.objects.create(user=user, role=role)
        Person.objects.create(first_name="Bench", last_name=role, email=email, user=user)
    return user


def generate(seed: int) -> None:  # noqa: PLR0914
    from rozwoj.coaching.models import (
        Agreement,
        Goal,
        GoalProgress,
        PilotGroup,
        PilotGroupMember,
        Session,
        Technique,
    )
    from rozwoj.experts.models import ExpertProfile, ExpertSpecialisation
    from rozwoj.organisations.models import Organisation
    from rozwoj.people.models import Person
    from rozwoj.programmes.models import Programme

    rng = random.Random(seed)
    coach_user = _user(COACH_EMAIL, "expert")
    coach = ExpertProfile.objects.create(person=coach_user.person)
    ExpertSpecialisation.objects.create(profile=coach, specialisation="coach")
    partners = Organisation.objects.bulk_create(
        Organisation(
            name=f"Bench partner {n}",
            country=rng.choice(["PL", "LV", "GR", "LT"]),
            kind="partner_institution",
        )
        for n in range(PARTNERS)
    )
    programme = Programme.objects.create(name=NAME, lead_institution=partners[0])
    techniques = Technique.objects.bulk_create(
        Technique(name=f"Bench technique {n}", purpose="P", steps="S", language="en") for n in range(30)
    )
    groups = PilotGroup.objects.bulk_create(
        PilotGroup(
            programme=programme,
            partner=partner,
            country=partner.country,
            name=f"Bench group {n}",
            capacity=MEMBERS,
        )
        for n, partner in enumerate(partners)
    )
    for group in groups:
        group.coaches.add(coach)
    people = Person.objects.bulk_create(
        Person(
            first_name=f"Coachee{n}",
            last_name=f"Bench{n:05d}",
            email=f"coachee{n}@coaching-bench.example.org",
        )
        for n in range(PARTNERS * MEMBERS)
    )
    PilotGroupMember.objects.bulk_create(
        PilotGroupMember(group=groups[n // MEMBERS], person=person) for n, person in enumerate(people)
    )
    start = datetime.date(2025, 1, 6)
    agreements = Agreement.objects.bulk_create(
        Agreement(
            coach=coach,
            coachee=person,
            programme=programme,
            pilot_group=groups[n // MEMBERS],
            kind="paid" if n % 3 else "pro_bono",
            sessions_planned=SESSIONS,
            start_date=start,
            confidentiality_terms="Bench.",
            coachee_consent=True,
        )
        for n, person in enumerate(people)
    )
    goals = Goal.objects.bulk_create(
        Goal(agreement=agreement, title="Bench goal", order=0) for agreement in agreements
    )
    sessions = Session.objects.bulk_create(
        (
            Session(
                agreement=agreement,
                held_on=start + datetime.timedelta(days=7 * k),
                duration_minutes=rng.choice([45, 60, 90]),
                mode="online",
                group_size=1 if k % 5 else 6,
                shared_notes="Bench shared notes.",
            )
            for agreement in agreements
            for k in range(SESSIONS)
        ),
        batch_size=2000,
    )
    through = Session.techniques.through
    through.objects.bulk_create(
        (
            through(session_id=session.pk, technique_id=technique.pk)
            for session in sessions
            for technique in rng.sample(techniques, 2)
        ),
        batch_size=5000,
    )
    goal_of = {goal.agreement_id: goal.pk for goal in goals}
    GoalProgress.objects.bulk_create(
        (
            GoalProgress(
                session_id=session.pk, goal_id=goal_of[session.agreement_id], rating=rng.randint(1, 10)
            )
            for session in sessions
        ),
        batch_size=5000,
    )


def set_up(args):
    from django.core.management import call_command
    from django.db import connection

    from rozwoj.programmes.models import Programme

    call_command("migrate", verbosity=0)
    if args.fresh:
        say("--fresh: drop the database file (SQLite) or the database (PostgreSQL) and run again.")
    if not Programme.objects.filter(name=NAME).exists():
        say(f"Generating {PARTNERS * MEMBERS:,} coachees and {PARTNERS * MEMBERS * SESSIONS:,} sessions…")
        started = time.perf_counter()
        generate(args.seed)
        say(f"  generated in {time.perf_counter() - started:.0f} s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return _user(COACH_EMAIL, "expert"), _user(COORDINATOR_EMAIL, "coordinator")


def timed(function, repeat: int) -> dict:
    times = []
    for _index in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return {
        "median_ms": round(statistics.median(times), 1),
        "min_ms": round(min(times), 1),
        "max_ms": round(max(times), 1),
        "runs": repeat,
    }


def measure(user, url: str, repeat: int) -> dict:
    from django.test import Client

    client = Client()
    client.force_login(user)

    def get():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        if response.streaming:
            b"".join(response.streaming_content)

    get()  # warm-up
    return timed(get, repeat)


def measure_post(user, url: str, repeat: int) -> dict:
    """The coach's request for the XLSX: the request alone (the background work is not run here)."""
    from unittest import mock

    from django.test import Client

    client = Client()
    client.force_login(user)

    def post():
        with mock.patch("rozwoj.coaching.tasks.prepare_log_export.delay"):
            response = client.post(url)
        assert response.status_code == 302, response.status_code

    return timed(post, repeat)


def measure_prepare(user, repeat: int) -> dict:
    """The background work of one XLSX of the whole log: rows read, written, file stored privately."""
    from rozwoj.coaching.models import LogExport
    from rozwoj.coaching.selectors.access import coach_profile
    from rozwoj.coaching.services import log_export_prepare, log_exports_delete_old

    profile = coach_profile(user)

    def prepare():
        export = LogExport.objects.create(coach=profile, language="pl", rows_total=0)
        assert log_export_prepare(export.pk).ready_at is not None

    prepare()  # warm-up
    figures = timed(prepare, repeat)
    import datetime as _datetime

    from django.utils import timezone

    log_exports_delete_old(timezone.now() + _datetime.timedelta(days=30))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.urls import reverse

    from rozwoj.coaching.models import PilotGroup, Session

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    coach, coordinator = set_up(args)
    group = PilotGroup.objects.filter(name="Bench group 0").get()
    say(f"{connection.vendor}: {Session.objects.count():,} sessions")
    figures = {
        "log": measure(coach, reverse("coaching:log"), args.repeat),
        "log_xlsx_request": measure_post(coach, reverse("coaching:log_export_request"), args.repeat),
        "log_xlsx_background": measure_prepare(coach, args.repeat),
        "log_csv": measure(coach, reverse("coaching:log_export", args=["csv"]), args.repeat),
        "group": measure(coordinator, reverse("coaching:group", args=[group.pk]), args.repeat),
        "groups": measure(coordinator, reverse("coaching:groups"), args.repeat),
    }
    for name, value in figures.items():
        say(f"{name}: {value}")
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = RESULTS_DIR / f"coaching-{connection.vendor}-{stamp}.json"
    path.write_text(
        json.dumps(
            {
                "vendor": connection.vendor,
                "coachees": PARTNERS * MEMBERS,
                "sessions": Session.objects.count(),
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
