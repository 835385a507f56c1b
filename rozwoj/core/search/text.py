"""Words for the site search: Polish-aware folding and stemming, shared by the index and the queries.

Both databases get the same prepared text: every word lower-cased, followed by its stem from the Snowball Polish
stemmer (snowballstemmer, BSD-3-Clause) when the stem differs, so "Łotwie", "Łotwy" and "Łotwa" all index "łotw".
A query term matches a stored word or stem that starts with the term's stem or with the term itself, so both
inflected forms ("szkoleniach" → "szkolen") and unfinished words ("szkol") are found. Diacritics are removed
twice: here (`fold`, which also knows the letters Unicode does not decompose, like "ł") and by the databases
(PostgreSQL's unaccent, FTS5's remove_diacritics), so "lotwa" finds "Łotwa".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

WORD = re.compile(r"\w+", re.UNICODE)
MAX_TEXT = 20_000  # characters of one entry's text that are indexed and kept for snippets
MAX_QUERY = 200  # characters of a query that are read
MAX_TERMS = 8  # words of a query that are used
MIN_PREFIX = 3  # shorter query words match whole words only (a prefix of one letter matches everything)

_NOT_DECOMPOSED = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss"})
_stemmer = snowballstemmer.stemmer("polish")


def fold(text: str) -> str:
    """`text` lower-cased without diacritics: "Łódź" → "lodz"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_NOT_DECOMPOSED).lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The folded stem of one lower-case word ("szkoleniach" → "szkolen"); the word itself when too short."""
    if len(word) < 4 or word.isdigit():
        return fold(word)
    return fold(_stemmer.stemWord(word))


def words(text: str) -> list[str]:
    return [word.lower() for word in WORD.findall(text.replace("_", " "))]


def index_terms(text: str) -> str:
    """The text the databases index for `text`: each folded word, then its stem when that differs."""
    terms: list[str] = []
    for word in words(text[:MAX_TEXT]):
        folded = fold(word)
        terms.append(folded)
        stemmed = stem(word)
        if stemmed != folded:
            terms.append(stemmed)
    return " ".join(terms)


def query_terms(query: str) -> list[tuple[str, str]]:
    """The (folded word, folded stem) pairs of a query: at most MAX_TERMS, only letters and digits, so nothing
    of the databases' query syntax ("NEAR", quotes, "*", ":", "&", "|") passes through."""
    seen: set[tuple[str, str]] = set()
    terms: list[tuple[str, str]] = []
    for word in words(query[:MAX_QUERY].replace("\x00", " ")):
        pair = (fold(word), stem(word))
        if not pair[0].isalnum() or pair in seen:
            continue
        seen.add(pair)
        terms.append(pair)
        if len(terms) == MAX_TERMS:
            break
    return terms


def _alternatives(word: str, stemmed: str) -> list[tuple[str, bool]]:
    """What one query word matches: (term, as a prefix?)."""
    if len(word) < MIN_PREFIX:
        return [(word, False)]
    options = [(stemmed, True)] if len(stemmed) >= MIN_PREFIX else [(stemmed, False)]
    if not word.startswith(stemmed) or len(stemmed) < MIN_PREFIX:
        options.append((word, True))
    return options


def fts5_query(terms: list[tuple[str, str]]) -> str:
    """An FTS5 MATCH expression: every query word must match ("coaching Łotwa" → both)."""
    groups = []
    for word, stemmed in terms:
        options = [f'"{term}"' + ("*" if prefix else "") for term, prefix in _alternatives(word, stemmed)]
        groups.append("(" + " OR ".join(options) + ")")
    return " AND ".join(groups)


def tsquery(terms: list[tuple[str, str]], weights: str = "") -> str:
    """A PostgreSQL to_tsquery('simple', …) expression with the same meaning as `fts5_query`; with `weights`
    ("A": the title) only words of those parts match."""
    groups = []
    for word, stemmed in terms:
        options = []
        for term, prefix in _alternatives(word, stemmed):
            marks = ("*" if prefix else "") + weights
            options.append(f"{term}:{marks}" if marks else term)
        groups.append("(" + " | ".join(options) + ")")
    return " & ".join(groups)


def matches_word(word: str, terms) -> bool:
    """Whether one word of a text matches a query (for highlighting snippets), with the rules of the index."""
    return _matches_word(word, tuple(terms))


@lru_cache(maxsize=100_000)
def _matches_word(word: str, terms: tuple[tuple[str, str], ...]) -> bool:
    # Kept per word and query: a snippet looks at every word of a long text up to the first match (all of them
    # when only the title matched), and most words of a text come again and again.
    folded = fold(word)
    stemmed = stem(word.lower())
    for query_word, query_stem in terms:
        for term, prefix in _alternatives(query_word, query_stem):
            for candidate in (folded, stemmed):
                if candidate == term or (prefix and candidate.startswith(term)):
                    return True
    return False
