"""Whom a notification goes to, and in which language: decided here once for every app."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation


@dataclass(frozen=True)
class Recipient:
    user: Any | None  # the login, whose notification list gets the message; None for people without one
    email: str  # where the e-mail goes; "" when there is no address
    language: str  # a code of settings.LANGUAGES


def _login_of(someone: Any) -> Any | None:
    """`someone` is a login (User) or a person (anything with a `user` that may be None, e.g. people.Person)."""
    if isinstance(someone, get_user_model()):
        return someone
    return getattr(someone, "user", None)


def _supported(code: str) -> str:
    try:
        return translation.get_supported_language_variant(code) if code else ""
    except LookupError:  # a language the site no longer offers
        return ""


def language_for(someone: Any) -> str:
    """The language to write to a user or a person in: the language chosen on their login (the switch at the
    top of every page remembers it), else the site default. People without a login get the site default."""
    login = _login_of(someone)
    return _supported(getattr(login, "preferred_language", "") or "") or settings.LANGUAGE_CODE


def recipient_for(someone: Any) -> Recipient:
    """A person's own address comes first (coordinators keep it up to date); else their login's."""
    login = _login_of(someone)
    email = getattr(someone, "email", "") or getattr(login, "email", "") or ""
    return Recipient(user=login, email=email, language=language_for(someone))
