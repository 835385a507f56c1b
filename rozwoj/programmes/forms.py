from django import forms
from django.utils.translation import gettext_lazy as _

from rozwoj.core.forms import ModelForm
from rozwoj.organisations.fields import OrganisationChoiceField

from . import services
from .models import Indicator, PlannedResult, Programme, ProgrammePartner, ProgrammeStatus


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProgrammeFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or acronym"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("any"))] + list(ProgrammeStatus.choices)
    )
    funding = forms.CharField(label=_("Funding programme"), required=False, max_length=100)
    year = forms.IntegerField(label=_("Running in year"), required=False, min_value=1990, max_value=2100)

    def filters(self) -> dict:
        """The valid filters only: a wrong value in one field does not discard the others."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "q": (data.get("q") or "").strip(),
            "status": data.get("status") or "",
            "funding": (data.get("funding") or "").strip(),
            "year": data.get("year"),
        }


class ProgrammeForm(ModelForm):
    lead_institution = OrganisationChoiceField(label=_("lead institution"))

    class Meta:
        model = Programme
        fields = services.PROGRAMME_FIELDS
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "goal": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if services.programme_name_taken(name, exclude_pk=self.instance.pk):
            raise forms.ValidationError(_("A programme with this name already exists."))
        return name

    def clean_acronym(self):
        acronym = self.cleaned_data["acronym"].strip()
        if services.programme_acronym_taken(acronym, exclude_pk=self.instance.pk):
            raise forms.ValidationError(_("A programme with this acronym already exists."))
        return acronym

    def clean(self):
        cleaned = super().clean()
        if services.dates_out_of_order(cleaned.get("start_date"), cleaned.get("end_date")):
            self.add_error("end_date", _("The end date cannot be earlier than the start date."))
        return cleaned


class PartnerForm(ModelForm):
    organisation = OrganisationChoiceField(label=_("organisation"))

    class Meta:
        model = ProgrammePartner
        fields = services.PARTNER_FIELDS


class ResultForm(ModelForm):
    class Meta:
        model = PlannedResult
        fields = services.RESULT_FIELDS
        widgets = {"due_date": DateInput(), "description": forms.Textarea(attrs={"rows": 2})}


class IndicatorForm(ModelForm):
    class Meta:
        model = Indicator
        fields = services.INDICATOR_FIELDS


class RowsFormSet(forms.BaseInlineFormSet):
    """Row-by-row validation only: the rules across rows are the service's (its errors come back per row)."""

    def validate_unique(self):
        return

    def live_forms(self) -> list[forms.ModelForm]:
        """Forms that mean something: existing rows and new rows with input."""
        return [form for form in self.forms if form.instance.pk or form.has_changed()]

    def rows(self) -> list[dict]:
        rows = []
        for form in self.live_forms():
            row = {field: form.cleaned_data.get(field) for field in form._meta.fields}
            row["id"] = form.instance.pk
            row["delete"] = bool(self.can_delete and self._should_delete_form(form))
            rows.append(row)
        return rows


def _formset(model, form, extra):
    return forms.inlineformset_factory(
        Programme, model, form=form, formset=RowsFormSet, extra=extra, can_delete=True
    )


PartnerFormSet = _formset(ProgrammePartner, PartnerForm, 2)
ResultFormSet = _formset(PlannedResult, ResultForm, 2)
IndicatorFormSet = _formset(Indicator, IndicatorForm, 2)

FORMSETS = (("partners", PartnerFormSet), ("results", ResultFormSet), ("indicators", IndicatorFormSet))
