"""The evaluation of an engagement (stage 6): its page with the indicators against their targets, the
assessments, the comparison of the diagnosis and evaluation waves, and its forms (save, send the evaluation
questionnaire, close)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rozwoj.accounts.permissions import login_required
from rozwoj.core.forms import add_service_errors
from rozwoj.surveys.selectors.access import can_manage

from ..monitoring_forms import EvaluationForm
from ..selectors import evaluation as selectors
from ..selectors.access import access_engagement
from ..services import evaluation as services


def _initial(evaluation, actions) -> dict:
    initial = {}
    if evaluation is not None:
        for field in selectors.LOCAL_GOVERNMENT_FIELDS + selectors.EXPERT_FIELDS:
            initial[field] = getattr(evaluation, field)
    for action in actions:
        if action.result is not None:
            initial[f"achieved_{action.pk}"] = action.result.achieved_value
        elif action.latest_entry is not None:
            initial[f"achieved_{action.pk}"] = action.latest_entry.indicator_value
    return initial


@login_required
def evaluation_page(request, pk: int):
    engagement = access_engagement(request.user, pk)
    evaluation = selectors.evaluation_of(engagement)
    actions = selectors.indicator_actions(engagement)
    writable = selectors.writable_fields(request.user, engagement)
    is_open = engagement.status == "active" and not (evaluation and evaluation.is_closed)
    if request.method == "POST" and not writable:
        access_engagement(request.user, pk, manage=True)  # 403
    form = None
    if writable and is_open:
        form = EvaluationForm(
            request.POST or None, writable=writable, actions=actions, initial=_initial(evaluation, actions)
        )
        if request.method == "POST" and form.is_valid():
            data = {name: form.cleaned_data[name] for name in writable}
            try:
                services.evaluation_save(
                    actor=request.user, engagement=engagement, data=data, results=form.results() or None
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The evaluation is saved."))
                return redirect("advisory:evaluation", engagement.pk)
    comparison = selectors.wave_comparison(engagement, evaluation)
    questionnaire = comparison.get("questionnaire")
    return render(
        request,
        "advisory/evaluation/page.html",
        {
            "engagement": engagement,
            "evaluation": evaluation,
            "actions": actions,
            "form": form,
            "is_open": is_open,
            "can_evaluate": selectors.can_evaluate(request.user, engagement),
            "problems": services.evaluation_problems(engagement, evaluation, actions) if is_open else [],
            "comparison": comparison,
            "can_read_results": questionnaire is not None and can_manage(request.user, questionnaire),
        },
    )


def _messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@require_POST
@login_required
def evaluation_questionnaire(request, pk: int):
    engagement = access_engagement(request.user, pk, manage=True)
    try:
        services.evaluation_send_questionnaire(actor=request.user, engagement=engagement)
    except ValidationError as error:
        _messages(request, error)
    else:
        messages.success(request, _("The evaluation questionnaire is sent to the local government's team."))
    return redirect("advisory:evaluation", engagement.pk)


@require_POST
@login_required
def evaluation_close(request, pk: int):
    engagement = access_engagement(request.user, pk, manage=True)
    try:
        services.evaluation_close(actor=request.user, engagement=engagement)
    except ValidationError as error:
        _messages(request, error)
    else:
        messages.success(request, _("The evaluation is closed, and with it the engagement."))
    return redirect("advisory:evaluation", engagement.pk)
