"""The feedback questionnaire of an event: attach one (sent after the last session), follow its response rate and
read a summary of its results (for those who may read them)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from rozwoj.accounts.permissions import login_required
from rozwoj.core.forms import add_service_errors
from rozwoj.surveys.selectors.access import questionnaires_manageable_by
from rozwoj.surveys.selectors.distribution import response_rate
from rozwoj.surveys.selectors.results import can_read_results, results_for
from rozwoj.surveys.services.tallies import tallies_ensure

from ..selectors import access_event
from ..selectors.feedback import feedback_of
from ..services.feedback import feedback_attach


class FeedbackForm(forms.Form):
    questionnaire = forms.ModelChoiceField(label=gettext_lazy("Questionnaire"), queryset=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questionnaire"].queryset = questionnaires_manageable_by(user)


@login_required
def feedback(request, pk: int):
    event = access_event(request.user, pk, manage=True)
    current = feedback_of(event)
    form = FeedbackForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            feedback_attach(actor=request.user, event=event, questionnaire=form.cleaned_data["questionnaire"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The questionnaire will be sent to the participants after the last session.")
            )
            return redirect("events:feedback", pk=event.pk)
    rate = results = None
    if current is not None and current.distribution is not None:
        rate = response_rate(current.questionnaire, current.distribution)
    if current is not None and can_read_results(request.user, current.questionnaire):
        results = results_for(
            current.questionnaire,
            language=(get_language() or "pl")[:2],
            ready=tallies_ensure(current.questionnaire),
        )
    return render(
        request,
        "events/feedback.html",
        {"event": event, "feedback": current, "rate": rate, "results": results, "form": form},
        status=400 if request.method == "POST" else 200,
    )


urlpatterns = [path("<int:pk>/feedback/", feedback, name="feedback")]
