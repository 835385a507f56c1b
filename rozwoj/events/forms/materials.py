from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import MaterialVisibility
from ..services import materials as services


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, TXT, PNG or JPG; at most 20 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.txt,.png,.jpg,.jpeg"}
        ),
    )
    visibility = forms.ChoiceField(
        label=_("Visible to"), choices=MaterialVisibility.choices, initial=MaterialVisibility.PARTICIPANTS
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        services.validate_attachment_file(upload)
        return upload


class PhotoForm(forms.Form):
    image = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG, PNG or WebP; at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    alt_text = forms.CharField(
        label=_("Alternative text"),
        max_length=300,
        help_text=_(
            "What the photo shows, for people who cannot see it, e.g. a group photo of the participants."
        ),
    )
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)
    visibility = forms.ChoiceField(
        label=_("Visible to"), choices=MaterialVisibility.choices, initial=MaterialVisibility.PUBLIC
    )

    def clean_image(self):
        upload = self.cleaned_data["image"]
        services.validate_photo_file(upload)
        return upload
