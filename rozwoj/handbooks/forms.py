from django import forms
from django.utils.translation import gettext_lazy as _

from rozwoj.core.forms import ModelForm, ModelMultipleChoiceField

from .models import (
    LANGUAGES,
    MAX_TEXT,
    Chapter,
    ChapterStatus,
    ExportFormat,
    Handbook,
    Part,
    TranslationStatus,
)


class HandbookForm(ModelForm):
    class Meta:
        model = Handbook
        fields = ["programme", "title", "summary"]


class PartForm(ModelForm):
    class Meta:
        model = Part
        fields = ["title", "order"]


class ChapterForm(ModelForm):
    authors = ModelMultipleChoiceField(label=_("Authors"), queryset=None, required=False)
    techniques = ModelMultipleChoiceField(label=_("Techniques described"), queryset=None, required=False)

    class Meta:
        model = Chapter
        fields = ["title", "part", "order", "author_organisation", "authors", "techniques"]

    def __init__(self, *args, handbook, **kwargs):
        super().__init__(*args, **kwargs)
        from rozwoj.coaching.models import Technique
        from rozwoj.organisations.models import Organisation
        from rozwoj.people.models import Person

        programme = handbook.programme
        organisation_ids = set(programme.partners.values_list("organisation_id", flat=True))
        if programme.lead_institution_id:
            organisation_ids.add(programme.lead_institution_id)
        self.fields["part"].queryset = handbook.parts.order_by("order", "pk")
        self.fields["author_organisation"].queryset = Organisation.objects.filter(
            pk__in=organisation_ids
        ).order_by("name")
        self.fields["authors"].queryset = (
            Person.objects.filter(memberships__organisation_id__in=organisation_ids)
            .distinct()
            .order_by("last_name", "first_name")
        )
        self.fields["techniques"].queryset = Technique.objects.order_by("name")


class TextForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    body = forms.CharField(
        label=_("Text (Markdown)"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text=_(
            "Sections are second-level headings (## Section); paragraphs are separated by an empty line."
        ),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2_000_000_000)


class TranslationForm(TextForm):
    status = forms.ChoiceField(label=_("Translation status"), choices=TranslationStatus.choices)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ChapterStatus.choices)


class CommentForm(forms.Form):
    paragraph = forms.IntegerField(label=_("Paragraph"), min_value=0, max_value=100_000)
    body = forms.CharField(label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class ExportForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("every language"))] + LANGUAGES, required=False
    )
    format = forms.ChoiceField(label=_("Format"), choices=ExportFormat.choices)


class CompareForm(forms.Form):
    a = forms.IntegerField(label=_("Older version"), min_value=1, max_value=2_000_000_000)
    b = forms.IntegerField(label=_("Newer version"), min_value=1, max_value=2_000_000_000)
