"""Checks of Polish registry numbers (REGON) and postal codes."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from rozwoj.core.user_input import is_digits

REGON_WEIGHTS = {9: (8, 9, 2, 3, 4, 5, 6, 7), 14: (2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8)}
POSTAL_CODE_PL = re.compile(r"^[0-9]{2}-[0-9]{3}$")


def regon_check_digit(digits: str) -> int:
    weights = REGON_WEIGHTS[len(digits) + 1]
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 % 10


def is_valid_regon(value: str) -> bool:
    if not is_digits(value) or len(value) not in REGON_WEIGHTS:
        return False
    if regon_check_digit(value[:-1]) != int(value[-1]):
        return False
    return len(value) == 9 or is_valid_regon(value[:9])


def validate_regon(value: str) -> None:
    if not is_digits(value) or len(value) not in REGON_WEIGHTS:
        raise ValidationError(_("REGON has 9 or 14 digits."), code="regon_format")
    if not is_valid_regon(value):
        raise ValidationError(
            _("This REGON number is not valid (its check digit does not match). Check for a typo."),
            code="regon_checksum",
        )


def validate_rspo(value: str) -> None:
    if not is_digits(value) or len(value) > 8:
        raise ValidationError(_("An RSPO number has up to 8 digits."), code="rspo_format")


def validate_postal_code(value: str, country: str) -> None:
    if value and str(country) == "PL" and not POSTAL_CODE_PL.match(value):
        raise ValidationError(_("A Polish postal code looks like 00-950."), code="postal_code")
