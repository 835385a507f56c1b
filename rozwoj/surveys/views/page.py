"""What the respondent's page shows: sections and questions in one language, with the values given so far,
the errors, and which questions are shown (evaluated on the server; static/surveys/conditions.js repeats it
live in the browser)."""

import json
from typing import Any

from django.utils.translation import gettext as _

from .. import conditions
from ..models import OTHER, QuestionKind, Questionnaire, localised
from ..services.answers import field_name, parse_answers
from ..services.responding import active_questions


def _values(data) -> dict[str, list[str]]:
    if data is None:
        return {}
    if hasattr(data, "getlist"):
        return {key: data.getlist(key) for key in data}
    return {key: value if isinstance(value, list) else [value] for key, value in data.items()}


def page_sections(
    questionnaire: Questionnaire, language: str, data=None, errors: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    errors = errors or {}
    values = _values(data)
    questions = active_questions(questionnaire)
    structure = conditions.structure_of(questionnaire)
    visible = parse_answers(questions, structure, data or {}).visible
    fallback = (questionnaire.default_language,)
    by_section: dict[int, list] = {}
    for question in questions:
        name = field_name(question)
        chosen = values.get(name, [])
        entry: dict[str, Any] = {
            "question": question,
            "code": question.code,
            "kind": question.kind,
            "name": name,
            "id": f"question-{question.code}",
            "text": localised(question.text, language, fallback),
            "help": localised(question.help, language, fallback),
            "required": question.required,
            "condition": json.dumps(question.condition) if question.condition else "",
            "hidden": question.code not in visible,
            "error": errors.get(name, ""),
            "value": chosen[0] if chosen else "",
        }
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RANKING):
            options = [
                (option["code"], localised(option["label"], language, fallback))
                for option in question.options
            ]
            if question.allow_other and question.kind != QuestionKind.RANKING:
                options.append((OTHER, _("Other, please specify")))
            entry["options"] = [
                {
                    "code": code,
                    "label": label,
                    "checked": code in chosen,
                    "rank_name": f"{name}-{code}",
                    "rank": (values.get(f"{name}-{code}") or [""])[0],
                }
                for code, label in options
            ]
            entry["other_name"] = f"{name}-{OTHER}"
            entry["other_value"] = (values.get(f"{name}-{OTHER}") or [""])[0]
            entry["ranks"] = list(range(1, len(options) + 1))
        if question.kind in (QuestionKind.LIKERT, QuestionKind.LIKERT_MATRIX):
            labels = [localised(label, language, fallback) for label in question.scale_labels]
            entry["scale"] = [
                {"point": point, "label": labels[point - 1] if point - 1 < len(labels) else str(point)}
                for point in question.scale()
            ]
        if question.kind == QuestionKind.LIKERT_MATRIX:
            entry["rows"] = [
                {
                    "code": row["code"],
                    "label": localised(row["label"], language, fallback),
                    "name": f"{name}-{row['code']}",
                    "value": (values.get(f"{name}-{row['code']}") or [""])[0],
                }
                for row in question.rows
            ]
        by_section.setdefault(question.section_id, []).append(entry)
    sections = []
    for section in questionnaire.sections.order_by("order", "id"):
        entries = by_section.get(section.pk, [])
        if not entries:
            continue
        sections.append(
            {
                "section": section,
                "title": localised(section.title, language, fallback),
                "description": localised(section.description, language, fallback),
                "condition": json.dumps(section.condition) if section.condition else "",
                "hidden": all(entry["hidden"] for entry in entries),
                "questions": entries,
            }
        )
    return sections


def error_list(sections: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The errors in page order, each with the id of its question (for the summary's links)."""
    return [
        {"id": entry["id"], "text": entry["text"], "error": entry["error"]}
        for section in sections
        for entry in section["questions"]
        if entry["error"]
    ]
