"""Organisations: every logged-in user reads them; coordinators create and edit."""

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from rozwoj.accounts.permissions import coordinator_required, login_required
from rozwoj.core.forms import add_service_errors
from rozwoj.core.pagination import paginate
from rozwoj.core.user_input import is_key

from ..fields import organisation_label
from ..forms import OrganisationFilterForm, OrganisationForm
from ..selectors import access_organisation, change_history, organisation_search, organisations_visible_to
from ..services import organisation_create, organisation_update


@login_required
@require_GET
def organisation_list(request):
    filter_form = OrganisationFilterForm(request.GET or None)
    filters = filter_form.filters()
    page_obj = paginate(request, organisation_search(request.user, **filters))
    return render(
        request,
        "organisations/list.html",
        {"filter_form": filter_form, "page_obj": page_obj},
    )


@login_required
@require_GET
def organisation_detail(request, pk):
    organisation = access_organisation(request.user, pk, related=("local_government__parent__parent",))
    context = {
        "organisation": organisation,
        "venues": organisation.venues.order_by("name"),
        "history": change_history(organisation) if request.user.is_coordinator else None,
    }
    return render(request, "organisations/detail.html", context)


@coordinator_required
@require_http_methods(["GET", "POST"])
def organisation_create_view(request):
    initial = {"local_government": request.GET.get("local_government", "")[:7]}
    form = OrganisationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = organisation_create(actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The organisation has been saved."))
            return redirect("organisations:detail", pk=organisation.pk)
    return render(request, "organisations/form.html", {"form": form, "organisation": None})


@coordinator_required
@require_http_methods(["GET", "POST"])
def organisation_edit_view(request, pk):
    organisation = access_organisation(request.user, pk)
    title = str(organisation)
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        fresh = access_organisation(request.user, pk)
        try:
            organisation_update(actor=request.user, organisation=fresh, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The organisation has been saved."))
            return redirect("organisations:detail", pk=pk)
    return render(
        request, "organisations/form.html", {"form": form, "organisation": organisation, "title": title}
    )


OPTIONS_LIMIT = 50
_HTML_NAME = re.compile(r"^[\w-]{1,100}$")


@login_required
@require_GET
def organisation_options(request):
    """HTMX: the <option>s of an organisation field in search mode (see `fields.OrganisationSelect`): the
    chosen organisation first, then up to OPTIONS_LIMIT whose name or acronym contains what was typed in the
    search box (`<field>-search`)."""
    field = request.GET.get("field", "")
    if not _HTML_NAME.match(field):
        field = ""
    status_id = request.GET.get("status", "")
    current_key = request.GET.get(field, "") if field else ""
    visible = organisations_visible_to(request.user)
    current = visible.filter(pk=current_key).first() if is_key(current_key) else None
    query = request.GET.get(f"{field}-search", "").strip()[:100] if field else ""
    matches, count = [], 0
    if len(query) >= 2:
        found = organisation_search(request.user, q=query)
        count = found.count()
        matches = [o for o in found[:OPTIONS_LIMIT] if current is None or o.pk != current.pk]
    context = {
        "empty_label": request.GET.get("empty", "")[:100],
        "current": current,
        "options": [(o.pk, organisation_label(o)) for o in matches],
        "current_label": organisation_label(current) if current else "",
        "query": query,
        "count": count,
        "shown": min(count, OPTIONS_LIMIT),
        "status_id": status_id if _HTML_NAME.match(status_id) else "",
    }
    return render(request, "organisations/_organisation_options.html", context)
