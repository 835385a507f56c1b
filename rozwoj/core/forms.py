from django.core.exceptions import ValidationError


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
