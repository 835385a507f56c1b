"""The sources of the site search and the grant providers, registered by the apps (never imported by core)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import autodiscover_modules

SEARCH_MODULE = "search"  # an app's contribution lives in <app>/search.py, imported when the apps are ready

PUBLIC = "public"
SIGNED_IN = "signed-in"


@dataclass(frozen=True)
class IndexEntry:
    """One findable thing. `grants` says who may find it: PUBLIC, SIGNED_IN, "role:<role>",
    "programme:<id>" (its participants), "event:<id>" (its registrants), "user:<id>"."""

    object_id: int
    language: str  # "pl", "en" or "" (both); a post with two language versions gives two entries
    title: str
    text: str  # plain text (Markdown stripped): what the search matches and the snippets come from
    url: str  # where the result links (absolute path)
    date: datetime.datetime | None
    grants: frozenset[str] = field(default_factory=lambda: frozenset({PUBLIC}))


@runtime_checkable
class SearchSource(Protocol):
    """One kind of thing an app contributes ("news", "documents", "events", "programmes", "hdr")."""

    kind: str  # stable key
    heading: str  # group heading on the results page (lazy translation)
    order: int  # order of the groups

    def entries(self, object_ids: Iterable[int] | None) -> Iterable[IndexEntry]:
        """The entries for these objects (None: all of them). An object that must not be found at all (draft,
        archived, deleted) yields nothing, and reindex() removes its old entries."""
        ...


GrantProvider = Callable[[object], Iterable[str]]
RelatedIds = Callable[[list[int]], Iterable[int]]

_sources: dict[str, SearchSource] = {}
_grant_providers: list[GrantProvider] = []
_dependents: dict[str, list[tuple[str, RelatedIds]]] = {}


def register_source(source: SearchSource) -> SearchSource:
    """Add a kind to the search; registering the same kind twice from another class is a mistake."""
    kind = getattr(source, "kind", "")
    if not kind or len(kind) > 40:
        raise ImproperlyConfigured(f"A search source needs a kind of 1 to 40 characters, not {kind!r}.")
    existing = _sources.get(kind)
    if existing is not None and type(existing).__qualname__ != type(source).__qualname__:
        raise ImproperlyConfigured(f"Two search sources are registered for {kind!r}.")
    _sources[kind] = source
    return source


def register_grant_provider(provider: GrantProvider) -> GrantProvider:
    """`provider(user)` gives the grants a signed-in user holds beyond PUBLIC, SIGNED_IN, role:* and user:<id>
    (events: "event:<id>" of their registrations). Usable as a decorator."""
    if provider not in _grant_providers:
        _grant_providers.append(provider)
    return provider


def register_dependent(topic: str, kind: str, related_ids: RelatedIds) -> None:
    """Entries of `kind` show something of another app's records (an event shows its programme's name and its
    venues' cities): when such records change, that app's service calls `related_changed(topic, ids)` and the
    entries of `kind` for `related_ids(ids)` are reindexed. `topic` names the records ("programmes.name",
    "organisations.venue_city"); the lower app never imports the higher one."""
    entry = (kind, related_ids)
    if entry not in _dependents.setdefault(topic, []):
        _dependents[topic].append(entry)


def dependents(topic: str) -> list[tuple[str, RelatedIds]]:
    return list(_dependents.get(topic, ()))


def get_source(kind: str) -> SearchSource:
    """The source of `kind`; KeyError when no app registered it."""
    return _sources[kind]


def sources() -> list[SearchSource]:
    """Every registered source, in the order of the groups on the results page."""
    return sorted(_sources.values(), key=lambda source: (source.order, source.kind))


def grants_for(user) -> frozenset[str]:
    """Everything `user` may find: PUBLIC for everyone; signed in, also SIGNED_IN, their roles, "user:<id>" and
    what the providers give them."""
    if user is None or not user.is_authenticated:
        return frozenset({PUBLIC})
    grants = {PUBLIC, SIGNED_IN, f"user:{user.pk}"}
    grants.update(f"role:{role}" for role in user.role_set)
    for provider in _grant_providers:
        grants.update(provider(user))
    return frozenset(grants)


def autodiscover() -> None:
    autodiscover_modules(SEARCH_MODULE)
