"""The organisations taking part in an event (partners of a transnational meeting) and how they took part."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from rozwoj.accounts.permissions import coordinator_required
from rozwoj.core.forms import add_service_errors

from ..forms.events import EventOrganisationForm
from ..selectors.access import access_event, access_event_organisation
from ..selectors.events import participating_organisations
from ..services import participation as services


@coordinator_required
def event_organisations(request, pk: int):
    event = access_event(request.user, pk, manage=True)
    adding = request.method == "POST" and "remove" not in request.POST
    form = EventOrganisationForm(request.POST if adding else None)
    if request.method == "POST":
        if "remove" in request.POST:
            item = access_event_organisation(event, request.POST.get("remove"))
            if item is not None:
                services.event_organisation_remove(actor=request.user, item=item)
                messages.success(
                    request, _("%(organisation)s was removed.") % {"organisation": item.organisation}
                )
            return redirect("events:organisations", pk=event.pk)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.event_organisation_add(
                    actor=request.user,
                    event=event,
                    organisation=data["organisation"],
                    role=data["role"],
                    mode=data["mode"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("%(organisation)s was saved.") % {"organisation": data["organisation"]}
                )
                return redirect("events:organisations", pk=event.pk)
    return render(
        request,
        "events/events/organisations.html",
        {
            "event": event,
            "form": form,
            "items": participating_organisations(event),
        },
    )


urlpatterns = [path("<int:pk>/organisations/", event_organisations, name="organisations")]
