from django import forms
from django.utils.translation import gettext_lazy as _

from rozwoj.core.forms import ModelForm, ModelMultipleChoiceField
from rozwoj.organisations.fields import OrganisationChoiceField, share_organisation_choices
from rozwoj.surveys.selectors.access import questionnaires_manageable_by

from .models import (
    PROGRESS_MAX,
    PROGRESS_MIN,
    Agreement,
    PilotGroup,
    Session,
    SupervisionRecord,
    SupervisionRequirement,
    Technique,
)
from .selectors.pages import coach_choices, coachee_choices, pilot_group_choices, technique_original_choices
from .services import MAX_GOALS, MAX_NOTES


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class AgreementForm(ModelForm):
    coach = forms.ModelChoiceField(label=_("Coach"), queryset=None, required=False)
    goals = forms.CharField(
        label=_("Goals"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_GOALS * 310,
        help_text=_("One goal a line; the coachee rates their progress on each after every session."),
    )

    class Meta:
        model = Agreement
        fields = [
            "coachee",
            "programme",
            "pilot_group",
            "kind",
            "sessions_planned",
            "start_date",
            "end_date",
            "confidentiality_terms",
            "coachee_consent",
            "sponsor_name",
            "sponsor_approved_on",
            "feedback_questionnaire",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "sponsor_approved_on": DateInput(),
            "confidentiality_terms": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coachee"].queryset = coachee_choices(user)
        self.fields["coachee"].help_text = _("Members of the pilot groups you coach.")
        self.fields["pilot_group"].queryset = pilot_group_choices(user)
        self.fields["feedback_questionnaire"].queryset = questionnaires_manageable_by(user).filter(
            is_template=False
        )
        if user.is_coordinator and self.instance.pk is None:
            self.fields["coach"].queryset = coach_choices()
            self.fields["coach"].required = True
        else:
            del self.fields["coach"]
        if self.instance.pk is not None:
            self.initial.setdefault("goals", "\n".join(goal.title for goal in self.instance.goals.all()))

    def goal_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("goals", "").splitlines() if line.strip()]


class SessionForm(ModelForm):
    techniques = ModelMultipleChoiceField(
        label=_("Techniques used"),
        queryset=Technique.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    private_notes = forms.CharField(
        label=_("Private notes"),
        required=False,
        max_length=MAX_NOTES,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only you can ever read them: they are stored encrypted."),
    )

    class Meta:
        model = Session
        fields = ["held_on", "duration_minutes", "mode", "group_size", "shared_notes"]
        widgets = {
            "held_on": DateInput(),
            "mode": forms.RadioSelect,
            "shared_notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, techniques=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["techniques"].queryset = techniques if techniques is not None else Technique.objects.all()


class ProgressForm(forms.Form):
    """The coachee's own rating of their progress on each goal of the agreement after a session."""

    def __init__(self, *args, goals=(), ratings=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = goals
        for goal in goals:
            self.fields[f"goal_{goal.pk}"] = forms.TypedChoiceField(
                label=goal.title,
                required=False,
                coerce=int,
                empty_value=None,
                choices=[("", _("not rated"))]
                + [(value, str(value)) for value in range(PROGRESS_MIN, PROGRESS_MAX + 1)],
                help_text=_("%(low)s: not started, %(high)s: reached.")
                % {"low": PROGRESS_MIN, "high": PROGRESS_MAX},
                initial=(ratings or {}).get(goal.pk),
            )

    def ratings(self) -> dict[int, int | None]:
        return {goal.pk: self.cleaned_data.get(f"goal_{goal.pk}") for goal in self.goals}


class SupervisionForm(ModelForm):
    class Meta:
        model = SupervisionRecord
        fields = ["held_on", "hours", "supervisor"]
        widgets = {"held_on": DateInput()}


class SupervisionRequirementForm(ModelForm):
    class Meta:
        model = SupervisionRequirement
        fields = ["hours_per_year", "practice_hours_per_supervision_hour"]


class TechniqueForm(ModelForm):
    class Meta:
        model = Technique
        fields = ["name", "language", "original", "purpose", "steps", "when_to_use", "source", "visibility"]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "steps": forms.Textarea(attrs={"rows": 6}),
            "when_to_use": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        originals = technique_original_choices()
        if self.instance.pk is not None:
            originals = originals.exclude(pk=self.instance.pk)
        self.fields["original"].queryset = originals


class PilotGroupForm(ModelForm):
    partner = OrganisationChoiceField(label=_("partner organisation"))
    coaches = ModelMultipleChoiceField(
        label=_("Coaches"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = PilotGroup
        fields = ["programme", "partner", "country", "name", "capacity", "schedule", "start_date", "end_date"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "schedule": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coaches"].queryset = coach_choices()
        if self.instance.pk is not None:
            self.initial.setdefault("coaches", list(self.instance.coaches.values_list("pk", flat=True)))
        share_organisation_choices([self])


class MemberForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail of the person"),
        max_length=254,
        help_text=_("A person already recorded on the platform (People)."),
    )
