"""Template helpers of the site pages: the text in the reader's language, and sanitised Markdown."""

from django import template

from rozwoj.core.markup import render_markdown

from ..models import localized as _localized

register = template.Library()


@register.simple_tag
def localized(obj, field: str) -> str:
    """`{% localized page "title" %}`: the English text for an English reader when there is one, else Polish."""
    return _localized(obj, field)


@register.filter
def markdown(text: str) -> str:
    return render_markdown(text)
