"""The coordinator's page of a call's advisory teams: propose (and rerun), accept, swap an expert, confirm."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from rozwoj.accounts.permissions import coordinator_required
from rozwoj.core.forms import add_service_errors

from ..forms import SwapForm
from ..selectors.access import access_call
from ..selectors.matching import ROLES, access_call_proposal, role_labels, swap_candidates, team_matching_for
from ..services import matching as services


def _page(request, pk: int):
    return redirect("advisory:teams", pk)


@coordinator_required
def teams(request, pk: int):
    call = access_call(request.user, pk, manage=True)
    data = team_matching_for(request.user, call)
    # "messages" would hide the flash messages of the base template
    context = {"call": call, "blockers": data.pop("messages"), **data}
    return render(request, "advisory/matching/teams.html", context)


@require_POST
@coordinator_required
def propose(request, pk: int):
    call = access_call(request.user, pk, manage=True)
    run = services.teams_propose(actor=request.user, call=call)
    if run.is_feasible:
        messages.success(request, _("The teams are proposed. Check them, accept or swap, then confirm."))
    else:
        messages.error(request, _("No feasible assignment exists: see what blocks it below."))
    return _page(request, call.pk)


@require_POST
@coordinator_required
def accept(request, pk: int, proposal: int):
    call = access_call(request.user, pk, manage=True)
    team = access_call_proposal(request.user, call, proposal)
    services.proposal_accept(actor=request.user, proposal=team)
    messages.success(
        request,
        _("The team of %(unit)s is accepted.") % {"unit": team.engagement.local_government.display_name},
    )
    return _page(request, call.pk)


@require_POST
@coordinator_required
def accept_all(request, pk: int):
    call = access_call(request.user, pk, manage=True)
    try:
        count = services.proposals_accept_all(actor=request.user, call=call)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            ngettext("%(count)d proposed team is accepted.", "%(count)d proposed teams are accepted.", count)
            % {"count": count},
        )
    return _page(request, call.pk)


def _swap_forms(request, role_names: dict[str, str]) -> list[SwapForm]:
    posted = request.POST.get("role") if request.method == "POST" else None
    bound_role = posted if posted in ROLES else ROLES[0]
    return [
        SwapForm(
            request.POST if request.method == "POST" and role == bound_role else None,
            role=role,
            label=role_names[role],
            candidates=swap_candidates(role),
        )
        for role in ROLES
    ]


@coordinator_required
def swap(request, pk: int, proposal: int):
    call = access_call(request.user, pk, manage=True)
    team = access_call_proposal(request.user, call, proposal)
    names = role_labels(call)
    forms = _swap_forms(request, names)
    bound = next((form for form in forms if form.is_bound), None)
    if bound is not None and bound.is_valid():
        try:
            services.proposal_swap(
                actor=request.user,
                proposal=team,
                role=bound.cleaned_data["role"],
                expert=bound.cleaned_data["expert"],
            )
        except ValidationError as error:
            add_service_errors(bound, error)
        else:
            messages.success(request, _("The expert is swapped. Accept the team when it is right."))
            return _page(request, call.pk)
    context = {"call": call, "proposal": team, "forms": forms, "role_labels": names}
    return render(request, "advisory/matching/swap.html", context)


@require_POST
@coordinator_required
def confirm(request, pk: int):
    call = access_call(request.user, pk, manage=True)
    try:
        count = services.teams_confirm(actor=request.user, call=call)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            ngettext(
                "The team is confirmed on %(count)d engagement.",
                "The teams are confirmed on %(count)d engagements.",
                count,
            )
            % {"count": count},
        )
    return _page(request, call.pk)


urlpatterns = [
    path("", teams, name="teams"),
    path("propose/", propose, name="teams_propose"),
    path("confirm/", confirm, name="teams_confirm"),
    path("accept-all/", accept_all, name="teams_accept_all"),
    path("<int:proposal>/accept/", accept, name="team_accept"),
    path("<int:proposal>/swap/", swap, name="team_swap"),
]
