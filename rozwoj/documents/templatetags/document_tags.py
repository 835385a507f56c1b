from django import template

from rozwoj.core.markup import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown(text: str) -> str:
    """A document's description (Markdown written by coordinators) as sanitised HTML."""
    return render_markdown(text)
