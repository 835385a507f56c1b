"""Sections other apps contribute to an object's page.

A page of a low app (a programme, an event) shows things that belong to apps above it (the news about it, its
documents). The low app cannot import them, so the higher app registers a section here and the low app's
template renders whatever is registered for its object:

    # rozwoj/news/apps.py, in ready()
    from rozwoj.core.related import register_section
    register_section("programmes.programme", key="news", template="news/partials/related.html",
                     context=news_for_programme, order=50)

    {# programmes/detail.html #}
    {% load related_sections %}{% related_sections programme %}

`context(request, obj)` returns the template's context, or None when there is nothing to show (the section is
left out). It should run a fixed, small number of queries (one is the aim): it is part of the page's budget.

A page already at its query budget (the event page) takes a `lazy` section: the tag then renders the template
with `{"object": obj, "lazy": True}` and calls no `context`; the template shows a link to the content that htmx
replaces with the section loaded by a request of its own (and that still works without script).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models


@dataclass(frozen=True)
class RelatedSection:
    model: str  # "app_label.modelname"
    key: str
    template: str
    context: Callable[[Any, models.Model], dict[str, Any] | None]
    order: int = 100
    lazy: bool = False


_sections: dict[tuple[str, str], RelatedSection] = {}


def register_section(
    model: str,
    *,
    key: str,
    template: str,
    context: Callable[[Any, models.Model], dict[str, Any] | None],
    order: int = 100,
    lazy: bool = False,
) -> RelatedSection:
    """Register (or replace, under the same key) a section shown on the page of every `model` object."""
    section = RelatedSection(
        model=model.lower(), key=key, template=template, context=context, order=order, lazy=lazy
    )
    _sections[(section.model, key)] = section
    return section


def sections_for(obj: models.Model) -> list[RelatedSection]:
    label = obj._meta.label_lower
    return sorted((s for s in _sections.values() if s.model == label), key=lambda s: (s.order, s.key))
