import pytest
from django.core.exceptions import ValidationError

from rozwoj.organisations.validators import (
    is_valid_regon,
    validate_postal_code,
    validate_regon,
    validate_rspo,
)

from .helpers import invalid_regon, valid_regon, valid_regon14


@pytest.mark.parametrize("regon", ["123456785", valid_regon("01206937"), valid_regon14()])
def test_valid_regon(regon):
    assert is_valid_regon(regon)
    validate_regon(regon)


@pytest.mark.parametrize(
    "regon",
    [
        "123456789",
        invalid_regon(valid_regon14()),
        "12345678",
        "1234567890",
        "12345678a",
        valid_regon("12345679") + "00001",
        "²²²²²²²²²",  # str.isdigit() accepts superscripts; int() does not
        "١٢٣٤٥٦٧٨٥",  # Arabic-Indic digits
    ],
)
def test_invalid_regon(regon):
    assert not is_valid_regon(regon)
    with pytest.raises(ValidationError):
        validate_regon(regon)


def test_postal_code_checked_for_poland_only():
    validate_postal_code("05-070", "PL")
    validate_postal_code("LV-1050", "LV")
    with pytest.raises(ValidationError):
        validate_postal_code("05070", "PL")


@pytest.mark.parametrize("value", ["²²", "١٢", "123456789"])
def test_rspo_takes_only_up_to_eight_ascii_digits(value):
    with pytest.raises(ValidationError):
        validate_rspo(value)


def test_a_polish_postal_code_has_ascii_digits():
    validate_postal_code("05-070", "PL")
    with pytest.raises(ValidationError):
        validate_postal_code("٠٥-٠٧٠", "PL")
