from django import forms
from django.utils.translation import gettext_lazy as _

from rozwoj.core.forms import ModelForm
from rozwoj.programmes.models import Programme

from .filetypes import ACCEPT, MAX_BYTES, check_upload
from .models import Category, Document, DocumentVersion, Language

FILE_HELP = _(
    "PDF, DOCX, XLSX, ODT or ODS; at most %(limit)s MB. The content is checked, not only the name."
) % {"limit": MAX_BYTES // (1024 * 1024)}


class UploadField(forms.FileField):
    widget = forms.ClearableFileInput(attrs={"accept": ACCEPT})

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            check_upload(upload)
        return upload


class DocumentForm(ModelForm):
    class Meta:
        model = Document
        fields = [
            "title",
            "description",
            "category",
            "programme",
            "language",
            "visibility",
            "role",
            "is_accessible",
            "accessibility_note",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5}), "visibility": forms.RadioSelect()}

    def __init__(self, *args, can_publish: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.order_by("name")
        self.fields["category"].queryset = Category.objects.all()
        self.fields["description"].help_text = _("Markdown: **bold**, *italics*, lists, links.")
        if not can_publish:
            self.fields["visibility"].help_text = _(
                "Only an editor (an administrator or a coordinator with the editor right) publishes: without the "
                "right, keep it for coordinators and ask an editor."
            )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("visibility") == "role" and not cleaned.get("role"):
            self.add_error("role", _("Choose the role that may see the document."))
        if cleaned.get("visibility") == "programme" and not cleaned.get("programme"):
            self.add_error("programme", _("Choose the programme whose participants may see the document."))
        if cleaned.get("is_accessible") is False and not (cleaned.get("accessibility_note") or "").strip():
            self.add_error(
                "accessibility_note",
                _("Say how to get an accessible alternative of a document that is not accessible."),
            )
        return cleaned


class DocumentCreateForm(DocumentForm):
    file = UploadField(label=_("File"), help_text=FILE_HELP)

    field_order = ["title", "description", "file"]


class VersionForm(ModelForm):
    file = UploadField(label=_("File"), help_text=FILE_HELP)

    class Meta:
        model = DocumentVersion
        fields = ["note"]


class CategoryForm(ModelForm):
    class Meta:
        model = Category
        fields = ["name_pl", "name_en", "order"]


class LibraryFilterForm(forms.Form):
    """The filters of the library list; a bad value is ignored, never an error page."""

    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none(), required=False)
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.none(), required=False
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("any"))] + list(Language.choices), required=False
    )
    q = forms.CharField(label=_("Title or description contains"), max_length=100, required=False)

    def __init__(self, *args, categories=None, programmes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if categories is not None:
            self.fields["category"].queryset = categories
        if programmes is not None:
            self.fields["programme"].queryset = programmes
        self.fields["category"].empty_label = _("any")
        self.fields["programme"].empty_label = _("any")

    def filters(self) -> dict:
        """The valid filters only: a wrong value in one field does not discard the others."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "category": data.get("category"),
            "programme": data.get("programme"),
            "language": data.get("language") or "",
            "q": (data.get("q") or "").strip(),
        }
