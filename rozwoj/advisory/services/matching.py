"""Proposing, adjusting and confirming a call's advisory teams with the solver (rozwoj.advisory.matching).

The solver's input comes from the call's active engagements (their support area, or the application's preferred
one), and from the active experts of the two adviser roles: their self-assessments of the competences each support
area calls for (mean, 0–5), the voivodeships they serve, their languages, their capacity (AdviserCapacity, or the
default) minus their active engagements in other calls, and their conflicts of interest (declared ones, and a
current membership in an organisation of the local government).
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from rozwoj.accounts.permissions import require_coordinator
from rozwoj.core.audit import log_action
from rozwoj.experts.models import CompetenceAssessment, ExpertProfile
from rozwoj.people.models import Membership

from .. import matching
from ..models import (
    DEFAULT_CAPACITY,
    AdviserRole,
    Call,
    ConflictOfInterest,
    Engagement,
    EngagementStatus,
    MatchingRun,
    TeamProposal,
)
from ..selectors.matching import role_labels
from .engagements import engagement_set_team

ROLES = (AdviserRole.ROS.value, AdviserRole.PRO.value)


def _engagements(call: Call) -> list[Engagement]:
    return list(
        Engagement.objects.filter(call=call, status=EngagementStatus.ACTIVE)
        .select_related("local_government__voivodeship", "support_area", "application__preferred_area")
        .order_by("id")
    )


def _area_of(engagement: Engagement):
    if engagement.support_area_id:
        return engagement.support_area
    application = engagement.application
    return application.preferred_area if application else None


def _experts() -> list[ExpertProfile]:
    return list(
        ExpertProfile.objects.filter(specialisations__specialisation__in=ROLES)
        .distinct()
        .select_related("person", "advisory_capacity")
        .prefetch_related("specialisations", "regions")
        .order_by("id")
    )


def build_problem(
    call: Call,
) -> tuple[matching.MatchingProblem, dict[int, Engagement], dict[int, ExpertProfile]]:
    """The solver's question for ``call``, with the engagements and experts by the ids the solver uses."""
    engagements = _engagements(call)
    experts = _experts()
    expert_ids = [e.pk for e in experts]
    areas = {a.pk: a for a in (_area_of(e) for e in engagements) if a is not None}

    competence: dict[int, dict[str, float]] = defaultdict(dict)
    rows = (
        CompetenceAssessment.objects.filter(
            profile_id__in=expert_ids, competence__support_areas__in=list(areas)
        )
        .values("profile_id", "competence__support_areas")
        .annotate(level=Avg("level"))
    )
    for row in rows:
        competence[row["profile_id"]][str(row["competence__support_areas"])] = round(float(row["level"]), 1)

    current: dict[int, int] = defaultdict(int)
    others = Engagement.objects.filter(status=EngagementStatus.ACTIVE).exclude(call=call)
    for field in ("ros_expert", "pro_expert"):
        for row in others.filter(**{f"{field}__in": expert_ids}).values(field).annotate(n=Count("id")):
            current[row[field]] += row["n"]

    lg_ids = [e.local_government_id for e in engagements]
    employers: dict[int, set[int]] = defaultdict(set)
    for expert_id, lg_id in ConflictOfInterest.objects.filter(
        expert_id__in=expert_ids, local_government_id__in=lg_ids
    ).values_list("expert_id", "local_government_id"):
        employers[expert_id].add(lg_id)
    person_to_expert = {e.person_id: e.pk for e in experts}
    today = datetime.date.today()
    for person_id, lg_id in (
        Membership.objects.filter(
            person_id__in=list(person_to_expert), organisation__local_government_id__in=lg_ids
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .values_list("person_id", "organisation__local_government_id")
    ):
        employers[person_to_expert[person_id]].add(lg_id)

    lgs = []
    voivodeship_labels = {}
    for engagement in engagements:
        unit = engagement.local_government
        voivodeship = unit.voivodeship or unit
        voivodeship_labels[voivodeship.terc] = voivodeship.name
        area = _area_of(engagement)
        lgs.append(
            matching.LocalGovernmentInput(
                id=engagement.pk,
                name=unit.display_name,
                support_area=str(area.pk) if area else "",
                voivodeship=voivodeship.terc,
            )
        )
    inputs = []
    for expert in experts:
        capacity = getattr(expert, "advisory_capacity", None)
        inputs.append(
            matching.ExpertInput(
                id=expert.pk,
                name=str(expert.person),
                roles=frozenset(s.specialisation for s in expert.specialisations.all()) & frozenset(ROLES),
                competence=competence.get(expert.pk, {}),
                voivodeships=frozenset(r.terc for r in expert.regions.all()),
                languages=frozenset(expert.languages or ["pl"]),
                capacity=capacity.engagements_at_once if capacity else DEFAULT_CAPACITY,
                current=current.get(expert.pk, 0),
                employers=frozenset(
                    e.pk for e in engagements if e.local_government_id in employers.get(expert.pk, set())
                ),
                active=expert.is_active,
            )
        )
    problem = matching.MatchingProblem(
        local_governments=lgs,
        experts=inputs,
        roles=ROLES,
        role_labels=role_labels(call),
        area_labels={str(pk): a.name for pk, a in areas.items()},
        voivodeship_labels=voivodeship_labels,
    )
    return problem, {e.pk: e for e in engagements}, {e.pk: e for e in experts}


def teams_propose(*, actor, call: Call) -> MatchingRun:
    """Ask the solver for every active engagement's team; replaces the proposals of the previous run."""
    require_coordinator(actor)
    problem, engagements, experts = build_problem(call)
    result = matching.solve(problem)
    with transaction.atomic():
        run = MatchingRun.objects.create(
            call=call,
            is_feasible=result.feasible,
            blockers=[b.as_dict() for b in result.blockers],
            total_score=result.total_score,
            seconds=round(result.seconds, 3),
        )
        TeamProposal.objects.filter(engagement__call=call).delete()
        TeamProposal.objects.bulk_create(
            TeamProposal(
                engagement=engagements[p.local_government_id],
                run=run,
                ros_expert=experts[p.members[AdviserRole.ROS]],
                pro_expert=experts[p.members[AdviserRole.PRO]],
                score=p.score,
                reasons=[part.as_dict() for part in p.parts],
            )
            for p in result.proposals
        )
        log_action(
            actor,
            call,
            "advisory.teams.propose",
            {"feasible": result.feasible, "proposals": len(result.proposals), "blockers": run.blockers},
        )
    return run


def proposal_accept(*, actor, proposal: TeamProposal) -> TeamProposal:
    require_coordinator(actor)
    proposal.is_accepted = True
    proposal.save(update_fields=["is_accepted", "updated_at"])
    log_action(
        actor,
        proposal.engagement,
        "advisory.teams.accept",
        {"team": [proposal.ros_expert_id, proposal.pro_expert_id]},
    )
    return proposal


def proposals_accept_all(*, actor, call: Call) -> int:
    """Accept every proposal of the call not accepted yet; returns how many were accepted now."""
    require_coordinator(actor)
    with transaction.atomic():
        pending = list(
            TeamProposal.objects.select_for_update()
            .filter(engagement__call=call, is_accepted=False)
            .select_related("engagement")
        )
        if not pending:
            raise ValidationError(_("There is no proposed team left to accept."))
        TeamProposal.objects.filter(pk__in=[p.pk for p in pending]).update(
            is_accepted=True, updated_at=timezone.now()
        )
        for proposal in pending:
            log_action(
                actor,
                proposal.engagement,
                "advisory.teams.accept",
                {"team": [proposal.ros_expert_id, proposal.pro_expert_id]},
            )
    return len(pending)


def proposal_swap(*, actor, proposal: TeamProposal, role: str, expert: ExpertProfile) -> TeamProposal:
    """Put ``expert`` in ``role`` of the proposal, if the team stays valid: active, of the role's specialisation,
    not in a conflict of interest, with a free place counting the call's other proposals."""
    require_coordinator(actor)
    if role not in ROLES:
        raise ValidationError({"role": [_("Choose one of the two adviser roles.")]})
    with transaction.atomic():
        proposal = (
            TeamProposal.objects.select_for_update().select_related("engagement__call").get(pk=proposal.pk)
        )
        call = proposal.engagement.call
        problem, _engagements_by_id, _experts = build_problem(call)
        by_id = {e.id: e for e in problem.experts}
        lg = next((g for g in problem.local_governments if g.id == proposal.engagement_id), None)
        chosen = by_id.get(expert.pk)
        if lg is None or chosen is None:
            raise ValidationError({"expert": [_("This expert cannot advise in this call.")]})
        members = {
            AdviserRole.ROS.value: by_id.get(proposal.ros_expert_id),
            AdviserRole.PRO.value: by_id.get(proposal.pro_expert_id),
        }
        members[role] = chosen
        load: dict[int, int] = defaultdict(int)
        for other in TeamProposal.objects.filter(engagement__call=call).exclude(pk=proposal.pk):
            load[other.ros_expert_id] += 1
            load[other.pro_expert_id] += 1
        problems = matching.check_team(
            problem, lg, {r: m for r, m in members.items() if m is not None}, extra_load=load
        )
        if problems:
            raise ValidationError({"expert": problems})
        previous = [proposal.ros_expert_id, proposal.pro_expert_id]
        setattr(proposal, f"{role}_expert", expert)
        proposal.is_adjusted = True
        proposal.is_accepted = False
        proposal.reasons = []
        proposal.save()
        log_action(
            actor,
            proposal.engagement,
            "advisory.teams.swap",
            {"team": [previous, [proposal.ros_expert_id, proposal.pro_expert_id]]},
        )
    return proposal


def teams_confirm(*, actor, call: Call) -> int:
    """Write every accepted proposal's team on its engagement; returns how many engagements got their team."""
    require_coordinator(actor)
    count = 0
    with transaction.atomic():
        accepted = list(
            TeamProposal.objects.filter(engagement__call=call, is_accepted=True).select_related(
                "engagement", "ros_expert", "pro_expert"
            )
        )
        if not accepted:
            raise ValidationError(_("Accept at least one proposed team first."))
        for proposal in accepted:
            engagement_set_team(
                actor=actor, engagement=proposal.engagement, ros=proposal.ros_expert, pro=proposal.pro_expert
            )
            count += 1
        TeamProposal.objects.filter(pk__in=[p.pk for p in accepted]).delete()
        log_action(actor, call, "advisory.teams.confirm", {"engagements": count})
    return count


def proposal_reasons(proposal: TeamProposal) -> list[str]:
    """Why the solver proposed this team, in the reader's language (empty once adjusted by hand)."""
    labels = role_labels(proposal.engagement.call)
    return [matching.ScorePart.from_dict(part).text(labels) for part in proposal.reasons]


def run_messages(run: MatchingRun) -> list[str]:
    """What blocked a run, in the reader's language."""
    labels = role_labels(run.call)
    return [matching.Blocker.from_dict(blocker).text(labels) for blocker in run.blockers]
