"""Labels of a model field's choices, looked up rather than rebuilt: `get_<field>_display()` costs one dict.

Django's `Model._get_FIELD_display` flattens the field's choices and builds a dict of them on every call: a list
of 50 registrations showing mode and status built 100 dicts per page (a tenth of the participant list's time).
`install()` (from `CoreConfig.ready`) keeps each field's dict on the field, rebuilt only when the field's choices
are replaced (choices from a callable are built each time, as before), so every `get_<field>_display()` of every app is a lookup. The labels stay lazy: each call still
gives the label in the active language.
"""

from django.db import models
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


def _get_field_display(self, field):
    value = getattr(self, field.attname)
    return force_str(choice_labels(field).get(make_hashable(value), value), strings_only=True)


def install() -> None:
    models.Model._get_FIELD_display = _get_field_display
