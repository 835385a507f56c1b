"""A questionnaire with every kind of question and responses written straight into the tables, for the tests of
the results side (which only reads them)."""

from __future__ import annotations

import datetime
from typing import Any

from rozwoj.surveys.models import (
    Anonymity,
    Answer,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
    Section,
    Wave,
)
from rozwoj.surveys.services.tallies import TALLIED, tally_answers

TODAY = datetime.date(2026, 6, 1)


def label(pl: str, en: str | None = None) -> dict:
    return {"pl": pl, "en": en or pl}


def questionnaire(anonymity: str = Anonymity.CONFIDENTIAL, min_group_size: int = 5, waves: int = 1, **fields):
    survey = Questionnaire.objects.create(
        title=label("Ocena szkolenia", "Training feedback"),
        languages=["pl", "en"],
        anonymity=anonymity,
        min_group_size=min_group_size,
        status="open",
        **fields,
    )
    for order in range(1, waves + 1):
        Wave.objects.create(
            questionnaire=survey, order=order, label=label(["Przed", "Po", "Później"][order - 1])
        )
    section = Section.objects.create(questionnaire=survey, order=1, title=label("Część 1"))
    options = [
        {"code": code, "label": label(text)}
        for code, text in (("a", "Szkoła"), ("b", "Urząd"), ("c", "Inne"))
    ]
    specs = [
        ("org", QuestionKind.SINGLE, {"options": options, "allow_other": True}),
        ("topics", QuestionKind.MULTIPLE, {"options": options}),
        (
            "useful",
            QuestionKind.LIKERT,
            {"scale_points": 5, "scale_labels": [label("źle"), {}, {}, {}, label("dobrze")]},
        ),
        (
            "grid",
            QuestionKind.LIKERT_MATRIX,
            {
                "scale_points": 4,
                "rows": [
                    {"code": "content", "label": label("Treść")},
                    {"code": "pace", "label": label("Tempo")},
                ],
            },
        ),
        ("hours", QuestionKind.NUMBER, {"min_value": 0, "max_value": 100}),
        ("again", QuestionKind.YES_NO, {}),
        ("order", QuestionKind.RANKING, {"options": options}),
        ("comment", QuestionKind.LONG_TEXT, {}),
        ("when", QuestionKind.DATE, {}),
    ]
    for order, (code, kind, extra) in enumerate(specs, start=1):
        Question.objects.create(
            questionnaire=survey,
            section=section,
            order=order,
            code=code,
            kind=kind,
            text=label(f"Pytanie {code}"),
            **extra,
        )
    return survey


def respond(
    survey: Questionnaire,
    values: dict[str, Any],
    *,
    wave: Wave | None = None,
    others=None,
    person=None,
    panel_key="",
    **attributes,
) -> Response:
    """A submitted response with `values` {question code: value as Answer.value holds it}."""
    anonymous = survey.anonymity == Anonymity.ANONYMOUS
    response = Response(
        questionnaire=survey,
        wave=wave or survey.waves.first(),
        language="pl",
        submitted_on=TODAY,
        submitted_at=None if anonymous else datetime.datetime(2026, 6, 1, 10, tzinfo=datetime.UTC),
        person=None if anonymous else person,
        is_anonymous=anonymous,
        panel_key=panel_key,
        **attributes,
    )
    setattr(response, TALLIED, True)  # added to the tallies below, as submitting does
    response.save(force_insert=True)
    questions = {question.code: question for question in survey.questions.all()}
    answers = [
        (
            questions[code],
            Answer(
                response=response,
                question=questions[code],
                value=value,
                **typed(questions[code], value, (others or {}).get(code, "")),
            ),
        )
        for code, value in values.items()
    ]
    Answer.objects.bulk_create([answer for _question, answer in answers])
    tally_answers(response, answers)  # as submitting does
    return response


def typed(question: Question, value: Any, other: str = "") -> dict[str, Any]:
    columns: dict[str, Any] = {"number": None, "choice": "", "text": other, "date": None}
    if question.kind in (QuestionKind.LIKERT, QuestionKind.NUMBER):
        columns["number"] = float(value)
    elif question.kind == QuestionKind.YES_NO:
        columns["number"], columns["choice"] = (1.0 if value else 0.0), ("yes" if value else "no")
    elif question.kind == QuestionKind.SINGLE:
        columns["choice"] = value
    elif question.kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
        columns["text"] = value
    elif question.kind == QuestionKind.DATE:
        columns["date"] = datetime.date.fromisoformat(value)
    return columns


def full_answer(index: int) -> dict[str, Any]:
    """A complete, varied answer (deterministic in `index`)."""
    return {
        "org": "abc"[index % 3],
        "topics": ["a", "c"] if index % 2 else ["b"],
        "useful": 1 + index % 5,
        "grid": {"content": 1 + index % 4, "pace": 4 - index % 4},
        "hours": float(index),
        "again": index % 2 == 0,
        "order": ["c", "a", "b"] if index % 2 else ["a", "b", "c"],
        "comment": f"Komentarz {index}",
        "when": "2026-05-01",
    }
