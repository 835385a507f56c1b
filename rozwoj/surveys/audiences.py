"""Groups of people that apps above surveys know and a questionnaire can be sent to (a partner's pilot group,
known by `coaching`), without surveys importing those apps (layers: they import surveys, never the reverse).

An app registers an audience once, in its AppConfig.ready():

    from rozwoj.surveys.audiences import Audience, register_audience

    register_audience(Audience(
        key="coaching.pilot_group",
        label=lambda: _("a partner's pilot group"),
        choices=lambda user: [(pk, name), ...],     # the groups `user` may send a questionnaire to
        members=lambda user, pk: (people, "Pilot group: …", "/coaching/…") or None,  # None: not allowed
    ))

The distribution form offers "a group" with every registered audience's choices for the acting user; sending
asks `members` again for the chosen group (so a group the user may not send to is refused however the form was
tampered with) and hands the people to `services.distribution.distribution_to_people`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

Members = tuple[Iterable, str, str]  # people (people.Person), source label, source URL


@dataclass(frozen=True)
class Audience:
    key: str  # "<app>.<kind>", unique
    label: Callable[[], str]  # the kind of group, translated when called
    choices: Callable[[object], Iterable[tuple[int, str]]]  # (id, name) of the groups the user may send to
    members: Callable[[object, int], Members | None]  # the group's people, or None when the user may not


_audiences: dict[str, Audience] = {}


def register_audience(audience: Audience) -> Audience:
    """Add (or replace, by key) an audience; registering twice is harmless."""
    _audiences[audience.key] = audience
    return audience


def audiences() -> list[Audience]:
    return list(_audiences.values())


def audience_choices(user) -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices for a select box: [(kind of group, [("<key>:<id>", name), ...]), ...], only non-empty."""
    grouped = []
    for audience in _audiences.values():
        options = [(f"{audience.key}:{pk}", str(name)) for pk, name in audience.choices(user)]
        if options:
            grouped.append((str(audience.label()), options))
    return grouped


def audience_members(user, value: str) -> Members | None:
    """The people of the group chosen as "<key>:<id>", or None when unknown or not allowed to `user`."""
    key, _separator, pk = str(value).rpartition(":")
    audience = _audiences.get(key)
    if audience is None:
        return None
    try:
        number = int(pk)
    except ValueError:
        return None
    return audience.members(user, number)
