"""Proposing advisory teams: an exact assignment of experts to local governments (HiGHS through SciPy's `milp`).

Pure: plain dataclasses in, plain dataclasses out, no database. The service of the advisory app builds a
`MatchingProblem` from a call's accepted applications and the experts, and stores the `MatchingResult`.

Each local government gets one expert of each adviser role (ROS and PRO in the programme's words). The model is a
binary variable x[g, e, r] for every local government g, role r and *eligible* expert e (active, of that
specialisation, with a free place, not employed by g), with

* every (g, r) covered exactly once;
* every expert within their free places (capacity minus current engagements), over both roles;
* an expert holding both specialisations in at most one role of the same local government;

maximising the sum of the points of the chosen pairs (`Weights`): competence in the local government's support
area (the expert's self-assessment, 0–5, in tenths), serving its voivodeship, speaking its language. The points
are integers and the gap is zero, so the proposal is optimal, not nearly so; the inputs are sorted by id before the
model is built, so the same question always gets the same answer, whatever the order it came in.

When no assignment exists the result names what blocks it (`Blocker`): checks before the solve (too few places
in a role, a local government without any eligible expert of a role and why) and, when those pass but the model is
still infeasible, a Hall set found by a maximum flow per role (these local governments together need more places
than the experts eligible for them have), or the capacity shared between the two roles.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext, ngettext
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import coo_array, csr_array
from scipy.sparse.csgraph import maximum_flow

DEFAULT_ROLES: tuple[str, str] = ("ros", "pro")
LEVEL_MAX = 5
TIME_LIMIT_SECONDS = 60.0
MAX_NAMES_IN_MESSAGE = 5


@dataclass(frozen=True)
class Weights:
    """Points of one (local government, expert) pair. A whole level of competence weighs as much as the region."""

    competence_per_level: int = 10  # per level of the 1–5 self-assessment, counted in tenths of a level
    region: int = 10  # the expert serves the local government's voivodeship
    language: int = 5  # the expert works in the local government's language


@dataclass(frozen=True)
class ExpertInput:
    id: int
    name: str
    roles: frozenset[str]  # the adviser roles (specialisations) the expert holds
    competence: Mapping[str, float] = field(default_factory=dict)  # support area key → self-assessment 0–5
    voivodeships: frozenset[str] = frozenset()  # TERC codes of the voivodeships served
    languages: frozenset[str] = frozenset({"pl"})
    capacity: int = 1  # engagements at once
    current: int = 0  # engagements the expert already has
    employers: frozenset[int] = frozenset()  # ids of the local governments that employ the expert
    active: bool = True

    @property
    def free(self) -> int:
        return max(self.capacity - self.current, 0)


@dataclass(frozen=True)
class LocalGovernmentInput:
    id: int
    name: str
    support_area: str  # key of the chosen support area
    voivodeship: str  # TERC code of its voivodeship
    language: str = "pl"


@dataclass(frozen=True)
class MatchingProblem:
    local_governments: Sequence[LocalGovernmentInput]
    experts: Sequence[ExpertInput]
    roles: tuple[str, ...] = DEFAULT_ROLES
    role_labels: Mapping[str, str] = field(default_factory=dict)  # role → the programme's name for it
    area_labels: Mapping[str, str] = field(default_factory=dict)  # support area key → its name
    voivodeship_labels: Mapping[str, str] = field(default_factory=dict)  # TERC code → name
    weights: Weights = Weights()
    time_limit: float = TIME_LIMIT_SECONDS

    def role_label(self, role: str) -> str:
        return self.role_labels.get(role) or role.upper()

    def area_label(self, area: str) -> str:
        return self.area_labels.get(area) or area

    def voivodeship_label(self, code: str) -> str:
        return self.voivodeship_labels.get(code) or code


# --- what comes out ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScorePart:
    """One reason in a proposal, kept as data so that it can be stored and said in the reader's language."""

    kind: str  # "competence" | "region" | "no_region" | "language" | "no_language" | "load"
    role: str
    expert_id: int
    points: int
    params: Mapping[str, str | int | float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "role": self.role,
            "expert_id": self.expert_id,
            "points": self.points,
            "params": dict(self.params),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> ScorePart:
        params = data.get("params") or {}
        return cls(
            kind=str(data["kind"]),
            role=str(data["role"]),
            expert_id=int(data["expert_id"]),  # type: ignore[call-overload]
            points=int(data["points"]),  # type: ignore[call-overload]
            params=dict(params),  # type: ignore[call-overload]
        )

    def text(self, role_labels: Mapping[str, str] | None = None) -> str:
        p = dict(self.params)
        if role_labels and self.role in role_labels:
            p["role"] = role_labels[self.role]
        if self.kind == "competence":
            return gettext("%(expert)s (%(role)s): self-assessed competence in “%(area)s” %(level)s of 5") % p
        if self.kind == "no_competence":
            return gettext("%(expert)s (%(role)s): no self-assessment in “%(area)s”") % p
        if self.kind == "region":
            return gettext("%(expert)s serves the voivodeship %(voivodeship)s") % p
        if self.kind == "no_region":
            return gettext("%(expert)s does not serve the voivodeship %(voivodeship)s") % p
        if self.kind == "language":
            return gettext("%(expert)s works in the language of the local government (%(language)s)") % p
        if self.kind == "no_language":
            return (
                gettext("%(expert)s does not work in the language of the local government (%(language)s)") % p
            )
        if self.kind == "load":
            return gettext("%(expert)s: engagement %(number)s of %(capacity)s at once") % p
        return self.kind


@dataclass(frozen=True)
class Proposal:
    local_government_id: int
    members: Mapping[str, int]  # role → expert id
    score: int
    parts: tuple[ScorePart, ...]

    def reasons(self) -> list[str]:
        return [part.text() for part in self.parts]


@dataclass(frozen=True)
class Blocker:
    """Why no assignment exists, as data (stored) and as a sentence in the reader's language."""

    kind: str  # "no_experts" | "too_few" | "none_eligible" | "hall" | "shared"
    params: Mapping[str, str | int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "params": dict(self.params)}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Blocker:
        return cls(kind=str(data["kind"]), params=dict(data.get("params") or {}))  # type: ignore[call-overload]

    def text(self, role_labels: Mapping[str, str] | None = None) -> str:
        p = dict(self.params)
        if role_labels and p.get("role_key") in role_labels:
            p["role"] = role_labels[str(p["role_key"])]
        if self.kind == "too_few":
            return (
                gettext(
                    "Too few experts of the role %(role)s with free places: need %(need)s, have %(have)s."
                )
                % p
            )
        if self.kind == "none_eligible":
            reason = str(p.get("reason"))
            if reason == "conflicted":
                return (
                    gettext(
                        "No eligible %(role)s expert for %(local_government)s: all are in a conflict of interest "
                        "(employed by it)."
                    )
                    % p
                )
            if reason == "full":
                return (
                    gettext(
                        "No eligible %(role)s expert for %(local_government)s: all who are not in a conflict of "
                        "interest have no free place."
                    )
                    % p
                )
            return gettext("No eligible %(role)s expert for %(local_government)s.") % p
        if self.kind == "hall":
            return (
                ngettext(
                    "Too few %(role)s experts for %(local_governments)s: they need %(need)s places, the only expert "
                    "eligible for them (%(experts)s) has %(have)s.",
                    "Too few %(role)s experts for %(local_governments)s: they need %(need)s places, the experts "
                    "eligible for them (%(experts)s) have %(have)s.",
                    int(p.get("expert_count", 2)),
                )
                % p
            )
        if self.kind == "shared":
            return (
                gettext(
                    "Experts holding both roles take one role per team and share their free places between "
                    "the roles: the two roles need %(need)s places together, the eligible experts have %(have)s."
                )
                % p
            )
        if self.kind == "no_local_governments":
            return gettext("There are no accepted local governments to propose teams for.")
        return self.kind


@dataclass(frozen=True)
class MatchingResult:
    feasible: bool
    proposals: tuple[Proposal, ...] = ()
    blockers: tuple[Blocker, ...] = ()
    total_score: int = 0
    seconds: float = 0.0
    variables: int = 0

    def messages(self) -> list[str]:
        return [blocker.text() for blocker in self.blockers]


# --- the model ---------------------------------------------------------------------------------------------------


def competence_level(expert: ExpertInput, area: str) -> float:
    level = float(expert.competence.get(area, 0.0) or 0.0)
    return min(max(level, 0.0), float(LEVEL_MAX))


def pair_points(problem: MatchingProblem, lg: LocalGovernmentInput, expert: ExpertInput) -> int:
    """The points of putting ``expert`` in the team of ``lg`` (the same in either role)."""
    w = problem.weights
    points = round(competence_level(expert, lg.support_area) * 10) * w.competence_per_level // 10
    if lg.voivodeship in expert.voivodeships:
        points += w.region
    if lg.language in expert.languages:
        points += w.language
    return int(points)


def eligible(expert: ExpertInput, lg: LocalGovernmentInput, role: str) -> bool:
    return expert.active and role in expert.roles and expert.free > 0 and lg.id not in expert.employers


def _names(items: Iterable[str]) -> str:
    names = sorted(items)
    shown = ", ".join(names[:MAX_NAMES_IN_MESSAGE])
    if len(names) > MAX_NAMES_IN_MESSAGE:
        shown += " " + gettext("and %(count)s more") % {"count": len(names) - MAX_NAMES_IN_MESSAGE}
    return shown


def check_before(problem: MatchingProblem) -> list[Blocker]:
    """The plain reasons, found without solving: places per role, local governments nobody may serve."""
    lgs = problem.local_governments
    blockers: list[Blocker] = []
    if not lgs:
        return [Blocker("no_local_governments")]
    for role in problem.roles:
        label = problem.role_label(role)
        have = sum(e.free for e in problem.experts if e.active and role in e.roles)
        if have < len(lgs):
            blockers.append(
                Blocker("too_few", {"role": label, "role_key": role, "need": len(lgs), "have": have})
            )
            continue
        for lg in lgs:
            if any(eligible(e, lg, role) for e in problem.experts):
                continue
            of_role = [e for e in problem.experts if e.active and role in e.roles]
            if of_role and all(lg.id in e.employers for e in of_role):
                reason = "conflicted"
            elif of_role and all(lg.id in e.employers or e.free == 0 for e in of_role):
                reason = "full"
            else:
                reason = "none"
            blockers.append(
                Blocker(
                    "none_eligible",
                    {"role": label, "role_key": role, "local_government": lg.name, "reason": reason},
                )
            )
    return blockers


def check_after(problem: MatchingProblem) -> list[Blocker]:
    """Why a model that passed `check_before` has no solution: a Hall set per role, or shared capacity."""
    blockers: list[Blocker] = []
    for role in problem.roles:
        blocker = _hall_set(problem, role)
        if blocker:
            blockers.append(blocker)
    if blockers:
        return blockers
    both = [e for e in problem.experts if e.active and e.free > 0 and set(problem.roles) <= e.roles]
    need = len(problem.local_governments) * len(problem.roles)
    have = sum(e.free for e in problem.experts if e.active and e.free > 0 and e.roles & set(problem.roles))
    if both or have < need:
        blockers.append(Blocker("shared", {"need": need, "have": have}))
    return blockers


def _hall_set(problem: MatchingProblem, role: str) -> Blocker | None:
    """A set of local governments whose eligible experts of ``role`` have fewer free places than they need.

    Maximum flow source → local government (1) → eligible expert (1) → sink (free places); when it is short, the
    local governments still reachable from the source in the residual graph form such a set (König/Hall).
    """
    lgs = list(problem.local_governments)
    experts = [e for e in problem.experts if e.active and role in e.roles and e.free > 0]
    n, m = len(lgs), len(experts)
    source, sink = 0, n + m + 1
    rows: list[int] = []
    cols: list[int] = []
    caps: list[int] = []
    for i, lg in enumerate(lgs):
        rows.append(source)
        cols.append(1 + i)
        caps.append(1)
        for j, expert in enumerate(experts):
            if lg.id not in expert.employers:
                rows.append(1 + i)
                cols.append(1 + n + j)
                caps.append(1)
    for j, expert in enumerate(experts):
        rows.append(1 + n + j)
        cols.append(sink)
        caps.append(expert.free)
    size = n + m + 2
    graph = csr_array((np.array(caps, dtype=np.int32), (rows, cols)), shape=(size, size))
    flow = maximum_flow(graph, source, sink)
    if flow.flow_value >= n:
        return None
    # the flow is antisymmetric (f[v, u] = -f[u, v]), so this is the capacity left forward and the flow to undo back
    residual = csr_array(graph - flow.flow)
    seen = {source}
    stack = [source]
    while stack:
        node = stack.pop()
        start, end = residual.indptr[node], residual.indptr[node + 1]
        for nxt, cap in zip(residual.indices[start:end], residual.data[start:end], strict=True):
            if cap > 0 and int(nxt) not in seen:
                seen.add(int(nxt))
                stack.append(int(nxt))
    hall_lgs = [lgs[i] for i in range(n) if 1 + i in seen]
    hall_experts = [experts[j] for j in range(m) if 1 + n + j in seen]
    return Blocker(
        "hall",
        {
            "role": problem.role_label(role),
            "role_key": role,
            "local_governments": _names(lg.name for lg in hall_lgs),
            "need": len(hall_lgs),
            "experts": _names(e.name for e in hall_experts) or "—",
            "expert_count": len(hall_experts),
            "have": sum(e.free for e in hall_experts),
        },
    )


def _explain(
    problem: MatchingProblem, lg: LocalGovernmentInput, role: str, expert: ExpertInput, load: int
) -> list[ScorePart]:
    w = problem.weights
    base: dict[str, str | int | float] = {"expert": expert.name, "role": problem.role_label(role)}
    level = competence_level(expert, lg.support_area)
    area = problem.area_label(lg.support_area)
    parts = []
    if level > 0:
        parts.append(
            ScorePart(
                "competence",
                role,
                expert.id,
                round(level * 10) * w.competence_per_level // 10,
                {**base, "area": area, "level": f"{level:.1f}".rstrip("0").rstrip(".")},
            )
        )
    else:
        parts.append(ScorePart("no_competence", role, expert.id, 0, {**base, "area": area}))
    voivodeship = problem.voivodeship_label(lg.voivodeship)
    if lg.voivodeship in expert.voivodeships:
        parts.append(ScorePart("region", role, expert.id, w.region, {**base, "voivodeship": voivodeship}))
    else:
        parts.append(ScorePart("no_region", role, expert.id, 0, {**base, "voivodeship": voivodeship}))
    if lg.language in expert.languages:
        parts.append(ScorePart("language", role, expert.id, w.language, {**base, "language": lg.language}))
    else:
        parts.append(ScorePart("no_language", role, expert.id, 0, {**base, "language": lg.language}))
    parts.append(
        ScorePart(
            "load", role, expert.id, 0, {**base, "number": expert.current + load, "capacity": expert.capacity}
        )
    )
    return parts


@dataclass
class _Model:
    """Every eligible (local government, expert, role) column and the rows of the full model."""

    g: np.ndarray
    e: np.ndarray
    r: np.ndarray
    score: np.ndarray
    free: np.ndarray
    n_lgs: int
    n_experts: int
    n_roles: int
    doubled: np.ndarray  # keys g * n_experts + e of the pairs an expert could take in both roles

    def rows(self, columns: np.ndarray) -> tuple[csr_array, csr_array, np.ndarray]:
        """The cover rows (= 1) and the capacity and one-role rows (≤) restricted to ``columns``."""
        k = len(columns)
        ones = np.ones(k)
        at = np.arange(k)
        g, e, r = self.g[columns], self.e[columns], self.r[columns]
        cover = coo_array((ones, (g * self.n_roles + r, at)), shape=(self.n_lgs * self.n_roles, k)).tocsr()
        load_rows = [e]
        load_cols = [at]
        if len(self.doubled):
            key = g * self.n_experts + e
            position = np.searchsorted(self.doubled, key)
            position[position >= len(self.doubled)] = 0
            mask = self.doubled[position] == key
            load_rows.append(self.n_experts + position[mask])
            load_cols.append(at[mask])
        rows, cols = np.concatenate(load_rows), np.concatenate(load_cols)
        upper = coo_array(
            (np.ones(len(rows)), (rows, cols)), shape=(self.n_experts + len(self.doubled), k)
        ).tocsr()
        bounds = np.concatenate([self.free, np.ones(len(self.doubled))])
        return cover, upper, bounds


def _candidates(problem: MatchingProblem) -> _Model:
    """The columns, built with arrays: points = competence + region + language, per (local government, expert)."""
    lgs, experts, roles, w = problem.local_governments, problem.experts, problem.roles, problem.weights
    areas = sorted({lg.support_area for lg in lgs})
    regions = sorted({lg.voivodeship for lg in lgs})
    languages = sorted({lg.language for lg in lgs})
    competence = np.array(
        [[round(competence_level(e, a) * 10) * w.competence_per_level // 10 for a in areas] for e in experts],
        dtype=np.int64,
    ).reshape(len(experts), len(areas))
    serves = np.array([[v in e.voivodeships for v in regions] for e in experts], dtype=bool).reshape(
        len(experts), len(regions)
    )
    speaks = np.array([[lang in e.languages for lang in languages] for e in experts], dtype=bool).reshape(
        len(experts), len(languages)
    )
    area_of = np.array([areas.index(lg.support_area) for lg in lgs])
    region_of = np.array([regions.index(lg.voivodeship) for lg in lgs])
    language_of = np.array([languages.index(lg.language) for lg in lgs])
    points = (
        competence[:, area_of].T + w.region * serves[:, region_of].T + w.language * speaks[:, language_of].T
    )  # local governments × experts
    can = np.array([e.active and e.free > 0 for e in experts], dtype=bool)
    allowed = np.repeat(can[None, :], len(lgs), axis=0)
    lg_index = {lg.id: i for i, lg in enumerate(lgs)}
    for ei, expert in enumerate(experts):
        for employer in expert.employers:
            if employer in lg_index:
                allowed[lg_index[employer], ei] = False
    parts_g, parts_e, parts_r = [], [], []
    for ri, role in enumerate(roles):
        has_role = np.array([role in e.roles for e in experts], dtype=bool)
        rows_g, rows_e = np.nonzero(allowed & has_role[None, :])
        parts_g.append(rows_g)
        parts_e.append(rows_e)
        parts_r.append(np.full(len(rows_g), ri))
    g, e, r = np.concatenate(parts_g), np.concatenate(parts_e), np.concatenate(parts_r)
    keys, counts = np.unique(g * len(experts) + e, return_counts=True)
    return _Model(
        g=g,
        e=e,
        r=r,
        score=points[g, e].astype(float),
        free=np.array([e.free for e in experts], dtype=float),
        n_lgs=len(lgs),
        n_experts=len(experts),
        n_roles=len(roles),
        doubled=keys[counts > 1],
    )


def _top_columns(model: _Model, per_row: int) -> np.ndarray:
    """The ``per_row`` best columns of every (local government, role), ties to the lower expert id."""
    row = model.g * model.n_roles + model.r
    order = np.lexsort((model.e, -model.score, row))
    sorted_rows = row[order]
    first = np.searchsorted(sorted_rows, sorted_rows, side="left")
    rank = np.arange(len(order)) - first
    return np.sort(order[rank < per_row])


def _lp_bound(model: _Model, columns: np.ndarray) -> tuple[float, np.ndarray] | None:
    """The LP relaxation on ``columns``: its optimum and the columns outside that would improve it (reduced cost).

    None when it is infeasible on these columns.
    """
    cover, upper, bounds = model.rows(columns)
    result = linprog(
        -model.score[columns],
        A_ub=upper,
        b_ub=bounds,
        A_eq=cover,
        b_eq=np.ones(cover.shape[0]),
        bounds=(0, 1),
        method="highs",
    )
    if result.status != 0:
        return None
    y_cover = result.eqlin.marginals
    y_upper = result.ineqlin.marginals
    # reduced cost of every column of the full model (minimising −score): c − yᵀA
    all_columns = np.arange(len(model.score))
    full_cover, full_upper, _ = model.rows(all_columns)
    reduced = -model.score - full_cover.T @ y_cover - full_upper.T @ y_upper
    outside = np.ones(len(model.score), dtype=bool)
    outside[columns] = False
    improving = np.flatnonzero(outside & (reduced < -1e-7))
    return -float(result.fun), improving


def _optimal_columns(model: _Model, time_limit: float) -> np.ndarray | None:
    """The chosen columns of an optimal assignment, or None when there is none.

    Exact column generation: the LP relaxation on the best few columns per row, grown by every column of negative
    reduced cost until none is left, bounds the full problem; the MILP on those columns reaching that bound is
    optimal for the full problem. When it does not (an integrality gap), the full MILP is solved.
    """
    columns = _top_columns(model, 12)
    bound = None
    while True:
        lp = _lp_bound(model, columns)
        if lp is None:
            if len(columns) == len(model.score):
                return None
            columns = _top_columns(model, 4 * max(12, len(columns) // max(model.n_lgs * model.n_roles, 1)))
            continue
        bound, improving = lp
        if not len(improving):
            break
        columns = np.union1d(columns, improving)
    chosen = _milp(model, columns, time_limit)
    if chosen is not None and model.score[chosen].sum() >= np.floor(bound + 1e-6):
        return chosen
    return _milp(model, np.arange(len(model.score)), time_limit)


def _milp(model: _Model, columns: np.ndarray, time_limit: float) -> np.ndarray | None:
    cover, upper, bounds = model.rows(columns)
    result = milp(
        c=-model.score[columns],
        integrality=np.ones(len(columns)),
        bounds=Bounds(0, 1),
        constraints=[LinearConstraint(cover, 1, 1), LinearConstraint(upper, 0, bounds)],
        options={"mip_rel_gap": 0.0, "time_limit": time_limit},
    )
    if result.x is None or result.status != 0:
        return None
    return columns[np.flatnonzero(result.x > 0.5)]


def solve(problem: MatchingProblem) -> MatchingResult:
    """The best assignment of one expert per role to every local government, or what makes it impossible."""
    started = time.perf_counter()
    problem = MatchingProblem(
        local_governments=sorted(problem.local_governments, key=lambda lg: lg.id),
        experts=sorted(problem.experts, key=lambda e: e.id),
        roles=tuple(problem.roles),
        role_labels=problem.role_labels,
        area_labels=problem.area_labels,
        voivodeship_labels=problem.voivodeship_labels,
        weights=problem.weights,
        time_limit=problem.time_limit,
    )
    blockers = check_before(problem)
    if blockers:
        return MatchingResult(False, blockers=tuple(blockers), seconds=time.perf_counter() - started)

    lgs, experts, roles = problem.local_governments, problem.experts, problem.roles
    model = _candidates(problem)
    chosen = _optimal_columns(model, problem.time_limit)
    if chosen is None:
        blockers = check_after(problem)
        if not blockers:
            blockers = [Blocker("shared", {"need": len(lgs) * len(roles), "have": int(model.free.sum())})]
        return MatchingResult(
            False, blockers=tuple(blockers), seconds=time.perf_counter() - started, variables=len(model.score)
        )

    members: dict[int, dict[str, int]] = {}
    for column in chosen:
        members.setdefault(int(model.g[column]), {})[roles[int(model.r[column])]] = int(model.e[column])
    proposals = []
    used: dict[int, int] = {}
    total = 0
    for gi, lg in enumerate(lgs):
        team = members[gi]
        parts: list[ScorePart] = []
        points = 0
        for role in roles:
            expert = experts[team[role]]
            used[expert.id] = used.get(expert.id, 0) + 1
            parts.extend(_explain(problem, lg, role, expert, used[expert.id]))
            points += pair_points(problem, lg, expert)
        total += points
        proposals.append(
            Proposal(lg.id, {role: experts[team[role]].id for role in roles}, points, tuple(parts))
        )
    return MatchingResult(
        True,
        proposals=tuple(proposals),
        total_score=total,
        seconds=time.perf_counter() - started,
        variables=len(model.score),
    )


def check_team(
    problem: MatchingProblem,
    lg: LocalGovernmentInput,
    members: Mapping[str, ExpertInput],
    *,
    extra_load: Mapping[int, int],
) -> list[str]:
    """What is wrong with a team a coordinator picks by hand (a swap): each message in the reader's language.

    ``extra_load`` counts, per expert id, the other teams of this proposal set the expert is already in.
    """
    problems: list[str] = []
    for role in problem.roles:
        expert = members.get(role)
        label = problem.role_label(role)
        if expert is None:
            problems.append(gettext("The team has no %(role)s expert.") % {"role": label})
            continue
        if not expert.active:
            problems.append(gettext("%(expert)s is not an active expert.") % {"expert": expert.name})
        if role not in expert.roles:
            problems.append(
                gettext("%(expert)s is not of the specialisation %(role)s.")
                % {"expert": expert.name, "role": label}
            )
        if lg.id in expert.employers:
            problems.append(
                gettext("%(expert)s is employed by %(local_government)s (a conflict of interest).")
                % {"expert": expert.name, "local_government": lg.name}
            )
        if expert.free - extra_load.get(expert.id, 0) <= 0:
            problems.append(
                gettext("%(expert)s has no free place (engagements at once: %(capacity)s).")
                % {"expert": expert.name, "capacity": expert.capacity}
            )
    ids = [e.id for e in members.values()]
    if len(ids) != len(set(ids)):
        problems.append(gettext("One expert cannot hold both roles in the same team."))
    return list(dict.fromkeys(problems))
