"""Forms of the registration area."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rozwoj.core.forms import ModelMultipleChoiceField, SharedFilterForm
from rozwoj.organisations.fields import OrganisationChoiceField
from rozwoj.organisations.models import Organisation

from ..models import AttendanceMode, RegistrationStatus
from ..services.imports import MAX_IMPORT_SIZE


class RegisterForm(forms.Form):
    mode = forms.ChoiceField(label=_("How will you take part?"), widget=forms.RadioSelect)
    online_if_full = forms.BooleanField(
        label=_("Take part online if no on-site place is left"),
        required=False,
        help_text=_("Otherwise you go on the waiting list when all on-site places are taken."),
    )

    def __init__(self, *args, modes: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mode"].choices = [(mode, AttendanceMode(mode).label) for mode in modes]
        if len(modes) == 1:
            self.fields["mode"].initial = modes[0]
            self.fields["mode"].widget = forms.HiddenInput()
        if AttendanceMode.ON_SITE not in modes or AttendanceMode.ONLINE not in modes:
            del self.fields["online_if_full"]


class ParticipantFilterForm(SharedFilterForm):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("any"))] + list(RegistrationStatus.choices)
    )
    mode = forms.ChoiceField(
        label=_("Taking part"), required=False, choices=[("", _("any"))] + list(AttendanceMode.choices)
    )
    # The registry's organisation field: a short registry is listed, a long one gets the search box (listing the
    # organisations of every participant grew with the event and, at national scale, weighed megabytes).
    organisation = OrganisationChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.only("id", "name", "acronym", "country").order_by("name", "country"),
        required=False,
        empty_label=_("any"),
    )

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}


class PeopleSearchForm(forms.Form):
    q = forms.CharField(label=_("Search people by name or e-mail"), required=False, max_length=100)


class BulkRegisterForm(forms.Form):
    people = ModelMultipleChoiceField(
        label=_("People to register"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    mode = forms.ChoiceField(label=_("Taking part"), widget=forms.RadioSelect)

    def __init__(self, *args, candidates, modes: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = candidates
        self.fields["mode"].choices = [(mode, AttendanceMode(mode).label) for mode in modes]
        self.fields["mode"].initial = modes[0]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "Columns: first_name, last_name, email, mode (on_site or online) and, optionally, organisation. "
            "At most 2 MB and 5,000 rows; a CSV file in UTF-8."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        name = (file.name or "").lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a CSV or XLSX file."))
        if file.size > MAX_IMPORT_SIZE:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return file
