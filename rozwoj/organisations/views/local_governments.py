"""Public pages of the local-government registry (TERYT): anonymous visitors are welcome."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from rozwoj.core.pagination import paginate
from rozwoj.core.user_input import is_digits

from ..forms import LocalGovernmentFilterForm
from ..models import GMINA_KINDS
from ..selectors import (
    access_local_government,
    local_government_children,
    local_government_hierarchy,
    local_government_search,
    local_governments_visible_to,
    organisations_visible_to,
    registry_date,
)
from ..services import normalise_name

SUGGESTIONS = 20
CHILDREN_PER_PAGE = 50


def _registry_date():
    return registry_date()


@require_GET
def local_government_list(request):
    filter_form = LocalGovernmentFilterForm(request.GET or None)
    filters = filter_form.filters()
    page_obj = paginate(request, local_government_search(request.user, **filters))
    return render(
        request,
        "organisations/local_governments/list.html",
        {
            "filter_form": filter_form,
            "page_obj": page_obj,
            "registry_date": _registry_date(),
        },
    )


@require_GET
def local_government_detail(request, terc):
    unit = access_local_government(request.user, terc, related=("parent__parent", "voivodeship"))
    children_page = paginate(
        request, local_government_children(unit).select_related("parent"), per_page=CHILDREN_PER_PAGE
    )
    organisations = organisations_visible_to(request.user).filter(local_government=unit).order_by("name")
    venues = unit.venues.order_by("name") if request.user.is_authenticated else []
    return render(
        request,
        "organisations/local_governments/detail.html",
        {
            "unit": unit,
            "hierarchy": local_government_hierarchy(unit),
            "page_obj": children_page,
            "organisations": organisations,
            "venues": venues,
        },
    )


@require_GET
def local_government_suggest(request):
    """HTMX: <option>s for the <datalist> of a local-government input, by name or TERC prefix."""
    query = (request.GET.get("q") or request.GET.get("local_government") or "").strip()[:100]
    units = local_governments_visible_to(request.user).none()
    if len(query) >= 2:
        units = local_governments_visible_to(request.user).select_related("parent")
        if request.GET.get("level") == "gmina":
            units = units.filter(kind__in=GMINA_KINDS)
        head = query.split("–")[0].strip()
        if is_digits(head):
            units = units.filter(terc__startswith=head)
        else:
            units = units.filter(name_search__startswith=normalise_name(query))
        units = units.order_by("name_search", "terc")[:SUGGESTIONS]
    return render(request, "organisations/local_governments/_options.html", {"units": units})
