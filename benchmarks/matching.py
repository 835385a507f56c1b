#!/usr/bin/env python
"""Benchmark of proposing advisory teams: ``--local-governments`` (200) from ``--experts`` (500).

The solver alone (`rozwoj.advisory.matching.solve`, HiGHS through SciPy's `milp`), on a deterministic data set
(``--seed``): 12 support areas, 16 voivodeships; experts of ROS (45%), PRO (45%) or both (10%), a self-assessment
in each area (the mean of three 1–5 self-assessments of its competences, to a tenth; a fifth of areas
without any), one to three voivodeships served, Polish (and a quarter also English
or Ukrainian), 1–4 engagements at once with 0–1 current, 2% employed by one of the local governments; local
governments with a support area, a voivodeship and Polish (5% Ukrainian). Measures the whole `solve` (checks,
model, solve, explanations) ``--repeat`` times and prints the figures; ``--json`` also saves them under
benchmarks/results/.

Usage::

    .venv/bin/python benchmarks/matching.py [--local-governments 200] [--experts 500] [--repeat 3]
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
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rozwoj.settings.dev")
RESULTS_DIR = PROJECT_DIR / "benchmarks" / "results"

AREAS = [f"area-{i:02d}" for i in range(1, 13)]
VOIVODESHIPS = [f"{code:02d}" for code in range(2, 33, 2)]


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--local-governments", type=int, default=200)
    parser.add_argument("--experts", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="save the figures under benchmarks/results/")
    args = parser.parse_args()

    import django

    django.setup()
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
