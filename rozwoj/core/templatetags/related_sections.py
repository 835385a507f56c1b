"""`{% related_sections obj %}`: the sections higher apps registered for `obj`'s page (rozwoj.core.related)."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from rozwoj.core.related import sections_for

register = template.Library()


@register.simple_tag(takes_context=True)
def related_sections(context, obj):
    request = context.get("request")
    parts = []
    for section in sections_for(obj):
        extra = {"lazy": True} if section.lazy else section.context(request, obj)
        if extra is None:
            continue
        parts.append(render_to_string(section.template, {"object": obj, **extra}, request=request))
    return mark_safe("".join(parts))  # noqa: S308 — rendered templates, escaped by Django
