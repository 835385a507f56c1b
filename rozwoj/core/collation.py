"""Sorting names in Polish alphabetical order on any database.

SQLite compares bytes and a PostgreSQL cluster may run under the C locale: either puts "Łukasiewicz" after
"Zych" and "Ąbrowski" after "Zalewski". A stored sort key fixes the order everywhere: each character becomes a
fixed code of digits, in the order of the Polish alphabet (a ą b c ć … z ź ż), so that every collation, even
one that ignores punctuation, compares the keys the same way and an ordinary index serves the order.
"""

import unicodedata

# Space and punctuation first (so that "Nowak" comes before "Nowak-Kowalska" and "Nowakowski"), then digits,
# then the letters of the Polish alphabet with q, v and x.
_ORDER = " -'.,0123456789" + "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"
_CODES = {character: f"{index + 10:02d}" for index, character in enumerate(_ORDER)}
_OTHER = "99"  # followed by the code point: letters of other alphabets come last, in code-point order


def _code(character: str) -> str:
    if character in _CODES:
        return _CODES[character]
    # Foreign letters with diacritics (ā, ü, é, č) sort with their base letter.
    base = "".join(c for c in unicodedata.normalize("NFKD", character) if not unicodedata.combining(c))
    if base and all(c in _CODES for c in base):
        return "".join(_CODES[c] for c in base)
    return "".join(_CODES.get(c) or f"{_OTHER}{ord(c):07d}" for c in base or character)


def polish_sort_key(*parts: str, max_length: int = 255) -> str:
    """A key that sorts `parts` (e.g. last name, first name) in Polish alphabetical order, ignoring case."""
    text = " ".join(" ".join(part.split()) for part in parts)
    key = "".join(_code(character) for character in unicodedata.normalize("NFC", text.casefold()))
    return key[:max_length]
