"""Labels of a model field's choices from a map kept on the field, for the pages and exports that show a label
on every row of a long list.

Django's `get_<field>_display()` flattens the field's choices and builds a dict of them on every call: a list of
50 registrations showing mode and status built 100 dicts per page (a tenth of the participant list's time).
Rather than replace Django's private `Model._get_FIELD_display` for every model (as this module once did), the
lists that need it ask for the label here: `choice_label(obj, "status")` in Python, `{{ obj|choice_label:"status" }}`
in a template (`{% load choices %}`). The map is built once per set of choices and kept on the field, rebuilt when
the field's choices are replaced (choices from a callable are built each time, as Django does). The labels stay
lazy: each call gives the label in the active language. Everywhere else `get_<field>_display()` is Django's own.
"""

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

_CACHE_ATTRIBUTE = "_rozwoj_choice_labels"


def choice_labels(field) -> dict:
    """{value: label} of `field`'s choices (groups flattened), built once per set of choices."""
    choices = field.choices
    # Choices from a callable may change: built each time, as Django does.
    if not isinstance(choices, list | tuple):
        return dict(make_hashable(field.flatchoices))
    cached = field.__dict__.get(_CACHE_ATTRIBUTE)
    if cached is None or cached[0] is not choices:
        cached = (choices, dict(make_hashable(field.flatchoices)))
        field.__dict__[_CACHE_ATTRIBUTE] = cached
    return cached[1]


def choice_label(obj, field_name: str):
    """What `obj.get_<field_name>_display()` gives (the label in the active language, or the value itself when it
    is not among the choices), from the field's kept map."""
    field = obj._meta.get_field(field_name)
    value = getattr(obj, field.attname)
    return force_str(choice_labels(field).get(make_hashable(value), value), strings_only=True)
