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
