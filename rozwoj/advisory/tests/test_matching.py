"""The team solver on small cases checked against brute force, its infeasible cases and its determinism."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest
from django.utils import translation

from rozwoj.advisory.matching import (
    ExpertInput,
    LocalGovernmentInput,
    MatchingProblem,
    _candidates,
    _milp,
    check_team,
    eligible,
    pair_points,
    solve,
)

AREAS = ["leadership", "inclusion", "digital", "finance"]
VOIVODESHIPS = ["02", "04", "26"]


def lg(id_, area="leadership", voivodeship="26", language="pl", name=None):
    return LocalGovernmentInput(id_, name or f"Gmina {id_}", area, voivodeship, language)


def expert(id_, roles=("ros",), competence=None, voivodeships=(), languages=("pl",), capacity=1, current=0,
           employers=(), active=True, name=None):  # fmt: skip
    return ExpertInput(
        id=id_,
        name=name or f"Expert {id_}",
        roles=frozenset(roles),
        competence=competence or {},
        voivodeships=frozenset(voivodeships),
        languages=frozenset(languages),
        capacity=capacity,
        current=current,
        employers=frozenset(employers),
        active=active,
    )


def brute_force(problem: MatchingProblem) -> int | None:
    """The best total over every assignment, by enumeration; None when there is none."""
    teams_per_lg = []
    for g in problem.local_governments:
        ros = [e for e in problem.experts if eligible(e, g, "ros")]
        pro = [e for e in problem.experts if eligible(e, g, "pro")]
        teams_per_lg.append([(r, p) for r, p in itertools.product(ros, pro) if r.id != p.id])
    best = None
    for choice in itertools.product(*teams_per_lg):
        load: dict[int, int] = {}
        for r, p in choice:
            load[r.id] = load.get(r.id, 0) + 1
            load[p.id] = load.get(p.id, 0) + 1
        if any(load[e.id] > e.free for e in problem.experts if e.id in load):
            continue
        total = sum(
            pair_points(problem, g, r) + pair_points(problem, g, p)
            for g, (r, p) in zip(problem.local_governments, choice, strict=True)
        )
        best = total if best is None else max(best, total)
    return best


def random_problem(rng: random.Random) -> MatchingProblem:
    lgs = [
        lg(i, rng.choice(AREAS), rng.choice(VOIVODESHIPS), rng.choice(["pl", "pl", "uk"]))
        for i in range(1, 4)
    ]
    experts = []
    for i in range(1, rng.randint(3, 7)):
        roles = rng.choice([("ros",), ("pro",), ("ros", "pro")])
        experts.append(
            expert(
                100 + i,
                roles=roles,
                competence={a: rng.randint(0, 50) / 10 for a in AREAS if rng.random() < 0.8},
                voivodeships=rng.sample(VOIVODESHIPS, rng.randint(0, 2)),
                languages=rng.choice([("pl",), ("pl", "uk"), ("en",)]),
                capacity=rng.randint(1, 3),
                current=rng.randint(0, 1),
                employers=[g.id for g in lgs if rng.random() < 0.15],
                active=rng.random() > 0.1,
            )
        )
    return MatchingProblem(lgs, experts)


def assert_valid(problem: MatchingProblem, result) -> None:
    by_id = {e.id: e for e in problem.experts}
    lgs = {g.id: g for g in problem.local_governments}
    assert sorted(p.local_government_id for p in result.proposals) == sorted(lgs)
    load: dict[int, int] = {}
    for proposal in result.proposals:
        g = lgs[proposal.local_government_id]
        assert set(proposal.members) == {"ros", "pro"}
        assert proposal.members["ros"] != proposal.members["pro"]
        for role, expert_id in proposal.members.items():
            assert eligible(by_id[expert_id], g, role)
            load[expert_id] = load.get(expert_id, 0) + 1
    for expert_id, used in load.items():
        assert used <= by_id[expert_id].free
    assert result.total_score == sum(p.score for p in result.proposals)


@pytest.mark.parametrize("seed", range(60))
def test_solver_matches_brute_force_on_small_cases(seed):
    problem = random_problem(random.Random(seed))
    best = brute_force(problem)
    result = solve(problem)
    if best is None:
        assert not result.feasible
        assert result.blockers, "an infeasible result names what blocks it"
        assert not result.proposals
    else:
        assert result.feasible, result.messages()
        assert result.total_score == best
        assert_valid(problem, result)


def test_the_random_cases_include_feasible_and_infeasible_ones():
    outcomes = {brute_force(random_problem(random.Random(seed))) is None for seed in range(60)}
    assert outcomes == {True, False}


def test_competence_in_the_chosen_area_wins_and_the_region_breaks_ties():
    problem = MatchingProblem(
        [lg(1, area="inclusion", voivodeship="26")],
        [
            expert(1, ["ros"], {"inclusion": 3.0}, voivodeships=["26"]),
            expert(2, ["ros"], {"inclusion": 5.0, "digital": 1.0}),
            expert(3, ["pro"], {"inclusion": 4.0}),
            expert(4, ["pro"], {"inclusion": 4.0}, voivodeships=["26"]),
        ],
    )
    result = solve(problem)
    assert result.proposals[0].members == {"ros": 2, "pro": 4}


def test_capacity_counts_current_engagements_and_spreads_teams():
    problem = MatchingProblem(
        [lg(1), lg(2)],
        [
            expert(1, ["ros"], {"leadership": 5.0}, capacity=2, current=1),  # one free place
            expert(2, ["ros"], {"leadership": 1.0}),
            expert(3, ["pro"], {"leadership": 5.0}, capacity=2),
        ],
    )
    result = solve(problem)
    assert sorted(p.members["ros"] for p in result.proposals) == [1, 2]
    assert [p.members["pro"] for p in result.proposals] == [3, 3]


def test_an_expert_is_never_proposed_to_the_local_government_that_employs_them():
    problem = MatchingProblem(
        [lg(1), lg(2)],
        [
            expert(1, ["ros"], {"leadership": 5.0}, employers=[1]),
            expert(2, ["ros"], {"leadership": 1.0}),
            expert(3, ["pro"], capacity=2),
        ],
    )
    result = solve(problem)
    teams = {p.local_government_id: p.members["ros"] for p in result.proposals}
    assert teams == {1: 2, 2: 1}


def test_each_proposal_says_why_in_words():
    problem = MatchingProblem(
        [lg(1, area="inclusion", voivodeship="26", name="Dwikozy")],
        [
            expert(1, ["ros"], {"inclusion": 4.5}, voivodeships=["26"], name="Anna Nowak", capacity=3),
            expert(2, ["pro"], {}, voivodeships=["02"], languages=["en"], name="Jan Kowal"),
        ],
        role_labels={"ros": "ROS", "pro": "PRO"},
        area_labels={"inclusion": "Education for all"},
        voivodeship_labels={"26": "świętokrzyskie"},
    )
    with translation.override("en"):
        reasons = solve(problem).proposals[0].reasons()
    assert "Anna Nowak (ROS): self-assessed competence in “Education for all” 4.5 of 5" in reasons
    assert "Anna Nowak serves the voivodeship świętokrzyskie" in reasons
    assert "Anna Nowak: engagement 1 of 3 at once" in reasons
    assert "Jan Kowal (PRO): no self-assessment in “Education for all”" in reasons
    assert "Jan Kowal does not serve the voivodeship świętokrzyskie" in reasons
    assert "Jan Kowal does not work in the language of the local government (pl)" in reasons


def test_too_few_experts_of_a_role_is_said_with_the_numbers():
    problem = MatchingProblem(
        [lg(i) for i in range(1, 21)],
        [expert(i, ["ros"], capacity=2) for i in range(1, 8)]  # 14 places
        + [expert(100 + i, ["pro"], capacity=2) for i in range(1, 11)]
        + [expert(200, ["ros"], capacity=5, active=False)],
        role_labels={"ros": "ROS", "pro": "PRO"},
    )
    result = solve(problem)
    assert not result.feasible
    with translation.override("en"):
        assert result.messages() == ["Too few experts of the role ROS with free places: need 20, have 14."]


def test_a_local_government_whose_experts_are_all_conflicted_is_named():
    problem = MatchingProblem(
        [lg(1, name="Dwikozy"), lg(2)],
        [
            expert(1, ["ros"], employers=[1], capacity=2),
            expert(2, ["ros"], employers=[1], capacity=2),
            expert(3, ["pro"], capacity=2),
        ],
        role_labels={"ros": "ROS"},
    )
    result = solve(problem)
    with translation.override("en"):
        assert result.messages() == [
            "No eligible ROS expert for Dwikozy: all are in a conflict of interest (employed by it)."
        ]
    with translation.override("pl"):
        assert "Dwikozy" in result.messages()[0]


def test_a_group_needing_more_places_than_its_experts_have_is_named_after_the_solve():
    problem = MatchingProblem(
        [lg(1, name="Dwikozy"), lg(2, name="Zawichost"), lg(3, name="Sandomierz")],
        [
            expert(1, ["ros"], capacity=3, employers=[1, 2], name="Anna"),
            expert(2, ["ros"], capacity=1, name="Beata"),
            expert(3, ["pro"], capacity=3),
        ],
        role_labels={"ros": "ROS"},
    )
    result = solve(problem)
    assert not result.feasible
    with translation.override("en"):
        assert result.messages() == [
            "Too few ROS experts for Dwikozy, Zawichost: they need 2 places, the only expert eligible for them "
            "(Beata) has 1."
        ]


def test_experts_of_both_roles_cannot_fill_one_team_alone():
    problem = MatchingProblem([lg(1)], [expert(1, ["ros", "pro"], capacity=2)])
    result = solve(problem)
    assert not result.feasible
    assert [b.kind for b in result.blockers] == ["shared"]


def test_no_local_governments_is_said_plainly():
    result = solve(MatchingProblem([], [expert(1)]))
    assert not result.feasible
    assert [b.kind for b in result.blockers] == ["no_local_governments"]


def test_the_same_question_gets_the_same_answer_in_any_order():
    rng = random.Random(7)
    lgs = [lg(i, rng.choice(AREAS), rng.choice(VOIVODESHIPS)) for i in range(1, 16)]
    # many ties: few distinct competence values
    experts = [
        expert(
            i,
            [rng.choice(["ros", "pro"])],
            {a: float(rng.randint(3, 4)) for a in AREAS},
            voivodeships=[rng.choice(VOIVODESHIPS)],
            capacity=rng.randint(1, 3),
        )  # fmt: skip
        for i in range(1, 41)
    ]
    first = solve(MatchingProblem(lgs, experts))
    assert first.feasible
    for _ in range(3):
        rng.shuffle(lgs)
        rng.shuffle(experts)
        again = solve(MatchingProblem(list(lgs), list(experts)))
        assert again.proposals == first.proposals


def test_a_hand_picked_team_is_checked():
    g = lg(1, name="Dwikozy")
    problem = MatchingProblem([g], [], role_labels={"ros": "ROS", "pro": "PRO"})
    busy = expert(1, ["ros"], capacity=1, current=1, name="Anna")
    conflicted = expert(2, ["ros", "pro"], capacity=2, employers=[1], name="Beata")
    retired = expert(3, ["ros"], active=False, name="Celina")
    fine = expert(4, ["pro"], capacity=2, name="Dorota")
    with translation.override("en"):
        assert check_team(problem, g, {"ros": busy, "pro": fine}, extra_load={}) == [
            "Anna has no free place (engagements at once: 1)."
        ]
        assert check_team(problem, g, {"ros": conflicted, "pro": fine}, extra_load={}) == [
            "Beata is employed by Dwikozy (a conflict of interest)."
        ]
        assert check_team(problem, g, {"ros": retired, "pro": retired}, extra_load={}) == [
            "Celina is not an active expert.",
            "Celina is not of the specialisation PRO.",
            "One expert cannot hold both roles in the same team.",
        ]
        assert check_team(problem, g, {"ros": fine, "pro": fine}, extra_load={4: 1}) == [
            "Dorota is not of the specialisation ROS.",
            "One expert cannot hold both roles in the same team.",
        ]
        assert check_team(problem, g, {"ros": expert(5, ["ros"]), "pro": fine}, extra_load={4: 2}) == [
            "Dorota has no free place (engagements at once: 2)."
        ]
        assert check_team(problem, g, {"ros": expert(5, ["ros"]), "pro": fine}, extra_load={}) == []


@pytest.mark.parametrize("seed", range(4))
def test_column_generation_reaches_the_optimum_of_the_full_model(seed):
    """The solver grows a pruned model by reduced costs; its total equals the full MILP's on mid-sized cases."""
    rng = random.Random(1000 + seed)
    lgs = [lg(i, rng.choice(AREAS), rng.choice(VOIVODESHIPS)) for i in range(1, 41)]
    experts = [
        expert(
            i,
            rng.choice([("ros",), ("pro",), ("ros", "pro")]),
            {a: round(rng.uniform(1, 5), 1) for a in AREAS},
            voivodeships=[rng.choice(VOIVODESHIPS)],
            capacity=rng.randint(1, 2),
            employers=[rng.randint(1, 40)] if rng.random() < 0.1 else [],
        )  # fmt: skip
        for i in range(1, 71)
    ]
    problem = MatchingProblem(lgs, experts)
    result = solve(problem)
    sorted_problem = MatchingProblem(sorted(lgs, key=lambda g: g.id), sorted(experts, key=lambda e: e.id))
    model = _candidates(sorted_problem)
    full = _milp(model, np.arange(len(model.score)), 60)
    assert result.feasible
    assert result.total_score == int(model.score[full].sum())
    assert_valid(problem, result)
