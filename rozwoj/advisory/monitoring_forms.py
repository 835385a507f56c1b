"""Forms of the monitoring (stage 5) and the evaluation (stage 6) of an engagement."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rozwoj.core.forms import ModelForm

from .models import MonitoringEntry

EVIDENCE_ACCEPT = ".pdf,.docx,.xlsx,.odt,.ods,.png,.jpg,.jpeg"


class MonitoringEntryForm(ModelForm):
    evidence = forms.FileField(
        label=_("Evidence (optional)"),
        required=False,
        help_text=_("A PDF, DOCX, XLSX, ODT or ODS document or a PNG or JPEG picture, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
    )

    class Meta:
        model = MonitoringEntry
        fields = ["date", "status", "percent_done", "indicator_value", "comment"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "comment": forms.Textarea(attrs={"rows": 3}),
        }


class MonitoringEntryEditForm(MonitoringEntryForm):
    """Correcting an entry: the same fields, and the evidence file replaced by a new one or removed."""

    evidence = forms.FileField(
        label=_("New evidence file (optional)"),
        required=False,
        help_text=_(
            "Replaces the current file. A PDF, DOCX, XLSX, ODT or ODS document or a PNG or JPEG picture, "
            "at most 10 MB."
        ),
        widget=forms.FileInput(attrs={"accept": EVIDENCE_ACCEPT}),
    )
    remove_evidence = forms.BooleanField(label=_("Remove the evidence file"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.evidence:
            del self.fields["remove_evidence"]


RATING_CHOICES = [("", "—")] + [(str(value), str(value)) for value in range(1, 6)]


class EvaluationForm(forms.Form):
    """The evaluation: the assessments, lessons learned and, per indicator, the value achieved. Built with the
    fields the user may write and the HDR's indicator actions."""

    local_government_assessment = forms.CharField(
        label=_("The local government's assessment"), max_length=5000, required=False, widget=forms.Textarea
    )
    local_government_rating = forms.TypedChoiceField(
        label=_("The local government's rating (1–5)"),
        choices=RATING_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )
    experts_assessment = forms.CharField(
        label=_("The experts' assessment"), max_length=5000, required=False, widget=forms.Textarea
    )
    experts_rating = forms.TypedChoiceField(
        label=_("The experts' rating (1–5)"),
        choices=RATING_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )
    lessons_learned = forms.CharField(
        label=_("Lessons learned"), max_length=10000, required=False, widget=forms.Textarea
    )

    def __init__(self, *args, writable=(), actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in writable:
                del self.fields[name]
        self.actions = list(actions) if "experts_assessment" in writable else []
        for action in self.actions:
            self.fields[f"achieved_{action.pk}"] = forms.CharField(
                label=_("Value achieved: %(action)s (target %(target)s)")
                % {"action": action.title, "target": action.target or "—"},
                max_length=100,
                required=False,
            )

    def results(self) -> dict[int, dict[str, str]]:
        return {
            action.pk: {"achieved_value": self.cleaned_data.get(f"achieved_{action.pk}", "")}
            for action in self.actions
        }
