from django import forms
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from rozwoj.core.forms import ModelForm, ModelMultipleChoiceField
from rozwoj.people.models import Person

from .models import Competence, ExpertProfile, Specialisation
from .selectors import LANGUAGE_CODES, voivodeships

SCALE = [
    (1, _("1 – basic knowledge, I need support")),
    (2, _("2 – I act with occasional support")),
    (3, _("3 – I act independently")),
    (4, _("4 – I act independently in complex situations")),
    (5, _("5 – expert level, I can teach others")),
]


def language_choices():
    return [(code, get_language_info(code)["name_translated"]) for code in LANGUAGE_CODES]


class ExpertFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    specialisation = forms.ChoiceField(
        label=_("Specialisation"), required=False, choices=[("", _("any")), *Specialisation.choices]
    )
    region = forms.ModelChoiceField(
        label=_("Voivodeship served"), required=False, queryset=voivodeships(), empty_label=_("any")
    )
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("any")), *language_choices()]
        self.fields["q"].widget.attrs["type"] = "search"
        self.fields["region"].label_from_instance = lambda region: region.display_name


class ExpertCreateForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Person.objects.filter(expert_profile__isnull=True),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a person."),
            "invalid_choice": _("Choose a person from the list."),
        },
    )
    specialisations = forms.MultipleChoiceField(
        label=_("Specialisations"), choices=Specialisation.choices, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Offer only the people found by the search; any person without a profile is still valid.
        self.fields["person"].widget.choices = [
            (person.pk, f"{person.full_name}{f' ({person.email})' if person.email else ''}")
            for person in candidates
        ]


class ExpertProfileForm(ModelForm):
    specialisations = forms.MultipleChoiceField(
        label=_("Specialisations"), choices=Specialisation.choices, widget=forms.CheckboxSelectMultiple
    )
    regions = ModelMultipleChoiceField(
        label=_("Voivodeships served"),
        queryset=voivodeships(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"), widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = ExpertProfile
        fields = ["bio", "specialisations", "regions", "languages", "is_active"]
        help_texts = {"is_active": _("Inactive experts are not shown to other experts.")}

    def __init__(self, *args, can_edit_specialisations=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = language_choices()
        self.fields["regions"].label_from_instance = lambda region: region.display_name
        if can_edit_specialisations:
            self.initial["specialisations"] = list(
                self.instance.specialisations.values_list("specialisation", flat=True)
            )
        else:
            del self.fields["specialisations"]


class AssessmentForm(forms.Form):
    """One radio group 1–5 per competence of the expert's specialisations."""

    def __init__(self, *args, groups=(), levels=None, **kwargs):
        kwargs.setdefault("label_suffix", "")  # the competence names are the legends, as written
        super().__init__(*args, **kwargs)
        levels = levels or {}
        self.groups = []
        for code, label, competences in groups:
            names = []
            for competence in competences:
                name = f"competence_{competence.pk}"
                self.fields[name] = forms.TypedChoiceField(
                    label=competence.name,
                    choices=SCALE,
                    coerce=int,
                    widget=forms.RadioSelect,
                    required=False,
                    initial=levels.get(competence.pk),
                    help_text=competence.description,
                )
                names.append(name)
            self.groups.append((code, label, names))

    def grouped_fields(self):
        return [(label, [self[name] for name in names]) for _code, label, names in self.groups]

    def levels(self) -> dict[int, int]:
        """The chosen levels; a competence left unanswered keeps what it had."""
        return {
            int(name.removeprefix("competence_")): value
            for name, value in self.cleaned_data.items()
            if value not in ("", None)
        }


class CompetenceForm(ModelForm):
    class Meta:
        model = Competence
        fields = ["specialisation", "name", "description", "order", "is_active"]
        help_texts = {"is_active": _("Competences no longer in use are hidden from new self-assessments.")}
