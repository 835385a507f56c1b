"""The page that postpones or moves a whole event (or chosen sessions) in one change of plan."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from rozwoj.accounts.permissions import coordinator_required
from rozwoj.core.forms import add_service_errors

from ..forms.reschedule import RescheduleForm
from ..selectors.access import access_event
from ..services.events import can_be_cancelled
from ..services.reschedule import event_reschedule


@coordinator_required
def reschedule(request, pk: int):
    event = access_event(request.user, pk, manage=True)
    form = RescheduleForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            event_reschedule(actor=request.user, event=event, **form.service_arguments())
            messages.success(
                request,
                _(
                    "The new dates were saved; each registered participant received one e-mail with the updated "
                    "calendar invitation."
                ),
            )
            return redirect("events:detail", pk=event.pk)
        except ValidationError as error:
            add_service_errors(form, error)
    return render(
        request,
        "events/events/reschedule.html",
        {"form": form, "event": event, "can_change": can_be_cancelled(event) and bool(form.event_sessions)},
    )


urlpatterns = [path("<int:pk>/reschedule/", reschedule, name="reschedule")]
