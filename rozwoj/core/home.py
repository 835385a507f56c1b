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
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import autodiscover_modules

HOME_MODULE = "home"


@dataclass(frozen=True)
class HomeSection:
    key: str
    order: int
    template: str
    items: Callable[[Any], Any]  # items(user): what the section shows; empty → the section is left out
    for_signed_in: bool = False


@dataclass(frozen=True)
class FilledSection:
    key: str
    template: str
    items: Any


_sections: dict[str, HomeSection] = {}


def register_home_section(section: HomeSection) -> HomeSection:
    existing = _sections.get(section.key)
    if existing is not None and existing.template != section.template:
        raise ImproperlyConfigured(f"Two home page sections are named {section.key!r}.")
    _sections[section.key] = section
    return section


def home_sections(user) -> list[FilledSection]:
    """The sections for `user` in their order, each with its items; empty ones are left out."""
    signed_in = bool(getattr(user, "is_authenticated", False))
    filled = []
    for section in sorted(_sections.values(), key=lambda s: (s.order, s.key)):
        if signed_in and not section.for_signed_in:
            continue
        items = section.items(user)
        if items:
            filled.append(FilledSection(section.key, section.template, items))
    return filled


def autodiscover() -> None:
    autodiscover_modules(HOME_MODULE)
