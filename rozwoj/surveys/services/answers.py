"""Reading a respondent's answers from a submitted form: every value checked against its question, the answers
of questions that end up hidden discarded (never stored), one clear message per question in trouble.

Field names of the respondent's form: `q-<code>` (one value, or several for multiple choice), `q-<code>-other`
(the "other, please specify" text), `q-<code>-<row>` (a row of a Likert matrix), `q-<code>-<option>` (the rank
of an option of a ranking question).
"""

import datetime
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from .. import conditions
from ..models import OTHER, Question, QuestionKind

SHORT_TEXT_MAX = 500
LONG_TEXT_MAX = 10_000
_FORBIDDEN = {chr(code) for code in range(32)} - {"\n", "\r", "\t"}


def field_name(question: Question, suffix: str = "") -> str:
    return f"q-{question.code}" + (f"-{suffix}" if suffix else "")


@dataclass
class ParsedAnswers:
    values: dict[str, Any] = field(default_factory=dict)  # code → normalised value (shown questions only)
    others: dict[str, str] = field(default_factory=dict)  # code → "other, please specify" text
    errors: dict[str, str] = field(default_factory=dict)  # field name → message
    visible: set[str] = field(default_factory=set)


class _Bad(Exception):
    pass


def _getlist(data: Mapping[str, Any], name: str) -> list[str]:
    if hasattr(data, "getlist"):
        values = data.getlist(name)
    else:
        value = data.get(name)
        values = value if isinstance(value, list) else ([] if value is None else [value])
    return [str(value) for value in values]


def _one(data: Mapping[str, Any], name: str) -> str:
    values = _getlist(data, name)
    if len(values) > 1:
        raise _Bad(_("Give one answer only."))
    return values[0].strip() if values else ""


def _clean_text(value: str, limit: int) -> str:
    value = value.strip()
    if len(value) > limit:
        raise _Bad(_("Write at most %(limit)d characters.") % {"limit": limit})
    if any(character in _FORBIDDEN for character in value):
        raise _Bad(_("The text contains characters that are not allowed."))
    return value


def _choice(question: Question, data, name: str) -> str | None:
    value = _one(data, name)
    if not value:
        return None
    if value not in question.option_codes():
        raise _Bad(_("Choose one of the options given."))
    return value


def _multiple(question: Question, data, name: str) -> list[str] | None:
    values = _getlist(data, name)
    if not values:
        return None
    codes = question.option_codes()
    if any(value not in codes for value in values):
        raise _Bad(_("Choose only among the options given."))
    return [code for code in codes if code in values]


def _scale_point(question: Question, value: str) -> int | None:
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or int(value) not in question.scale():
        raise _Bad(_("Choose a point of the scale."))
    return int(value)


def _matrix(question: Question, data, name: str) -> dict[str, int] | None:
    answered = {}
    for row in question.row_codes():
        point = _scale_point(question, _one(data, f"{name}-{row}"))
        if point is not None:
            answered[row] = point
    if answered and question.required and len(answered) < len(question.rows):
        raise _Bad(_("Answer every row."))
    return answered or None


def _number(question: Question, data, name: str) -> float | None:
    raw = _one(data, name).replace(",", ".")
    if not raw:
        return None
    try:
        number = float(raw)
    except ValueError:
        raise _Bad(_("Enter a number.")) from None
    if not math.isfinite(number) or abs(number) > 1e12:
        raise _Bad(_("Enter a number."))
    if question.min_value is not None and number < question.min_value:
        raise _Bad(_("Enter a number of at least %(min)s.") % {"min": f"{question.min_value:g}"})
    if question.max_value is not None and number > question.max_value:
        raise _Bad(_("Enter a number of at most %(max)s.") % {"max": f"{question.max_value:g}"})
    return int(number) if number.is_integer() else number


def _date(data, name: str) -> str | None:
    raw = _one(data, name)
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw).isoformat()
    except ValueError:
        raise _Bad(_("Enter a date as YYYY-MM-DD.")) from None


def _yes_no(data, name: str) -> bool | None:
    raw = _one(data, name)
    if not raw:
        return None
    if raw not in ("yes", "no"):
        raise _Bad(_("Answer yes or no."))
    return raw == "yes"


def _ranking(question: Question, data, name: str) -> list[str] | None:
    codes = question.option_codes()
    ranks = {}
    for code in codes:
        raw = _one(data, f"{name}-{code}")
        if raw:
            if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= len(codes):
                raise _Bad(_("Give each option a place from 1 to %(count)d.") % {"count": len(codes)})
            ranks[code] = int(raw)
    if not ranks:
        return None
    if len(ranks) < len(codes) or len(set(ranks.values())) < len(codes):
        raise _Bad(_("Give each option a different place from 1 to %(count)d.") % {"count": len(codes)})
    return sorted(ranks, key=ranks.__getitem__)


def _text(limit: int):
    def parse(question: Question, data, name: str) -> str | None:
        return _clean_text(_one(data, name), limit) or None

    return parse


_PARSERS: dict[str, Any] = {
    QuestionKind.SINGLE: _choice,
    QuestionKind.MULTIPLE: _multiple,
    QuestionKind.LIKERT: lambda question, data, name: _scale_point(question, _one(data, name)),
    QuestionKind.LIKERT_MATRIX: _matrix,
    QuestionKind.NUMBER: _number,
    QuestionKind.SHORT_TEXT: _text(SHORT_TEXT_MAX),
    QuestionKind.LONG_TEXT: _text(LONG_TEXT_MAX),
    QuestionKind.DATE: lambda question, data, name: _date(data, name),
    QuestionKind.YES_NO: lambda question, data, name: _yes_no(data, name),
    QuestionKind.RANKING: _ranking,
}


def _parse_one(question: Question, data) -> tuple[Any, str, str]:
    """(value, "other" text, problem with the "other" text): the value counts for conditions even then."""
    value = _PARSERS[question.kind](question, data, field_name(question))
    chosen_other = question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and (
        value == OTHER or (isinstance(value, list) and OTHER in value)
    )
    if not chosen_other:
        return value, "", ""
    try:
        other = _clean_text(_one(data, field_name(question, OTHER)), SHORT_TEXT_MAX)
    except _Bad as problem:
        return value, "", str(problem)
    if not other:
        return value, "", _('Say what "other" is.')
    return value, other, ""


def _parse_all(
    questions: list[Question], data, parsed: ParsedAnswers
) -> tuple[dict[str, Any], dict[str, str]]:
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for question in questions:
        try:
            value, other, problem = _parse_one(question, data)
        except _Bad as bad:
            errors[question.code] = str(bad)
            continue
        if problem:
            errors[question.code] = problem
        if value is not None:
            values[question.code] = value
            if other:
                parsed.others[question.code] = other
    return values, errors


def parse_answers(
    questions: Iterable[Question], sections_structure: list[dict], data: Mapping[str, Any]
) -> ParsedAnswers:
    """Check every answer in `data` against its question; keep only the answers of the questions shown."""
    questions = list(questions)
    parsed = ParsedAnswers()
    raw_values, raw_errors = _parse_all(questions, data, parsed)
    parsed.visible = conditions.visible_codes(sections_structure, raw_values)
    for question in questions:
        code = question.code
        if code not in parsed.visible:
            parsed.others.pop(code, None)  # a hidden question's answer is discarded
        elif code in raw_errors:
            parsed.errors[field_name(question)] = raw_errors[code]
            parsed.others.pop(code, None)
        elif code in raw_values:
            parsed.values[code] = raw_values[code]
        elif question.required:
            parsed.errors[field_name(question)] = _("This question requires an answer.")
    return parsed


def typed_columns(question: Question, value: Any, other: str = "") -> dict[str, Any]:
    """The typed copies of an answer kept for aggregation (see models.Answer)."""
    columns: dict[str, Any] = {"number": None, "choice": "", "text": other, "date": None}
    kind = question.kind
    if kind in (QuestionKind.LIKERT, QuestionKind.NUMBER):
        columns["number"] = float(value)
    elif kind == QuestionKind.YES_NO:
        columns["number"] = 1.0 if value else 0.0
        columns["choice"] = "yes" if value else "no"
    elif kind == QuestionKind.SINGLE:
        columns["choice"] = value
    elif kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
        columns["text"] = value
    elif kind == QuestionKind.DATE:
        columns["date"] = datetime.date.fromisoformat(value)
    return columns


def form_values(data: Mapping[str, Any]) -> dict[str, list[str]]:
    """The respondent's fields of a posted form as {name: [values]}, for a saved draft (bounded)."""
    kept: dict[str, list[str]] = {}
    for name in list(data.keys())[:2000]:
        if name.startswith("q-") and len(name) < 200:
            kept[name] = [value[:LONG_TEXT_MAX] for value in _getlist(data, name)[:100]]
    return kept
