"""Template tags of the materials area (owned by that area)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def materials_section(context, event):
    return ""
