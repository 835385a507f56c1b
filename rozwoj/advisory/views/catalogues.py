"""The coordinators' lists for the advisory cycle: support areas, forms of support, management tools. Add,
rename, reorder, withdraw from use and put back; delete only what nothing has chosen."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rozwoj.accounts.permissions import coordinator_required
from rozwoj.core.forms import add_service_errors

from ..catalogue_forms import TermForm
from ..selectors.catalogues import (
    access_catalogue,
    access_term,
    catalogue_summaries,
    catalogue_terms,
    chosen_competences,
)
from ..services import catalogues as services


def _form(catalogue, data=None, term=None) -> TermForm:
    chosen = chosen_competences(term) if term is not None and "competences" in catalogue.fields else []
    initial = {}
    if term is not None:
        initial = {name: getattr(term, name) for name in catalogue.fields if name != "competences"}
        initial["competences"] = chosen
    return TermForm(data, initial=initial, fields=catalogue.fields, chosen=chosen)


def _term_data(form: TermForm) -> tuple[dict, list | None]:
    data = dict(form.cleaned_data)
    competences = data.pop("competences", None)
    return data, (list(competences) if competences is not None else None)


@coordinator_required
def catalogue_index(request):
    return render(request, "advisory/catalogues/index.html", {"summaries": catalogue_summaries()})


@coordinator_required
@require_http_methods(["GET", "POST"])
def catalogue_page(request, kind: str):
    """The terms of one list with what uses each; a new term is added below the table."""
    catalogue = access_catalogue(kind)
    form = _form(catalogue, request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        data, competences = _term_data(form)
        try:
            term = services.term_add(
                actor=request.user, catalogue=catalogue, data=data, competences=competences
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("“%(name)s” has been added.") % {"name": term.name})
            return redirect("advisory:catalogue", catalogue.slug)
    context = {"catalogue": catalogue, "terms": catalogue_terms(catalogue), "form": form}
    return render(request, "advisory/catalogues/list.html", context)


@coordinator_required
@require_http_methods(["GET", "POST"])
def term_edit(request, kind: str, pk: int):
    catalogue = access_catalogue(kind)
    term = access_term(catalogue, pk)
    form = _form(catalogue, request.POST if request.method == "POST" else None, term)
    if form.is_bound and form.is_valid():
        data, competences = _term_data(form)
        try:
            term = services.term_update(
                actor=request.user, catalogue=catalogue, term=term, data=data, competences=competences
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("“%(name)s” has been saved.") % {"name": term.name})
            return redirect("advisory:catalogue", catalogue.slug)
    return render(
        request, "advisory/catalogues/term.html", {"catalogue": catalogue, "term": term, "form": form}
    )


def _act(request, kind: str, pk: int, act, done: str):
    """Run one action on a term and go back to the list, with the outcome or the refusal as a message."""
    catalogue = access_catalogue(kind)
    term = access_term(catalogue, pk)
    try:
        act(catalogue, term)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done % {"name": term.name})
    return redirect("advisory:catalogue", catalogue.slug)


@coordinator_required
@require_POST
def term_move(request, kind: str, pk: int):
    step = {"up": -1, "down": 1}.get(request.POST.get("direction", ""), 0)
    return _act(
        request,
        kind,
        pk,
        lambda catalogue, term: services.term_move(
            actor=request.user, catalogue=catalogue, term=term, step=step
        ),
        _("“%(name)s” has been moved."),
    )


@coordinator_required
@require_POST
def term_in_use(request, kind: str, pk: int):
    in_use = request.POST.get("in_use") == "1"
    return _act(
        request,
        kind,
        pk,
        lambda catalogue, term: services.term_set_in_use(
            actor=request.user, catalogue=catalogue, term=term, in_use=in_use
        ),
        _("“%(name)s” is in use again.") if in_use else _("“%(name)s” has been withdrawn from use."),
    )


@coordinator_required
@require_POST
def term_delete(request, kind: str, pk: int):
    return _act(
        request,
        kind,
        pk,
        lambda catalogue, term: services.term_delete(actor=request.user, catalogue=catalogue, term=term),
        _("“%(name)s” has been deleted."),
    )
