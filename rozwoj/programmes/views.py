from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rozwoj.accounts.permissions import coordinator_required
from rozwoj.core.audit import history_for
from rozwoj.core.pagination import paginate
from rozwoj.organisations.fields import share_organisation_choices

from . import selectors, services
from .forms import FORMSETS, ProgrammeFilterForm, ProgrammeForm
from .models import Programme

HISTORY_LABELS = {
    "partners_added": gettext_lazy("Partners added"),
    "partners_changed": gettext_lazy("Partners changed"),
    "partners_removed": gettext_lazy("Partners removed"),
    "results_added": gettext_lazy("Results added"),
    "results_changed": gettext_lazy("Results changed"),
    "results_removed": gettext_lazy("Results removed"),
    "indicators_added": gettext_lazy("Indicators added"),
    "indicators_changed": gettext_lazy("Indicators changed"),
    "indicators_removed": gettext_lazy("Indicators removed"),
}


def programme_list(request):
    filter_form = ProgrammeFilterForm(request.GET or None)
    filters = filter_form.filters() if request.GET else {}
    page_obj = paginate(request, selectors.programme_list(request.user, **filters))
    return render(request, "programmes/list.html", {"page_obj": page_obj, "filter_form": filter_form})


def _history_value(field, value) -> str:
    if value in (None, ""):
        return "—"
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _history_line(key: str, value) -> tuple[str, str]:
    try:
        field = Programme._meta.get_field(key)
    except FieldDoesNotExist:
        return str(HISTORY_LABELS.get(key, key)), "; ".join(str(item) for item in value)
    old, new = value if isinstance(value, list) and len(value) == 2 else (None, value)
    return str(field.verbose_name), f"{_history_value(field, old)} → {_history_value(field, new)}"


def _history(programme: Programme) -> list[dict]:
    """Audit entries with each change as (label, text); a creation lists only its rows."""
    entries = []
    for entry in history_for(programme):
        lines = [
            _history_line(key, value)
            for key, value in (entry.changes or {}).items()
            if not (entry.action == "programme.create" and key in services.PROGRAMME_FIELDS)
        ]
        entries.append({"entry": entry, "lines": lines})
    return entries


def programme_detail(request, pk: int):
    try:
        programme = selectors.programme_detail(request.user, pk)
    except Programme.DoesNotExist:
        raise Http404 from None
    is_coordinator = request.user.is_authenticated and request.user.is_coordinator
    return render(
        request,
        "programmes/detail.html",
        {"programme": programme, "history": _history(programme) if is_coordinator else None},
    )


def _apply_errors(error: ValidationError, form, formsets) -> None:
    """Put the service's errors next to the fields they are about."""
    for key, messages_ in error.message_dict.items():
        section, _sep, rest = key.partition("-")
        if section in formsets and rest:
            index, _sep, field = rest.partition("-")
            row_forms = formsets[section].live_forms()
            target = row_forms[int(index)] if int(index) < len(row_forms) else form
            field_name = field if field in target.fields else None
            for message in messages_:
                target.add_error(field_name, message)
        else:
            for message in messages_:
                form.add_error(key if key in form.fields else None, message)


def _edit(request, programme: Programme | None):
    data = request.POST if request.method == "POST" else None
    form = ProgrammeForm(data, instance=programme)
    formsets = {
        prefix: formset_class(data, instance=programme or Programme(), prefix=prefix)
        for prefix, formset_class in FORMSETS
    }
    share_organisation_choices([form] + [row for formset in formsets.values() for row in formset.forms])
    if request.method == "POST":
        valid = form.is_valid()
        valid = all([formset.is_valid() for formset in formsets.values()]) and valid
        if valid:
            rows = {prefix: formset.rows() for prefix, formset in formsets.items()}
            try:
                if programme is None:
                    programme = services.programme_create(actor=request.user, data=form.cleaned_data, **rows)
                    messages.success(request, _("The programme was created."))
                else:
                    programme = services.programme_update(
                        actor=request.user, programme=programme, data=form.cleaned_data, **rows
                    )
                    messages.success(request, _("The programme was saved."))
                return redirect("programmes:detail", pk=programme.pk)
            except ValidationError as error:
                _apply_errors(error, form, formsets)
    return render(
        request,
        "programmes/form.html",
        {"form": form, "formsets": formsets, "programme": programme},
    )


@coordinator_required
def programme_create(request):
    return _edit(request, None)


@coordinator_required
def programme_edit(request, pk: int):
    return _edit(request, selectors.access_programme(request.user, pk))
