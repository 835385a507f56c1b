"""The form of a debate or dialogue meeting."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rozwoj.core.forms import ModelForm
from rozwoj.experts.models import ExpertProfile

from .models import Debate, InvitedGroup
from .services.debates import DEBATE_FIELDS, MAX_RECOMMENDATIONS, recommendation_lines


class DebateForm(ModelForm):
    invited_groups = forms.MultipleChoiceField(
        label=_("Invited groups"),
        choices=InvitedGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    recommendations = forms.CharField(
        label=_("Recommendations"),
        required=False,
        max_length=MAX_RECOMMENDATIONS * 2001,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One recommendation per line, in order of importance."),
    )

    class Meta:
        model = Debate
        fields = list(DEBATE_FIELDS)
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "participants": forms.Textarea(attrs={"rows": 3}),
            "conclusions": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {"participants": _("Optional: names or organisations, one per line.")}

    def __init__(self, *args, engagement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["moderator_expert"].queryset = ExpertProfile.objects.filter(
            pk__in=[engagement.ros_expert_id, engagement.pro_expert_id]
        ).select_related("person")
        if self.instance.pk and not self.is_bound:
            self.initial["recommendations"] = "\n".join(
                self.instance.recommendations.order_by("order", "id").values_list("text", flat=True)
            )

    def recommendation_texts(self) -> list[str]:
        return recommendation_lines(self.cleaned_data.get("recommendations", ""))
