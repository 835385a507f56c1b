from django import forms
from django.utils.translation import gettext_lazy as _

from rozwoj.core.forms import DateField, ModelForm, ModelMultipleChoiceField
from rozwoj.experts.models import ExpertProfile
from rozwoj.organisations.forms import LocalGovernmentField
from rozwoj.organisations.models import LocalGovernment, LocalGovernmentKind

from .models import (
    TEAM_MAX,
    Application,
    ApplicationMember,
    Call,
    EngagementStage,
    Priority,
    SupportArea,
    SupportForm,
    SupportLogEntry,
)
from .selectors.catalogues import offered


def _date_order(form, first: str, last: str, message) -> None:
    """The same rule as the service's, on the field, before the model's check constraint answers vaguely."""
    data = form.cleaned_data
    if data.get(first) and data.get(last) and data[last] < data[first]:
        form.add_error(last, message)


class CallForm(ModelForm):
    eligible_kinds = forms.MultipleChoiceField(
        label=_("Types of local government that may apply"),
        choices=LocalGovernmentKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: every type."),
    )
    eligible_voivodeships = ModelMultipleChoiceField(
        label=_("Voivodeships that may apply"),
        queryset=LocalGovernment.objects.filter(kind=LocalGovernmentKind.VOIVODESHIP).order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: the whole country."),
    )

    def clean(self):
        data = super().clean()
        _date_order(self, "opens_on", "closes_on", _("Applications cannot close before they open."))
        _date_order(self, "cycle_starts_on", "cycle_ends_on", _("The cycle cannot end before it starts."))
        return data

    class Meta:
        model = Call
        fields = [
            "programme",
            "title",
            "description",
            "opens_on",
            "closes_on",
            "cycle_starts_on",
            "cycle_ends_on",
            "places",
            "eligible_kinds",
            "eligible_voivodeships",
            "is_published",
        ]
        widgets = {
            name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            for name in ("opens_on", "closes_on", "cycle_starts_on", "cycle_ends_on")
        }


class ApplicationForm(ModelForm):
    local_government = LocalGovernmentField(
        label=_("Local government"),
        help_text=_("Type the name or the TERC code of your gmina, powiat or voivodeship."),
    )

    class Meta:
        model = Application
        fields = [
            "local_government",
            "contact_first_name",
            "contact_last_name",
            "contact_email",
            "contact_phone",
            "contact_position",
            "preferred_area",
            "motivation",
        ]
        widgets = {"motivation": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_area"].queryset = SupportArea.objects.filter(is_active=True)


class ApplicationMemberForm(ModelForm):
    class Meta:
        model = ApplicationMember
        fields = ["first_name", "last_name", "email", "role", "position"]


ApplicationMemberFormSet = forms.formset_factory(ApplicationMemberForm, extra=TEAM_MAX, max_num=TEAM_MAX)


class DecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accepted", _("accept")), ("waiting", _("waiting list")), ("rejected", _("reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for a rejection; the applicant reads it."),
    )


class TeamForm(forms.Form):
    ros_expert = forms.ModelChoiceField(
        label=_("Education development adviser"), queryset=None, required=False
    )
    pro_expert = forms.ModelChoiceField(
        label=_("Organisational development adviser"), queryset=None, required=False
    )

    def __init__(self, *args, role_names=None, **kwargs):
        super().__init__(*args, **kwargs)
        experts = (
            ExpertProfile.objects.filter(is_active=True).select_related("person").order_by("person__sort_key")
        )
        self.fields["ros_expert"].queryset = experts.filter(specialisations__specialisation="ros")
        self.fields["pro_expert"].queryset = experts.filter(specialisations__specialisation="pro")
        if role_names:
            self.fields["ros_expert"].label, self.fields["pro_expert"].label = role_names


class SupportAreaChoiceForm(forms.Form):
    support_area = forms.ModelChoiceField(
        label=_("Support area"), queryset=SupportArea.objects.filter(is_active=True)
    )


class StageForm(ModelForm):
    def clean(self):
        data = super().clean()
        _date_order(self, "starts_on", "ends_on", _("A stage cannot end before it starts."))
        return data

    class Meta:
        model = EngagementStage
        fields = ["status", "starts_on", "ends_on"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class FindingForm(forms.Form):
    text = forms.CharField(label=_("Finding"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class PriorityForm(ModelForm):
    class Meta:
        model = Priority
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class LogEntryForm(ModelForm):
    class Meta:
        model = SupportLogEntry
        fields = ["form", "date", "hours", "event", "experts", "attendees", "notes"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "experts": forms.CheckboxSelectMultiple,
            "attendees": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, engagement, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = offered(SupportForm, self.instance.form_id)
        self.fields["experts"].queryset = ExpertProfile.objects.filter(
            pk__in=[engagement.ros_expert_id, engagement.pro_expert_id]
        ).select_related("person")
        self.fields["attendees"].queryset = engagement.members.select_related("person")
        self.fields["attendees"].help_text = _(
            "Leave empty for a meeting of the cycle: attendance is taken from it."
        )
        self.fields["event"].queryset = events


class FollowUpForm(forms.Form):
    text = forms.CharField(label=_("What was agreed"), max_length=500, required=False)
    owner = forms.TypedChoiceField(label=_("Owner"), required=False, coerce=int, empty_value=None)
    due_on = DateField(label=_("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, owners=(), **kwargs):
        """`owners`: the people who may own a follow-up, loaded once for every row of the formset."""
        super().__init__(*args, **kwargs)
        self.owners = {person.pk: person for person in owners}
        self.fields["owner"].choices = [("", "---------")] + [(pk, str(p)) for pk, p in self.owners.items()]

    def clean(self):
        data = super().clean()
        data["owner"] = self.owners.get(data.get("owner"))
        if data.get("text") and not (data.get("owner") and data.get("due_on")):
            raise forms.ValidationError(_("A follow-up needs an owner and a due date."))
        return data


FollowUpFormSet = forms.formset_factory(FollowUpForm, extra=3, max_num=3)


class SwapForm(forms.Form):
    """Another expert for one adviser role of a proposed team; the service checks the team stays valid."""

    role = forms.ChoiceField(choices=[], widget=forms.HiddenInput)
    expert = forms.ModelChoiceField(label=_("Expert"), queryset=ExpertProfile.objects.none())

    def __init__(self, *args, role: str, label: str, candidates, **kwargs):
        kwargs.setdefault("auto_id", f"id_{role}_%s")
        super().__init__(*args, **kwargs)
        self.role_name = role
        self.role_label = label
        self.fields["role"].choices = [(role, label)]
        self.fields["role"].initial = role
        self.fields["expert"].queryset = candidates
        self.fields["expert"].label = label


class ProgrammeSettingsForm(forms.Form):
    """The two adviser role names and, per stage, its name in the programme and whether it is used."""

    ros_role_name = forms.CharField(
        label=_("Name of the education development role"), max_length=150, required=False
    )
    pro_role_name = forms.CharField(
        label=_("Name of the organisational development role"), max_length=150, required=False
    )

    def __init__(self, *args, stages: list[dict], defaults: tuple[str, str] = ("", ""), **kwargs):
        super().__init__(*args, **kwargs)
        for field, default in zip(("ros_role_name", "pro_role_name"), defaults, strict=True):
            self.fields[field].help_text = _("Leave empty for the default name: %(name)s.") % {
                "name": default
            }
        self.stage_rows = []
        for stage in stages:
            kind = stage["kind"]
            self.fields[f"stage_{kind}_name"] = forms.CharField(
                label=_("Name of the stage “%(stage)s”") % {"stage": stage["default"]},
                max_length=200,
                required=False,
                initial=stage["name"],
                help_text=_("Leave empty for the default name."),
            )
            self.fields[f"stage_{kind}_enabled"] = forms.BooleanField(
                label=_("Stage “%(stage)s” used in this programme") % {"stage": stage["default"]},
                required=False,
                initial=stage["enabled"],
            )
            self.stage_rows.append(kind)

    def stage_data(self) -> dict[int, dict]:
        return {
            kind: {
                "name": self.cleaned_data.get(f"stage_{kind}_name", ""),
                "enabled": self.cleaned_data.get(f"stage_{kind}_enabled", False),
            }
            for kind in self.stage_rows
        }

    def stage_fields(self):
        return [(self[f"stage_{kind}_name"], self[f"stage_{kind}_enabled"]) for kind in self.stage_rows]
