from django import forms
from django.utils.translation import gettext_lazy as _

from rozwoj.core.api import MAX_ID
from rozwoj.core.forms import DateTimeField, ModelForm, ModelMultipleChoiceField
from rozwoj.events.selectors import events_visible_to
from rozwoj.events.services.materials import validate_attachment_file, validate_photo_file
from rozwoj.programmes.selectors import programmes_visible_to

from .models import Category, Post, PostPhoto, PostStatus
from .services import parse_tags

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class PostForm(ModelForm):
    tags = forms.CharField(
        label=_("Tags"), required=False, max_length=600, help_text=_("Separate them with commas.")
    )
    programmes = ModelMultipleChoiceField(
        label=_("Programmes"),
        queryset=programmes_visible_to(None).none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The post appears on their pages and carries their funding note."),
    )
    events = ModelMultipleChoiceField(
        label=_("Events"),
        queryset=events_visible_to(None).none(),
        required=False,
        help_text=_("The post appears on their pages."),
    )

    class Meta:
        model = Post
        fields = [
            "category",
            "title_pl",
            "lead_pl",
            "body_pl",
            "title_en",
            "lead_en",
            "body_en",
            "author_name",
        ]
        widgets = {
            "lead_pl": forms.Textarea(attrs={"rows": 3}),
            "lead_en": forms.Textarea(attrs={"rows": 3}),
            "body_pl": forms.Textarea(attrs={"rows": 14}),
            "body_en": forms.Textarea(attrs={"rows": 14}),
        }
        help_texts = {
            "body_pl": _(
                "Markdown: ## heading, - list item, [link](https://…), ![alternative text](address of a photo of "
                "this post)."
            ),
            "title_en": _("Leave the English version empty if there is none."),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.all()
        self.fields["programmes"].queryset = programmes_visible_to(user).order_by("name")
        self.fields["events"].queryset = events_visible_to(user).order_by("-id")
        if self.instance.pk:
            self.fields["tags"].initial = ", ".join(t.name for t in self.instance.tags.all())
            self.fields["programmes"].initial = list(self.instance.programmes.values_list("pk", flat=True))
            self.fields["events"].initial = list(self.instance.events.values_list("pk", flat=True))

    def clean_tags(self):
        return parse_tags(self.cleaned_data["tags"])


class StatusForm(forms.Form):
    ACTIONS = [
        ("submit", _("Send for review")),
        ("publish", _("Publish")),
        ("schedule", _("Schedule")),
        ("archive", _("Archive")),
        ("draft", _("Back to draft")),
    ]
    action = forms.ChoiceField(choices=ACTIONS)
    publish_at = DateTimeField(
        label=_("Publish at"),
        required=False,
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
    )

    def clean(self):
        data = super().clean()
        if data.get("action") == "schedule" and not data.get("publish_at"):
            self.add_error("publish_at", _("Choose when to publish."))
        return data


class PhotoForm(forms.Form):
    image = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG, PNG or WebP; at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    alt_text = forms.CharField(
        label=_("Alternative text"),
        max_length=300,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)
    is_cover = forms.BooleanField(label=_("Cover photo"), required=False)

    def clean_image(self):
        upload = self.cleaned_data["image"]
        validate_photo_file(upload)
        return upload


class PhotoEditForm(ModelForm):
    class Meta:
        model = PostPhoto
        fields = ["alt_text", "caption", "order", "is_cover"]


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, TXT, PNG or JPG; at most 20 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_attachment_file(upload)
        return upload


class FilterForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("all"),
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=programmes_visible_to(None).none(),
        required=False,
        empty_label=_("all"),
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    event = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=MAX_ID)

    def __init__(self, *args, years=(), user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes_visible_to(user).order_by("name")
        self.fields["year"].choices = [("", _("all"))] + [(year, str(year)) for year in years]


class ManageFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("all")), *PostStatus.choices], required=False
    )


class CategoryForm(ModelForm):
    class Meta:
        model = Category
        fields = ["name_pl", "name_en", "slug", "order"]
