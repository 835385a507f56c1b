"""Venues: every logged-in user reads them; coordinators create and edit."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from rozwoj.accounts.permissions import coordinator_required, login_required
from rozwoj.core.forms import add_service_errors
from rozwoj.core.pagination import paginate

from ..forms import VenueFilterForm, VenueForm
from ..selectors import access_venue, change_history, venue_search
from ..services import venue_create, venue_update


@login_required
@require_GET
def venue_list(request):
    filter_form = VenueFilterForm(request.GET or None)
    filters = filter_form.filters()
    page_obj = paginate(request, venue_search(request.user, **filters))
    return render(
        request,
        "organisations/venues/list.html",
        {"filter_form": filter_form, "page_obj": page_obj},
    )


@login_required
@require_GET
def venue_detail(request, pk):
    venue = access_venue(request.user, pk, related=("organisation", "local_government__parent"))
    history = change_history(venue) if request.user.is_coordinator else None
    return render(request, "organisations/venues/detail.html", {"venue": venue, "history": history})


@coordinator_required
@require_http_methods(["GET", "POST"])
def venue_create_view(request):
    form = VenueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            venue = venue_create(actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The venue has been saved."))
            return redirect("organisations:venue_detail", pk=venue.pk)
    return render(request, "organisations/venues/form.html", {"form": form, "venue": None})


@coordinator_required
@require_http_methods(["GET", "POST"])
def venue_edit_view(request, pk):
    venue = access_venue(request.user, pk)
    title = str(venue)
    form = VenueForm(request.POST or None, instance=venue)
    if request.method == "POST" and form.is_valid():
        fresh = access_venue(request.user, pk)
        try:
            venue_update(actor=request.user, venue=fresh, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The venue has been saved."))
            return redirect("organisations:venue_detail", pk=pk)
    return render(request, "organisations/venues/form.html", {"form": form, "venue": venue, "title": title})
