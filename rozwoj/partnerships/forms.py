from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from rozwoj.core.forms import ModelForm

from .models import (
    MAX_TEXT,
    MAX_UNIT_COST,
    CostCall,
    DistanceBand,
    MeetingParticipant,
    PartnerReport,
    ReportPeriod,
    Section,
    Synthesis,
)


class PeriodForm(ModelForm):
    class Meta:
        model = ReportPeriod
        fields = ["title", "starts_on", "ends_on", "due_on", "meeting", "instructions"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, meetings=None, **kwargs):
        super().__init__(*args, **kwargs)
        if meetings is not None:
            self.fields["meeting"].queryset = meetings


class ReportForm(ModelForm):
    class Meta:
        model = PartnerReport
        fields = [key for key, _label in Section.choices]
        widgets = {key: forms.Textarea(attrs={"rows": 5, "lang": "en"}) for key, _label in Section.choices}


class CommentForm(forms.Form):
    section = forms.ChoiceField(
        label=_("Section of the report"),
        choices=[("", _("the whole report")), *Section.choices],
        required=False,
    )
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=MAX_TEXT)


class ReturnForm(forms.Form):
    text = forms.CharField(
        label=_("What should be changed"), widget=forms.Textarea(attrs={"rows": 3}), max_length=MAX_TEXT
    )


class SynthesisForm(ModelForm):
    class Meta:
        model = Synthesis
        fields = ["introduction", "conclusions"]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 5, "lang": "en"}),
            "conclusions": forms.Textarea(attrs={"rows": 5, "lang": "en"}),
        }


class QuotationForm(forms.Form):
    report = forms.ModelChoiceField(label=_("Report"), queryset=PartnerReport.objects.none())
    section = forms.ChoiceField(label=_("Section of the report"), choices=Section.choices)
    text = forms.CharField(
        label=_("Passage to quote"),
        widget=forms.Textarea(attrs={"rows": 3, "lang": "en"}),
        max_length=MAX_TEXT,
        help_text=_("Copy it from the report's section."),
    )

    def __init__(self, *args, reports=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["report"].queryset = PartnerReport.objects.filter(
            pk__in=[r.pk for r in reports]
        ).select_related("organisation")
        self.fields["report"].label_from_instance = lambda report: report.organisation.name


def _amount_field(label):
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=Decimal("0"),
        max_value=MAX_UNIT_COST,
        max_digits=8,
        decimal_places=2,
        help_text=_("Euro per participant; empty: no unit cost for this band."),
    )


class CallForm(ModelForm):
    amount_100_1999 = _amount_field(_("Unit cost, 100–1,999 km"))
    amount_2000_plus = _amount_field(_("Unit cost, 2,000 km and more"))

    class Meta:
        model = CostCall
        fields = ["name", "to_verify", "note"]

    def amounts(self) -> dict:
        return {
            DistanceBand.FROM_100: self.cleaned_data.get("amount_100_1999"),
            DistanceBand.FROM_2000: self.cleaned_data.get("amount_2000_plus"),
        }


class CostingCallForm(forms.Form):
    call = forms.ModelChoiceField(
        label=_("Call whose unit costs apply"), queryset=CostCall.objects.order_by("name")
    )


class ParticipantForm(ModelForm):
    class Meta:
        model = MeetingParticipant
        fields = ["organisation", "name", "sending_city", "band", "online"]

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations
