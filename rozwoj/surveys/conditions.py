"""When a section or question is shown: pure rules on earlier answers, the same as static/surveys/conditions.js.

A condition is JSON:

    {}                                                      always shown
    {"all": [rule, …]}  /  {"any": [rule, …]}               AND / OR (groups nest)
    {"question": "q3", "op": "equals", "value": "other"}    the answer equals the value
    {"question": "q4", "op": "includes", "value": ["a", "b"]}
        a list answer (multiple choice) includes one of the values, or a single answer is one of them
    {"question": "q5", "op": "between", "min": 1, "max": 3}  a number (or a date "YYYY-MM-DD") in the range

A rule on a question that is hidden or unanswered is false. Questions are evaluated in order, so a question
may depend only on questions before it; `visible_codes` returns what is shown for given answers, and the
service stores only the answers of shown questions.
"""

from collections.abc import Iterable, Mapping
from typing import Any

OPERATORS = ("equals", "includes", "between")

_MISSING = object()


def _number(value: Any) -> float | str | None:
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return value  # dates compare as ISO strings
    return None


def _as_list(value: Any) -> list:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _rule(rule: Mapping[str, Any], answers: Mapping[str, Any]) -> bool:
    answer = answers.get(rule.get("question", ""), _MISSING)
    if answer is _MISSING or answer is None or answer in ("", [], {}):
        return False
    op = rule.get("op")
    if op == "equals":
        expected = rule.get("value")
        if isinstance(answer, (int, float)) and not isinstance(answer, bool):
            return _number(expected) == float(answer)
        return bool(answer == expected)
    if op == "includes":
        wanted = _as_list(rule.get("value"))
        if isinstance(answer, dict):  # a matrix: any row with one of the values
            return any(value in wanted for value in answer.values())
        return any(item in wanted for item in _as_list(answer))
    if op == "between":
        value = _number(answer)
        low, high = _number(rule.get("min")), _number(rule.get("max"))
        if value is None:
            return False
        try:
            return (low is None or value >= low) and (high is None or value <= high)  # type: ignore[operator]
        except TypeError:  # a number against a date
            return False
    return False


def evaluate(condition: Mapping[str, Any] | None, answers: Mapping[str, Any]) -> bool:
    """Whether `condition` holds for `answers` ({question code: value of a shown question})."""
    if not condition:
        return True
    if "all" in condition:
        return all(evaluate(part, answers) for part in condition["all"])
    if "any" in condition:
        return any(evaluate(part, answers) for part in condition["any"])
    return _rule(condition, answers)


def referenced_codes(condition: Mapping[str, Any] | None) -> set[str]:
    """The question codes a condition looks at."""
    if not condition:
        return set()
    if "all" in condition or "any" in condition:
        return set().union(
            *(referenced_codes(part) for part in condition.get("all", condition.get("any", [])))
        )
    return {condition.get("question", "")}


def validate(condition: Any, earlier_codes: Iterable[str]) -> list[str]:
    """Problems of a condition written by an author (empty when fine); `earlier_codes` are the questions it may
    look at (those before it)."""
    earlier = set(earlier_codes)
    if condition in (None, {}):
        return []
    if not isinstance(condition, dict):
        return ["A condition is an object."]
    if "all" in condition or "any" in condition:
        parts = condition.get("all", condition.get("any"))
        if not isinstance(parts, list) or not parts:
            return ['"all" and "any" take a non-empty list.']
        return [problem for part in parts for problem in validate(part, earlier)]
    problems = []
    if condition.get("question") not in earlier:
        problems.append(f"Unknown or later question {condition.get('question')!r}.")
    if condition.get("op") not in OPERATORS:
        problems.append(f"Unknown operator {condition.get('op')!r}.")
    return problems


def visible_codes(sections: Iterable[Mapping[str, Any]], answers: Mapping[str, Any]) -> set[str]:
    """The codes of the questions shown for `answers`.

    `sections`: in order, each {"condition": {…}, "questions": [{"code": "q1", "condition": {…}}, …]}. The
    answer of a hidden question does not count for the conditions after it.
    """
    shown: dict[str, Any] = {}
    visible: set[str] = set()
    for section in sections:
        section_shown = evaluate(section.get("condition"), shown)
        for question in section.get("questions", []):
            code = question["code"]
            if section_shown and evaluate(question.get("condition"), shown):
                visible.add(code)
                if code in answers:
                    shown[code] = answers[code]
    return visible


def structure_of(questionnaire) -> list[dict[str, Any]]:
    """The plain structure `visible_codes` needs, from a questionnaire's active questions (two queries)."""
    questions_by_section: dict[int, list[dict[str, Any]]] = {}
    for question in questionnaire.questions.filter(is_active=True).order_by("order", "id"):
        questions_by_section.setdefault(question.section_id, []).append(
            {"code": question.code, "condition": question.condition}
        )
    return [
        {"condition": section.condition, "questions": questions_by_section.get(section.pk, [])}
        for section in questionnaire.sections.order_by("order", "id")
    ]
