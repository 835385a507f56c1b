"""`{{ obj|choice_label:"field" }}`: the label of a field's choice from the field's kept map (rozwoj.core.choices),
for templates that show it on every row of a long list."""

from django import template

from ..choices import choice_label as _choice_label

register = template.Library()


@register.filter
def choice_label(obj, field_name: str):
    return _choice_label(obj, field_name)
