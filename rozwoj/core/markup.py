"""Markdown written by staff (event descriptions, site pages) rendered to sanitised HTML: no stored XSS."""

import html as html_lib
from functools import lru_cache

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "h2", "h3", "h4", "blockquote", "code", "pre",
    "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


def render_markdown(text: str) -> SafeString | str:
    """Markdown to HTML, sanitised (no scripts, no event handlers, safe links only). The same text gives the
    same HTML: a page shown again and again (an event's description) is rendered once per process, not on
    every request (Markdown with its extensions costs milliseconds, more than the rest of such a page)."""
    if not text:
        return ""
    return _render(str(text))


@lru_cache(maxsize=256)
def _render(text: str) -> SafeString:
    html = markdown_lib.markdown(text, extensions=["extra", "sane_lists"])
    return mark_safe(  # noqa: S308 — sanitised by nh3 just above
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            url_schemes={"http", "https", "mailto", "tel"},
            link_rel="noopener noreferrer",
        )
    )


def markdown_to_text(text: str) -> str:
    """The words of a Markdown text without its markup (for the site search and descriptions)."""
    if not text:
        return ""
    html = markdown_lib.markdown(text, extensions=["extra", "sane_lists"])
    return " ".join(html_lib.unescape(nh3.clean(html, tags=set())).split())
