from django import forms
from django.core.exceptions import ValidationError

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
