#!/usr/bin/env python
"""Benchmark of proposing advisory teams: ``--local-governments`` (200) from ``--experts`` (500).

Two modes.

The solver alone (default; `rozwoj.advisory.matching.solve`, HiGHS through SciPy's `milp`, no database), on a
deterministic data set (``--seed``): 12 support areas, 16 voivodeships; experts of ROS (45%), PRO (45%) or both
(10%), a self-assessment in each area (the mean of three 1–5 self-assessments of its competences, to a tenth; a
fifth of areas without any), one to three voivodeships served, Polish (and a quarter also English
or Ukrainian), 1–4 engagements at once with 0–1 current, 2% employed by one of the local governments; local
governments with a support area, a voivodeship and Polish (5% Ukrainian). Measures the whole `solve` (checks,
model, solve, explanations) ``--repeat`` times and prints the figures; ``--json`` also saves them under
benchmarks/results/.

``--from-database``: the coordinator's whole proposal, `rozwoj.advisory.services.matching.teams_propose` (the
solver's input read from the database, the solve, the run and its proposals stored, the audit entry), in the
database DATABASE_URL points at (migrated; use one of its own: every expert of the ROS or PRO specialisation in
it takes part). The data are created once, deterministically (``--seed``), under the programme and the call
"Benchmark: proposing advisory teams" (the call's description records the seed and the sizes; another seed or
size needs ``--force``, which wipes the benchmark's rows and creates them again; ``--delete`` only wipes them):

- the TERYT registry, imported from the shipped TERC file when it is not loaded (the real units are used);
- ``--local-governments`` gminas drawn from the registry, each with an application to the call (preferred
  support area drawn among the 12) accepted with `application_decide`, which starts its engagement;
- three competences per support area (the seeded areas call for none until a coordinator links them), named
  "… (benchmark)": 36 for the 12 areas;
- ``--experts`` experts (person, profile, e-mails under ``@matching.bench.example.org``): ROS (45%), PRO (45%)
  or both (10%); a 1–5 self-assessment of each of the 36 competences (18,000 for 500); one to three voivodeships
  served; Polish, a quarter also English or Ukrainian; a capacity of 1–4 engagements at once; 2% with a
  declared conflict of interest with one of the call's local governments. They have no engagement in other
  calls (the benchmark database has none).

It then times ``--repeat`` runs of `teams_propose` (each replaces the previous run's proposals) and prints, for
each run and as median / min / max, the whole service time, the solver's own time (as the run records it) and
the rest (reading the input, storing the proposals). The data set is analysed first on PostgreSQL.

Usage::

    .venv/bin/python benchmarks/matching.py [--local-governments 200] [--experts 500] [--repeat 3]

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/rozwoj_bench   # or sqlite:///$PWD/var/bench.sqlite3
    .venv/bin/python manage.py migrate
    .venv/bin/python benchmarks/matching.py --from-database [--repeat 3] [--force | --delete]
"""

from __future__ import annotations

import argparse
import datetime
import json
import logging
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
RESULTS_DIR = PROJECT_DIR / "benchmarks" / "results"

AREAS = [f"area-{i:02d}" for i in range(1, 13)]
VOIVODESHIPS = [f"{code:02d}" for code in range(2, 33, 2)]
MARK = "Benchmark: proposing advisory teams"
EMAIL_SUFFIX = "@matching.bench.example.org"
COORDINATOR_EMAIL = f"coordinator{EMAIL_SUFFIX}"


def build(n_lgs: int, n_experts: int, seed: int):
    from rozwoj.advisory.matching import ExpertInput, LocalGovernmentInput, MatchingProblem

    rng = random.Random(seed)
    lgs = [
        LocalGovernmentInput(
            id=i,
            name=f"Gmina {i}",
            support_area=rng.choice(AREAS),
            voivodeship=rng.choice(VOIVODESHIPS),
            language="uk" if rng.random() < 0.05 else "pl",
        )
        for i in range(1, n_lgs + 1)
    ]
    experts = []
    for i in range(1, n_experts + 1):
        draw = rng.random()
        roles = {"ros"} if draw < 0.45 else {"pro"} if draw < 0.9 else {"ros", "pro"}
        languages = {"pl"}
        if rng.random() < 0.25:
            languages.add(rng.choice(["en", "uk"]))
        experts.append(
            ExpertInput(
                id=10_000 + i,
                name=f"Expert {i}",
                roles=frozenset(roles),
                competence={
                    a: round(sum(rng.randint(1, 5) for _ in range(3)) / 3, 1)
                    for a in AREAS
                    if rng.random() > 0.2
                },
                voivodeships=frozenset(rng.sample(VOIVODESHIPS, rng.randint(1, 3))),
                languages=frozenset(languages),
                capacity=rng.randint(1, 4),
                current=rng.randint(0, 1),
                employers=frozenset({rng.randint(1, n_lgs)}) if rng.random() < 0.02 else frozenset(),
            )
        )
    return MatchingProblem(lgs, experts, role_labels={"ros": "ROS", "pro": "PRO"})


# --- the whole proposal from the database (--from-database) ------------------------------------------------


def _description(args) -> str:
    return f"seed={args.seed} local_governments={args.local_governments} experts={args.experts}"


def db_wipe() -> None:
    """Delete the benchmark's rows (the TERYT units and the seeded support areas stay)."""
    from django.db import transaction

    from rozwoj.accounts.models import User
    from rozwoj.advisory.models import Application, Call, Engagement, MatchingRun, TeamProposal
    from rozwoj.experts.models import Competence, CompetenceAssessment, ExpertProfile, ExpertSpecialisation
    from rozwoj.organisations.models import Organisation
    from rozwoj.people.models import Person
    from rozwoj.programmes.models import Programme

    people = Person.objects.filter(email__endswith=EMAIL_SUFFIX)
    with transaction.atomic():
        for call in Call.objects.filter(title=MARK):
            TeamProposal.objects.filter(engagement__call=call).delete()
            MatchingRun.objects.filter(call=call).delete()
            Engagement.objects.filter(call=call).delete()
            Application.objects.filter(call=call).delete()
            call.delete()
        Programme.objects.filter(name=MARK).delete()
        Organisation.objects.filter(name=MARK).delete()
        CompetenceAssessment.objects.filter(profile__person__in=people).delete()
        ExpertSpecialisation.objects.filter(profile__person__in=people).delete()
        ExpertProfile.regions.through.objects.filter(expertprofile__person__in=people).delete()
        ExpertProfile.objects.filter(person__in=people).delete()
        Competence.objects.filter(description=MARK).delete()
        User.objects.filter(email=COORDINATOR_EMAIL).delete()
        people.delete()


def _coordinator():
    from rozwoj.accounts.models import User, UserRole

    coordinator = User.objects.filter(email=COORDINATOR_EMAIL).first()
    if coordinator is None:
        coordinator = User.objects.create_user(COORDINATOR_EMAIL)
        UserRole.objects.create(user=coordinator, role="coordinator")
    return coordinator


def _area_competences() -> dict[int, list[int]]:
    """The 12 support areas in use and the competences each calls for (three benchmark ones where none)."""
    from rozwoj.advisory.models import SupportArea
    from rozwoj.experts.models import Competence

    areas = list(SupportArea.objects.filter(is_active=True).order_by("order", "id")[:12])
    if len(areas) < 12:
        raise SystemExit("The 12 seeded support areas are missing: run `manage.py migrate` first.")
    result = {}
    for area in areas:
        ids = list(area.competences.filter(is_active=True).values_list("pk", flat=True))
        if not ids:
            created = [
                Competence.objects.create(
                    specialisation="ros" if number % 2 else "pro",
                    name=f"{area.name}: kompetencja {number} (benchmark)",
                    description=MARK,
                    order=100 + number,
                )
                for number in (1, 2, 3)
            ]
            area.competences.add(*created)
            ids = [c.pk for c in created]
        result[area.pk] = ids
    return result


def db_generate(args):
    """Create the call with its accepted local governments and the experts (see the module's docstring)."""
    from django.conf import settings
    from django.db import transaction

    from rozwoj.advisory.models import AdviserCapacity, Application, Call, ConflictOfInterest, SupportArea
    from rozwoj.advisory.services.calls import application_decide
    from rozwoj.experts.models import CompetenceAssessment, ExpertProfile, ExpertSpecialisation
    from rozwoj.organisations.models import GMINA_KINDS, LocalGovernment, LocalGovernmentKind, Organisation
    from rozwoj.organisations.services import teryt_import
    from rozwoj.people.models import Person
    from rozwoj.programmes.models import Programme

    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"  # 200 acceptance e-mails
    logging.getLogger("celery").setLevel(logging.WARNING)  # not a line per e-mail task
    rng = random.Random(args.seed)
    if LocalGovernment.objects.filter(kind__in=GMINA_KINDS).count() < args.local_governments:
        print("Importing the TERYT registry (shipped TERC file)…", flush=True)
        teryt_import()
    gminas = list(LocalGovernment.objects.filter(kind__in=GMINA_KINDS).order_by("terc"))
    voivodeships = list(
        LocalGovernment.objects.filter(kind=LocalGovernmentKind.VOIVODESHIP)
        .order_by("terc")
        .values_list("pk", flat=True)
    )
    coordinator = _coordinator()
    with transaction.atomic():
        competences = _area_competences()
        areas = {a.pk: a for a in SupportArea.objects.filter(pk__in=list(competences))}
        lead, _created = Organisation.objects.get_or_create(
            name=MARK, defaults={"kind": "training_institution", "country": "PL", "city": "Warszawa"}
        )
        programme = Programme.objects.create(name=MARK, lead_institution=lead)
        call = Call.objects.create(
            programme=programme,
            title=MARK,
            description=_description(args),
            opens_on=datetime.date(2026, 9, 1),
            closes_on=datetime.date(2026, 9, 30),
            cycle_starts_on=datetime.date(2026, 10, 1),
            cycle_ends_on=datetime.date(2027, 6, 30),
            places=args.local_governments,
        )
        chosen = rng.sample(gminas, args.local_governments)
        for number, unit in enumerate(chosen):
            application = Application.objects.create(
                call=call,
                local_government=unit,
                contact_first_name="Anna",
                contact_last_name=f"Benchmark{number}",
                contact_email=f"jst{number}{EMAIL_SUFFIX}",
                preferred_area=areas[rng.choice(list(competences))],
                motivation="Chcemy rozwijać lokalną oświatę.",
            )
            application_decide(actor=coordinator, application=application, status="accepted")
        print(f"  {len(chosen)} local governments accepted", flush=True)

        people = [
            Person(first_name=f"Ekspert{i}", last_name=f"Benchmark{i}", email=f"e{i}{EMAIL_SUFFIX}")
            for i in range(args.experts)
        ]
        for person in people:
            person.set_sort_key()  # bulk_create does not call save()
        people = Person.objects.bulk_create(people)
        experts = ExpertProfile.objects.bulk_create(
            [
                ExpertProfile(
                    person=person,
                    languages=["pl", rng.choice(["en", "uk"])] if rng.random() < 0.25 else ["pl"],
                )
                for person in people
            ]
        )
        if any(e.pk is None for e in experts):  # a database that does not return ids from bulk_create
            experts = list(
                ExpertProfile.objects.filter(person__email__endswith=EMAIL_SUFFIX).order_by("person_id")
            )
        all_competences = [c for ids in competences.values() for c in ids]
        region_model = ExpertProfile.regions.through
        specialisations, assessments, regions, capacities, conflicts = [], [], [], [], []
        for expert in experts:
            draw = rng.random()
            roles = ["ros"] if draw < 0.45 else ["pro"] if draw < 0.9 else ["ros", "pro"]
            specialisations += [ExpertSpecialisation(profile=expert, specialisation=r) for r in roles]
            assessments += [
                CompetenceAssessment(profile=expert, competence_id=c, level=rng.randint(1, 5))
                for c in all_competences
            ]
            regions += [
                region_model(expertprofile_id=expert.pk, localgovernment_id=v)
                for v in rng.sample(voivodeships, rng.randint(1, 3))
            ]
            capacities.append(AdviserCapacity(expert=expert, engagements_at_once=rng.randint(1, 4)))
            if rng.random() < 0.02:
                conflicts.append(
                    ConflictOfInterest(
                        expert=expert, local_government=rng.choice(chosen), reason="Zatrudnienie (benchmark)"
                    )
                )
        ExpertSpecialisation.objects.bulk_create(specialisations, batch_size=5000)
        CompetenceAssessment.objects.bulk_create(assessments, batch_size=5000)
        region_model.objects.bulk_create(regions, batch_size=5000)
        AdviserCapacity.objects.bulk_create(capacities, batch_size=5000)
        ConflictOfInterest.objects.bulk_create(conflicts)
        print(
            f"  {len(experts)} experts, {len(assessments):,} self-assessments, {len(conflicts)} conflicts of "
            "interest",
            flush=True,
        )
    return call


def from_database(args) -> None:
    from django.db import connection

    from rozwoj.advisory.models import Call, TeamProposal
    from rozwoj.advisory.services.matching import teams_propose
    from rozwoj.experts.models import CompetenceAssessment, ExpertProfile

    if args.delete:
        db_wipe()
        print("Benchmark rows removed.")
        return
    call = Call.objects.filter(title=MARK).first()
    if call is not None and (args.force or call.description != _description(args)):
        if not args.force:
            raise SystemExit(
                f"The benchmark call was made with {call.description!r}, not {_description(args)!r}: "
                "use --force to make it again."
            )
        db_wipe()
        call = None
    if call is None:
        started = time.perf_counter()
        print(f"Creating the benchmark data ({_description(args)})…", flush=True)
        call = db_generate(args)
        print(f"  created in {time.perf_counter() - started:.1f} s", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    coordinator = _coordinator()
    experts = ExpertProfile.objects.filter(specialisations__specialisation__in=["ros", "pro"]).distinct()
    print(
        f"Database: {connection.vendor}; engagements in the call: {call.engagements.count()}; ROS/PRO experts: "
        f"{experts.count()}; their self-assessments: "
        f"{CompetenceAssessment.objects.filter(profile__in=experts).count():,}"
    )
    totals, solver = [], []
    run = None
    for number in range(1, args.repeat + 1):
        started = time.perf_counter()
        run = teams_propose(actor=coordinator, call=call)
        total = time.perf_counter() - started
        totals.append(total)
        solver.append(float(run.seconds))
        print(
            f"run {number}: {total:6.2f} s in all, solver {float(run.seconds):5.2f} s, input and storing "
            f"{total - float(run.seconds):5.2f} s; feasible {run.is_feasible}, "
            f"{TeamProposal.objects.filter(run=run).count()} proposals, score {run.total_score}",
            flush=True,
        )
    rest = [t - s for t, s in zip(totals, solver, strict=True)]
    for label, values in (("whole teams_propose", totals), ("solver", solver), ("input and storing", rest)):
        print(
            f"{label:<20} median {statistics.median(values):6.2f} s   min {min(values):6.2f} s   "
            f"max {max(values):6.2f} s"
        )
    if args.json and run is not None:
        RESULTS_DIR.mkdir(exist_ok=True)
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
        path = RESULTS_DIR / f"matching-db-{connection.vendor}-{stamp}.json"
        figures = {
            "database": connection.vendor,
            "data": _description(args),
            "feasible": run.is_feasible,
            "seconds": [round(t, 3) for t in totals],
            "solver_seconds": solver,
        }
        path.write_text(json.dumps(figures, indent=2))
        print(f"saved {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--local-governments", type=int, default=200)
    parser.add_argument("--experts", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="save the figures under benchmarks/results/")
    parser.add_argument(
        "--from-database",
        action="store_true",
        help="time the whole proposal (teams_propose) in the database DATABASE_URL points at",
    )
    parser.add_argument("--force", action="store_true", help="with --from-database: make the data again")
    parser.add_argument("--delete", action="store_true", help="with --from-database: only wipe the data")
    args = parser.parse_args()

    import django

    django.setup()
    if args.from_database:
        from_database(args)
        return
    from rozwoj.advisory.matching import solve

    problem = build(args.local_governments, args.experts, args.seed)
    times = []
    result = None
    for _ in range(args.repeat):
        result = solve(problem)
        times.append(result.seconds)
    assert result is not None
    figures = {
        "local_governments": args.local_governments,
        "experts": args.experts,
        "seed": args.seed,
        "feasible": result.feasible,
        "variables": result.variables,
        "total_score": result.total_score,
        "seconds_min": round(min(times), 3),
        "seconds_median": round(statistics.median(times), 3),
        "seconds_max": round(max(times), 3),
        "messages": result.messages(),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    if result.feasible:
        in_region = sum(1 for p in result.proposals for part in p.parts if part.kind == "region")
        levels = [
            float(part.params["level"])
            for p in result.proposals
            for part in p.parts
            if part.kind == "competence"
        ]
        figures["members_serving_the_region"] = f"{in_region} of {2 * len(result.proposals)}"
        figures["mean_competence"] = round(statistics.mean(levels), 2) if levels else 0
    for key, value in figures.items():
        print(f"{key:28} {value}")
    if args.json:
        RESULTS_DIR.mkdir(exist_ok=True)
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
        path = RESULTS_DIR / f"matching-{stamp}.json"
        path.write_text(json.dumps(figures, indent=2, ensure_ascii=False))
        print(f"saved {path}")


if __name__ == "__main__":
    main()
