"""The forms of the coordinators' lists for the advisory cycle; the rules (a unique name, a term in use) are the
service's (services/catalogues.py)."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rozwoj.core.forms import ModelMultipleChoiceField
from rozwoj.experts.models import Competence

from .services.catalogues import DESCRIPTION_MAX, NAME_MAX


class CompetenceChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_specialisation_display()}: {obj.name}"


class TermForm(forms.Form):
    """A term of a list: its name and, by list, a description, the competences it calls for (support areas) or
    whether it is held for all local governments of a cycle (forms of support)."""

    name = forms.CharField(label=pgettext_lazy("catalogue term", "Name"), max_length=NAME_MAX)
    description = forms.CharField(
        label=_("Description"),
        max_length=DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_cycle_wide = forms.BooleanField(
        label=_("For all local governments of a cycle"),
        required=False,
        help_text=_("Opening and closing meetings and workshop rounds: held as events of the cycle."),
    )
    competences = CompetenceChoiceField(
        label=_("Competences it calls for"),
        queryset=Competence.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The experts' self-assessments of these competences rank them for this area."),
    )

    def __init__(
        self, *args, fields=("name", "description", "is_cycle_wide", "competences"), chosen=(), **kwargs
    ):
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in fields:
                del self.fields[name]
        if "competences" in self.fields:
            # a competence withdrawn from the canon stays offered where the area already calls for it
            self.fields["competences"].queryset = Competence.objects.filter(
                Q(is_active=True) | Q(pk__in=list(chosen))
            ).order_by("specialisation", "order", "pk")
