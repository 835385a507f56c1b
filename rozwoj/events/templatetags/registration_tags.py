"""Template tags of the registration area (owned by that area)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def registration_box(context, event):
    return ""
