"""Markdown written by staff (event descriptions, site pages, news) rendered to sanitised HTML: no stored XSS."""

import html as html_lib
from functools import lru_cache

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "h2", "h3", "h4", "blockquote", "code", "pre",
    "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


def _own_images_only(element: str, attribute: str, value: str) -> str | None:
    """Inline images may show only files of this site (a path such as /news/3/photos/7/): no tracking pixel or
    third-party request from a page (the Content-Security-Policy would block it anyway)."""
    if element == "img" and attribute == "src":
        return value if value.startswith("/") and not value.startswith("//") else None
    return value


def render_markdown(text: str, *, images: bool = False) -> SafeString | str:
    """Markdown to HTML, sanitised (no scripts, no event handlers, safe links only). With `images`, inline
    images of this site's own files are kept (`![alt text](/news/3/photos/7/)`), with their alt text. The same
    text gives the same HTML: a page shown again and again (an event's description) is rendered once per
    process, not on every request (Markdown with its extensions costs milliseconds, more than the rest of such
    a page)."""
    if not text:
        return ""
    return _render(str(text), images)


@lru_cache(maxsize=256)
def _render(text: str, images: bool) -> SafeString:
    html = markdown_lib.markdown(text, extensions=["extra", "sane_lists"])
    tags = ALLOWED_TAGS | {"img"} if images else ALLOWED_TAGS
    attributes = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "th": {"scope"}, "td": set()}
    return mark_safe(  # noqa: S308 — sanitised by nh3 just above
        nh3.clean(
            html,
            tags=tags,
            attributes=attributes if images else None,
            url_schemes={"http", "https", "mailto", "tel"},
            link_rel="noopener noreferrer",
            attribute_filter=_own_images_only if images else None,
        )
    )


def markdown_to_text(text: str) -> str:
    """The words of a Markdown text without its markup (for the site search and descriptions)."""
    if not text:
        return ""
    html = markdown_lib.markdown(text, extensions=["extra", "sane_lists"])
    return " ".join(html_lib.unescape(nh3.clean(html, tags=set())).split())
