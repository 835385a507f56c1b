"""Debates and dialogue meetings of an engagement: the list, the form, one meeting's page, deleting a meeting and
turning one of its recommendations into an HDR action."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rozwoj.accounts.permissions import login_required
from rozwoj.core.forms import add_service_errors

from ..debate_forms import DebateForm
from ..selectors import debates as selectors
from ..selectors.access import access_engagement
from ..services import debates as services


@login_required
def debate_list(request, pk: int):
    engagement = access_engagement(request.user, pk)
    return render(
        request,
        "advisory/debates/list.html",
        {
            "engagement": engagement,
            "debates": selectors.debates_of(engagement),
            "can_write": services.can_write_debates(request.user, engagement),
        },
    )


def _save(request, engagement, debate=None):
    form = DebateForm(request.POST or None, instance=debate, engagement=engagement)
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data.get(field) for field in services.DEBATE_FIELDS}
        try:
            debate = services.debate_save(
                actor=request.user,
                engagement=engagement,
                data=data,
                recommendations=form.recommendation_texts(),
                debate=debate,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting is saved."))
            return redirect("advisory:debate", debate.pk)
    return render(
        request, "advisory/debates/form.html", {"engagement": engagement, "debate": debate, "form": form}
    )


@login_required
def debate_create(request, pk: int):
    engagement = access_engagement(request.user, pk, manage=True)
    return _save(request, engagement)


@login_required
def debate_edit(request, pk: int):
    debate = selectors.access_debate(request.user, pk, manage=True)
    return _save(request, debate.engagement, debate)


@login_required
def debate_delete(request, pk: int):
    """Ask before deleting a meeting (GET, saying already why it cannot be deleted), delete it (POST)."""
    debate = selectors.access_debate(request.user, pk, manage=True)
    engagement = debate.engagement
    error = services.debate_delete_refusal(debate)
    if request.method == "POST":
        try:
            services.debate_delete(actor=request.user, debate=debate)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("The meeting is deleted."))
            return redirect("advisory:debates", engagement.pk)
    return render(
        request,
        "advisory/debates/delete.html",
        {
            "debate": debate,
            "engagement": engagement,
            "recommendation_count": selectors.recommendation_count(debate),
            "error": error,
        },
    )


@login_required
def debate_detail(request, pk: int):
    debate = selectors.access_debate(request.user, pk)
    return render(
        request,
        "advisory/debates/detail.html",
        {
            "debate": debate,
            "engagement": debate.engagement,
            "recommendations": selectors.recommendations_of(debate),
            "can_write": services.can_write_debates(request.user, debate.engagement),
        },
    )


@require_POST
@login_required
def recommendation_to_action(request, pk: int):
    recommendation = selectors.access_recommendation(request.user, pk, manage=True)
    try:
        action = services.recommendation_to_action(actor=request.user, recommendation=recommendation)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("advisory:debate", recommendation.debate_id)
    messages.success(
        request, _("The recommendation is an action of the HDR now: complete its owner, dates and indicator.")
    )
    return redirect("advisory:hdr_action", action.pk)
