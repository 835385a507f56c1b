"""The organisation field that other apps' forms use (event organiser, programme partners, memberships, filters).

A short registry is offered as a plain <select>. A national registry holds thousands of offices and schools:
listing them all would make every form that asks for an organisation weigh megabytes and take seconds to
render, so above `ROZWOJ_ORGANISATION_SELECT_LIMIT` organisations the <select> holds only the chosen one
and a search box beside it fetches the matching ones (HTMX, `organisations:options`). The field validates
against its queryset either way.
"""

import json

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rozwoj.core.user_input import is_key

from .models import Organisation


def organisation_label(organisation: Organisation) -> str:
    """How an organisation is named in a choice: name, acronym and country (partners abroad share names)."""
    return f"{organisation} — {organisation.country.name}"


def is_long(queryset: QuerySet[Organisation]) -> bool:
    """Whether a field over `queryset` offers the search box instead of listing every organisation."""
    return queryset.count() > settings.ROZWOJ_ORGANISATION_SELECT_LIMIT


def chosen_labels(queryset: QuerySet[Organisation], values) -> dict[str, str]:
    """{pk: label} of the organisations among `values` (what a form holds: keys or anything a user sent)."""
    keys = [str(value) for value in values if is_key(value)]
    return {
        str(organisation.pk): organisation_label(organisation)
        for organisation in queryset.filter(pk__in=keys)
    }


class OrganisationSelect(forms.Select):
    template_name = "organisations/widgets/organisation_select.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.searchable: bool | None = None  # None: decided at rendering by counting the queryset
        self.chosen_labels: dict[str, str] | None = None  # {pk: label} preloaded for a whole formset

    def rows_known(self, count: int) -> None:
        """The number of organisations the field offers, when the form has already counted them."""
        if self.searchable is None:
            self.searchable = count > settings.ROZWOJ_ORGANISATION_SELECT_LIMIT

    def _is_searchable(self) -> bool:
        if self.searchable is None:
            queryset = getattr(self.choices, "queryset", None)
            self.searchable = queryset is not None and is_long(queryset)
        return self.searchable

    def _chosen_only(self, value: list[str]) -> list[tuple[str, str]]:
        field = self.choices.field
        labels = (
            self.chosen_labels if self.chosen_labels is not None else chosen_labels(field.queryset, value)
        )
        empty = [("", field.empty_label)] if field.empty_label is not None else []
        return empty + [(key, labels[key]) for key in value if key in labels]

    def get_context(self, name, value, attrs):
        if not self._is_searchable():
            return super().get_context(name, value, attrs)
        all_choices = self.choices
        self.choices = self._chosen_only(self.format_value(value))
        try:
            context = super().get_context(name, value, attrs)
        finally:
            self.choices = all_choices
        widget_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        context["widget"]["search"] = {
            "id": f"{widget_id}-search",
            "hint_id": f"{widget_id}-hint",
            "status_id": f"{widget_id}-status",
            "url": reverse("organisations:options"),
            "vals_json": json.dumps(
                {
                    "field": name,
                    "empty": str(all_choices.field.empty_label or ""),
                    "status": f"{widget_id}-status",
                }
            ),
        }
        described_by = context["widget"]["attrs"].get("aria-describedby", "")
        context["widget"]["attrs"]["aria-describedby"] = f"{described_by} {widget_id}-hint".strip()
        return context


class OrganisationChoiceField(forms.ModelChoiceField):
    widget = OrganisationSelect
    default_error_messages = {
        "invalid_choice": _("Choose an organisation from the registry."),
    }

    def __init__(self, queryset: QuerySet[Organisation] | None = None, **kwargs):
        if queryset is None:
            queryset = Organisation.objects.order_by("name", "country")
        super().__init__(queryset=queryset, **kwargs)

    def label_from_instance(self, obj):
        return organisation_label(obj)


def share_organisation_choices(forms_: list[forms.Form]) -> None:
    """One or two queries for every organisation field of a page (a formset has one per row), not one per row:
    the list of organisations when it is short, else the labels of the chosen ones."""
    bound = [
        (form, name, field)
        for form in forms_
        for name, field in form.fields.items()
        if isinstance(field, OrganisationChoiceField)
    ]
    if not bound:
        return
    queryset = bound[0][2].queryset
    if not is_long(queryset):
        choices = [("", bound[0][2].empty_label)] + [
            (organisation.pk, organisation_label(organisation)) for organisation in queryset
        ]
        for _form, _name, field in bound:
            field.choices = choices
            field.widget.searchable = False
        return
    labels = chosen_labels(queryset, {form[name].value() for form, name, _field in bound})
    for _form, _name, field in bound:
        field.widget.searchable = True
        field.widget.chosen_labels = labels
