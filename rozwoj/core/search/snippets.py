"""Highlighted snippets of search hits: the text escaped first, then the matching words wrapped in <mark>."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .text import WORD, matches_word

SNIPPET = 240  # characters around the first match
BEFORE = 60  # of them before it


def highlight(text: str, terms) -> SafeString:
    """`text` escaped, its words that match the query in <mark>."""
    parts: list[str] = []
    position = 0
    terms = tuple(terms)
    for found in WORD.finditer(text):
        if matches_word(found.group(), terms):
            parts.append(escape(text[position : found.start()]))
            parts.append(f"<mark>{escape(found.group())}</mark>")
            position = found.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 — every piece of the text is escaped above


def snippet(text: str, terms) -> SafeString:
    """About SNIPPET characters of `text` around its first matching word (the start when only the title
    matched), cut at word boundaries, with an ellipsis where text is left out."""
    text = " ".join(text.split())
    start = 0
    terms = tuple(terms)
    for found in WORD.finditer(text):
        if matches_word(found.group(), terms):
            start = max(found.start() - BEFORE, 0)
            break
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    end = start + SNIPPET
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    piece = highlight(text[start:end], terms)
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{piece}{suffix}")  # noqa: S308 — `piece` is escaped by highlight()
