from django import forms
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from rozwoj.core.forms import ModelForm

from .models import AccessibilityDeclaration, SitePage
from .services import DECLARATION_FIELDS, SITE_PAGE_FIELDS

TEXT_MAX_LENGTH = 20_000
MARKDOWN_HELP = _("Markdown: **bold**, *italics*, lists, links. HTML is removed.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _limit_texts(form: ModelForm) -> None:
    """Long texts are bounded: a field error rather than an unbounded row."""
    for field in form.fields.values():
        if isinstance(field.widget, forms.Textarea):
            field.max_length = TEXT_MAX_LENGTH
            field.validators.append(MaxLengthValidator(TEXT_MAX_LENGTH))
            field.widget.attrs["maxlength"] = str(TEXT_MAX_LENGTH)
            field.widget.attrs.setdefault("rows", 6)
            if not field.help_text:
                field.help_text = MARKDOWN_HELP


def _url_field(field, **kwargs):
    """Model URL fields as form fields that assume https for an address typed without a scheme."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class AccessibilityDeclarationForm(ModelForm):
    class Meta:
        formfield_callback = _url_field
        model = AccessibilityDeclaration
        fields = DECLARATION_FIELDS
        widgets = {
            "published_on": DateInput(),
            "updated_on": DateInput(),
            "prepared_on": DateInput(),
            "reviewed_on": DateInput(),
            "status": forms.RadioSelect(),
            "assessment": forms.RadioSelect(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_texts(self)


class SitePageForm(ModelForm):
    class Meta:
        model = SitePage
        fields = SITE_PAGE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_texts(self)
