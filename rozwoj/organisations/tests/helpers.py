from rozwoj.organisations.validators import regon_check_digit


def valid_regon(prefix: str = "12345678") -> str:
    """A REGON with a correct check digit: 8 digits → 9-digit REGON, 13 digits → 14-digit REGON."""
    return prefix + str(regon_check_digit(prefix))


def valid_regon14(base9: str | None = None, suffix: str = "0001") -> str:
    return valid_regon((base9 or valid_regon()) + suffix)


def invalid_regon(regon: str) -> str:
    return regon[:-1] + str((int(regon[-1]) + 1) % 10)
