"""Forms of the development action schedule (HDR)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rozwoj.core.forms import ModelForm
from rozwoj.organisations.models import LocalGovernment, LocalGovernmentKind

from .models import Hdr, HdrAction, ManagementTool, Priority, SupportArea
from .selectors.catalogues import offered


class HdrForm(ModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Hdr
        fields = ["title", "context", "goals"]
        widgets = {"context": forms.Textarea(attrs={"rows": 6}), "goals": forms.Textarea(attrs={"rows": 4})}


class ActionForm(ModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    class Meta:
        model = HdrAction
        fields = [
            "priority",
            "title",
            "description",
            "owner",
            "starts_on",
            "ends_on",
            "resources",
            "expected_effect",
            "indicator",
            "baseline",
            "target",
            "management_tool",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
            "resources": forms.Textarea(attrs={"rows": 2}),
            "expected_effect": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, engagement=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = Priority.objects.filter(engagement=engagement).order_by(
            "rank", "id"
        )
        self.fields["management_tool"].queryset = offered(ManagementTool, self.instance.management_tool_id)


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class VersionForm(forms.Form):
    comment = forms.CharField(label=_("What changed (optional)"), max_length=2000, required=False)


class CompareForm(forms.Form):
    old = forms.IntegerField(label=_("Compare version"), min_value=1, max_value=1_000_000)
    new = forms.IntegerField(label=_("with version"), min_value=1, max_value=1_000_000)


class GalleryForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Type of local government"), required=False)
    voivodeship = forms.TypedChoiceField(label=_("Voivodeship"), required=False, coerce=int, empty_value=None)
    area = forms.TypedChoiceField(label=_("Support area"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("all"))] + [
            choice for choice in LocalGovernmentKind.choices if choice[0] != LocalGovernmentKind.VOIVODESHIP
        ]
        self.fields["voivodeship"].choices = [("", _("all"))] + [
            (unit.pk, unit.name)
            for unit in LocalGovernment.objects.filter(kind=LocalGovernmentKind.VOIVODESHIP).order_by("name")
        ]
        self.fields["area"].choices = [("", _("all"))] + [
            (area.pk, area.name) for area in SupportArea.objects.all()
        ]
