"""Who takes part in which programme: known by an app high in the layers (`events`), asked by apps below it
(`documents`, whose files may be visible to a programme's participants).

    from rozwoj.core.participation import register_programme_participation

    register_programme_participation(lambda user: {programme ids the user takes part in})

`programmes_of(user)` unites what every registered provider answers; an anonymous user takes part in nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

Provider = Callable[[object], Iterable[int]]

_providers: list[Provider] = []


def register_programme_participation(provider: Provider) -> Provider:
    """Add `provider(user) -> ids of the programmes the user takes part in`; registering twice is harmless."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def programmes_of(user) -> set[int]:
    """The ids of the programmes `user` takes part in, by every registered provider (one query each)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    ids: set[int] = set()
    for provider in _providers:
        ids.update(int(pk) for pk in provider(user))
    return ids
