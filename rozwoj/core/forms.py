from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import DjangoTemplates
from django.utils.text import capfirst

from .user_input import is_key


def add_service_errors(form, error: ValidationError, prefix: str = "") -> None:
    """Show a service's ValidationError on the form: next to the field it names (the form may call it
    `<prefix><name>`), or above the form when it names no field of this form."""
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for key, messages in error.message_dict.items():
        field = next((name for name in (f"{prefix}{key}", key) if name in form.fields), None)
        for message in messages:
            form.add_error(field, message)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, with one more check: a value that cannot be a primary key (e.g. 99999999999999999999)
    is a field error, not an integer overflow in the database. For querysets keyed by an integer `pk`."""

    def _check_values(self, value):
        for pk in value if isinstance(value, list | tuple | set | frozenset) else ():
            if not is_key(pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class BoundField(forms.BoundField):
    """Labels as the project writes them, in every form of every app and in every language: a capital first
    letter ("Organiser", not "organiser" taken from a model's verbose name) and no colon after them."""

    def __init__(self, form, field, name):
        super().__init__(form, field, name)
        if self.label:
            self.label = capfirst(self.label)

    def label_tag(self, contents=None, attrs=None, label_suffix=None, tag=None):
        return super().label_tag(contents, attrs, label_suffix="", tag=tag)


class FormRenderer(DjangoTemplates):
    """The project's form renderer (settings.FORM_RENDERER): Django's templates, our labels."""

    bound_field_class = BoundField
