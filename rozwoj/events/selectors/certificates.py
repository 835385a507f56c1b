"""Reads about certificates: finding one by the code printed on it."""

import re

from ..models import Certificate

# No 0/O, 1/I/L: codes are read aloud and typed from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12


def normalise_code(value: str | None) -> str | None:
    """The canonical XXXX-XXXX-XXXX form of what somebody typed, or None if it cannot be a code."""
    if not value:
        return None
    raw = re.sub(r"[\s\-–—]", "", str(value)).upper()
    if len(raw) != CODE_LENGTH or any(char not in CODE_ALPHABET for char in raw):
        return None
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def find_certificate(value: str | None) -> Certificate | None:
    code = normalise_code(value)
    if code is None:
        return None
    return (
        Certificate.objects.select_related("registration__person", "registration__event")
        .filter(code=code)
        .first()
    )
