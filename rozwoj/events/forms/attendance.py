from django import forms
from django.utils.translation import gettext_lazy as _


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Certificate code"),
        max_length=40,
        help_text=_("Twelve letters and digits printed on the certificate, e.g. ABCD-EFGH-JKMN."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )


class CertificateIssueForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the certificate"),
        required=False,
        choices=[("", _("the participant's language")), ("pl", _("Polish")), ("en", _("English"))],
    )
