"""The sections of the home page, registered by the apps (events: trainings open for registration; news: the
latest posts; advisory: recently published HDRs), so that the page never imports the apps to find them.

An app registers in `<app>/home.py` (imported when the apps are ready):

    from rozwoj.core.home import HomeSection, register_home_section

    register_home_section(HomeSection(
        key="news", order=20, template="news/home/_latest.html",
        items=lambda user: latest_public(limit=4), for_signed_in=True,
    ))

The page renders `template` with `items` (the section is left out when they are empty). `for_signed_in`: also
on a signed-in user's start page (below their own next sessions), not only on the visitors' home page.

Caching: a section with `stamps` (content-stamp topics, rozwoj.core.stamps; `reindex()` bumps the kind it
writes) is rendered once and kept in the cache under those stamps, the language and the time zone, so that a
publication, an edit or a scheduled publication shows at once and nothing else costs a query. `per_minute`: its
items also change as time passes (registration opening and closing by date), so the rendering is also keyed by
the minute. Only the visitors' sections are cached: a signed-in user's start page is rendered for them alone
(their own next sessions, the events open to their roles), never served to another user.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.module_loading import autodiscover_modules
from django.utils.safestring import SafeString, mark_safe

from .stamps import CACHE_SECONDS, stamps

HOME_MODULE = "home"


@dataclass(frozen=True)
class HomeSection:
    key: str
    order: int
    template: str
    items: Callable[[Any], Any]  # items(user): what the section shows; empty → the section is left out
    for_signed_in: bool = False
    stamps: tuple[
        str, ...
    ] = ()  # content-stamp topics of what it shows: cached under them (none: not cached)
    per_minute: bool = False  # what it shows also changes with time: the rendering is kept a minute at most


@dataclass(frozen=True)
class FilledSection:
    key: str
    template: str
    items: Any
    html: SafeString | None = None  # the rendering from the cache (then `items` is None)


_sections: dict[str, HomeSection] = {}


def register_home_section(section: HomeSection) -> HomeSection:
    existing = _sections.get(section.key)
    if existing is not None and existing.template != section.template:
        raise ImproperlyConfigured(f"Two home page sections are named {section.key!r}.")
    _sections[section.key] = section
    return section


def _minute() -> int:
    return int(time.time() // 60)


def _cache_keys(sections: list[HomeSection]) -> dict[str, str]:
    """The cache key of each section's rendering: its stamps (one query for all), the language, the time zone,
    and the minute for those that change with time."""
    topics = sorted({topic for section in sections for topic in section.stamps})
    current = stamps(*topics) if topics else {}
    variant = f"{translation.get_language()}:{timezone.get_current_timezone_name()}"
    minute = _minute()
    keys = {}
    for section in sections:
        parts = [current[topic] for topic in section.stamps]
        if section.per_minute:
            parts.append(str(minute))
        keys[section.key] = f"home:{section.key}:{'-'.join(parts)}:{variant}"
    return keys


def home_sections(user, request=None) -> list[FilledSection]:
    """The sections for `user` in their order; empty ones are left out. With `request`, the sections that may
    be cached (for visitors) come rendered (`html`) from the cache, or are rendered for `request` and kept; the others carry
    their items for the page to render."""
    signed_in = bool(getattr(user, "is_authenticated", False))
    shown = [
        section
        for section in sorted(_sections.values(), key=lambda s: (s.order, s.key))
        if section.for_signed_in or not signed_in
    ]
    cacheable = [section for section in shown if section.stamps and request is not None and not signed_in]
    keys = _cache_keys(cacheable) if cacheable else {}
    found = cache.get_many(keys.values()) if keys else {}
    filled = []
    for section in shown:
        key = keys.get(section.key)
        if key is None:
            items = section.items(user)
            if items:
                filled.append(FilledSection(section.key, section.template, items))
            continue
        html = found.get(key)
        if html is None:
            items = section.items(user)
            html = render_to_string(section.template, {"items": items}, request) if items else ""
            cache.set(key, html, 60 if section.per_minute else CACHE_SECONDS)
        if html:
            # Rendered from our own template with autoescaping, kept as text in the cache.
            filled.append(FilledSection(section.key, section.template, None, mark_safe(html)))  # noqa: S308
    return filled


def autodiscover() -> None:
    autodiscover_modules(HOME_MODULE)
