"""A readable comparison of two versions of a text: paragraph by paragraph, the words removed and added marked."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from .selectors import paragraphs


@dataclass
class Piece:
    kind: str  # "same", "removed", "added"
    text: str


@dataclass
class Row:
    kind: str  # "same", "removed", "added", "changed"
    pieces: list[Piece]


def _words(old: str, new: str) -> list[Piece]:
    a, b = old.split(), new.split()
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("added", " ".join(b[j1:j2])))
    return pieces


def compare(old: str, new: str) -> list[Row]:
    """Rows of paragraphs: unchanged, removed, added, or changed with its words marked."""
    a, b = paragraphs(old), paragraphs(new)
    rows: list[Row] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            rows.extend(Row("same", [Piece("same", text)]) for text in a[i1:i2])
        else:
            # Paragraphs replaced pairwise while they still resemble each other; the rest removed or added.
            paired = 0
            if op == "replace":
                for x, y in zip(a[i1:i2], b[j1:j2], strict=False):
                    if difflib.SequenceMatcher(a=x.split(), b=y.split(), autojunk=False).ratio() < 0.4:
                        break
                    rows.append(Row("changed", _words(x, y)))
                    paired += 1
            rows.extend(Row("removed", [Piece("removed", text)]) for text in a[i1 + paired : i2])
            rows.extend(Row("added", [Piece("added", text)]) for text in b[j1 + paired : j2])
    return rows
