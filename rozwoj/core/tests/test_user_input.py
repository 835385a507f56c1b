import pytest

from rozwoj.core.user_input import is_digits, is_key


@pytest.mark.parametrize(
    ("value", "expected"), [("0123", True), ("", False), ("²", False), ("١٢", False), ("1a", False)]
)
def test_is_digits_takes_ascii_digits_only(value, expected):
    assert is_digits(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", True),
        (42, True),
        ("999999999", True),
        ("9999999999", False),
        ("-1", False),
        ("²", False),
        (None, False),
    ],
)
def test_is_key_takes_what_fits_a_primary_key(value, expected):
    assert is_key(value) is expected
