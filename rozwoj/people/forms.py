from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from rozwoj.accounts.models import Role
from rozwoj.core.forms import ModelForm
from rozwoj.organisations.fields import OrganisationChoiceField
from rozwoj.organisations.models import Organisation

from .models import Membership, Person, Sex
from .services import email_in_use


class SignupForm(AllauthSignupForm):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)


class PersonForm(ModelForm):
    class Meta:
        model = Person
        fields = ["first_name", "last_name", "email", "phone", "sex", "notes"]
        widgets = {"sex": forms.RadioSelect, "phone": forms.TextInput(attrs={"type": "tel"})}
        help_texts = {
            "sex": _(
                "Optional. Used only for aggregate indicators of the programmes (e.g. the share of women "
                "among participants), never shown to other users."
            ),
            "email": _("Optional. Needed to give the person a login."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sex"].choices = [
            (Sex.NOT_GIVEN, _("not given")),
            (Sex.FEMALE, _("female")),
            (Sex.MALE, _("male")),
        ]
        self.fields["sex"].required = False

    def clean_email(self):
        email = self.cleaned_data.get("email", "").strip()
        if email_in_use(email, exclude_pk=self.instance.pk):
            raise forms.ValidationError(_("Another person already has this e-mail address."))
        return email


class OwnPersonForm(ModelForm):
    """What a person may change about themself."""

    class Meta:
        model = Person
        fields = ["first_name", "last_name", "phone"]
        widgets = {"phone": forms.TextInput(attrs={"type": "tel"})}


class MembershipForm(ModelForm):
    organisation = OrganisationChoiceField(label=_("organisation"))

    class Meta:
        model = Membership
        fields = ["organisation", "position", "start_date", "end_date"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return cleaned


LOGIN_FILTER_CHOICES = [
    ("", _("everyone")),
    ("none", _("without a login")),
    ("any", _("with a login")),
    *[(role.value, _("role: %(role)s") % {"role": role.label}) for role in Role],
]


class PersonFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or e-mail"), required=False, max_length=100)
    organisation = OrganisationChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False, empty_label=_("any")
    )
    login = forms.ChoiceField(label=_("Login and role"), choices=LOGIN_FILTER_CHOICES, required=False)

    def __init__(self, *args, organisations=None, whole_registry=False, coordinator=False, **kwargs):
        """`whole_registry`: the organisations offered are all of them, so the registry search may offer them
        (a user who sees only some organisations gets the plain list of those). Only a `coordinator` sees
        e-mail addresses, logins and roles, so only a coordinator searches and filters by them."""
        super().__init__(*args, **kwargs)
        if not coordinator:
            del self.fields["login"]
            self.fields["q"].label = _("Name")
        if organisations is not None:
            self.fields["organisation"].queryset = organisations.only("id", "name", "acronym", "country")
        if not whole_registry:
            self.fields["organisation"].widget.searchable = False
        self.fields["q"].widget.attrs["type"] = "search"


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, assignable=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(value, label) for value, label in Role.choices if value in assignable]
        self.fields["roles"].choices = choices
        self.fields["roles"].help_text = _(
            "Only an administrator can grant or remove the administrator role and the editor right. An editor "
            "who is also a coordinator publishes news and documents; other coordinators send them for review."
        )
