"""Reads of the team matching: a call's latest run and proposals with their reasons, the experts a swap may pick."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from rozwoj.accounts.permissions import is_coordinator
from rozwoj.experts.models import ExpertProfile

from .. import matching
from ..models import AdviserRole, AdvisorySettings, Call, MatchingRun, TeamProposal

ROLES = (AdviserRole.ROS.value, AdviserRole.PRO.value)


def role_labels(call: Call) -> dict[str, str]:
    """The programme's names of the two adviser roles, in the reader's language when not renamed."""
    settings = AdvisorySettings.objects.filter(programme_id=call.programme_id).first()
    if settings:
        return {role: settings.role_name(role) for role in ROLES}
    return {role: str(AdviserRole(role).label) for role in ROLES}


def access_team_proposal(user, pk: int, *, manage: bool = False) -> TeamProposal:
    """Proposals are the coordinators' working material: 404 for everyone else."""
    if not (user.is_authenticated and is_coordinator(user)):
        raise Http404
    try:
        return TeamProposal.objects.select_related("engagement__call", "ros_expert", "pro_expert").get(pk=pk)
    except TeamProposal.DoesNotExist as error:
        raise Http404 from error


def team_matching_for(user, call: Call) -> dict[str, object]:
    """The latest run of ``call`` (with what blocked it) and its proposals with their reasons, in a fixed number of
    queries whatever the number of proposals."""
    if not (user.is_authenticated and is_coordinator(user)):
        raise PermissionDenied
    labels = role_labels(call)
    run = MatchingRun.objects.filter(call=call).order_by("-created_at", "-id").first()
    proposals = list(
        TeamProposal.objects.filter(engagement__call=call)
        .select_related("engagement__local_government", "ros_expert__person", "pro_expert__person")
        .order_by("engagement__local_government__name", "id")
    )
    rows = [
        {
            "proposal": proposal,
            "reasons": [matching.ScorePart.from_dict(part).text(labels) for part in proposal.reasons],
        }
        for proposal in proposals
    ]
    messages = [matching.Blocker.from_dict(b).text(labels) for b in run.blockers] if run else []
    return {
        "run": run,
        "messages": messages,
        "proposals": rows,
        "accepted": sum(1 for p in proposals if p.is_accepted),
        "role_labels": labels,
    }


def swap_candidates(role: str) -> QuerySet[ExpertProfile]:
    """Active experts of the role's specialisation, for the swap's choice (the service checks the rest)."""
    return (
        ExpertProfile.objects.filter(is_active=True, specialisations__specialisation=role)
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "id")
    )
