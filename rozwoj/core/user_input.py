"""Checks of raw values a user sends (query strings, POST keys) before they reach int() or a query.

`str.isdigit()` is not enough: it accepts "²" and "①", which int() refuses, and any number of digits, which
overflows a database integer.
"""

import re

_KEY = re.compile(r"[0-9]{1,9}")


def is_digits(value: str) -> bool:
    """Only the ASCII digits 0–9, at least one."""
    return value.isascii() and value.isdigit()


def is_key(value) -> bool:
    """A value that can be a primary key (1 to 9 ASCII digits)."""
    return isinstance(value, str | int) and _KEY.fullmatch(str(value)) is not None
