"""Exports of a questionnaire's responses for researchers: CSV and XLSX (labels or codes) through the platform's
one spreadsheet writer (`rozwoj.core.exports`), SPSS `.sav` (pyreadstat) and the PDF report (WeasyPrint).

One row per response, one or more columns per question (a column per option of a multiple choice, 1 or 0; a
column per option of a ranking, its rank; a column per row of a matrix; the "other, please specify" text in its
own column). Anonymity at this exit:

- rows come in the order of the responses' random keys, numbered 1, 2, 3…: never the order of submission, and
  the key itself is not written;
- no name unless the questionnaire is named; no date for an anonymous questionnaire;
- for confidential and anonymous questionnaires, a respondent attribute (kind of organisation, voivodeship…)
  shared by fewer responses than the minimum group size is written as "(fewer than N)", so that a rare
  attribute does not point at a person;
- the panel key is never exported (pairs are the results page's business).

Rows are read in batches of BATCH responses (their answers with one query per batch), so memory stays bounded.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _

from rozwoj.core.exports import is_formula_like

from .models import OTHER, Anonymity, Answer, Question, QuestionKind, Questionnaire, Response, localised
from .selectors.responses import FILTER_FIELDS, questions_for_results

BATCH = 2000
LABELS, CODES = "labels", "codes"


@dataclass
class Column:
    name: str  # variable name (SPSS-safe: letters, digits, underscores)
    label: str
    question: Question | None = None
    part: str = ""  # option or row code, "other" for the other text
    value_labels: dict[Any, str] | None = None
    numeric: bool = False


def _attribute_labels() -> dict[str, str]:
    return {
        "organisation_kind": _("Kind of organisation"),
        "local_government_kind": _("Type of local government"),
        "voivodeship": _("Voivodeship (TERC)"),
        "role": _("Role"),
    }


def _variable(code: str, part: str = "") -> str:
    name = f"{code}_{part}" if part else code
    name = "".join(character if character.isalnum() else "_" for character in name)
    return name if name[:1].isalpha() else f"q_{name}"


def columns_for(questionnaire: Questionnaire, language: str) -> list[Column]:
    """The columns of the export, after the response's own (number, wave, language, …)."""
    columns = []
    for question in questions_for_results(questionnaire):
        text = question.text_in(language)
        options = {option["code"]: localised(option.get("label"), language) for option in question.options}
        kind = question.kind
        if kind in (QuestionKind.MULTIPLE, QuestionKind.RANKING):
            codes = question.option_codes()
            for code in codes:
                label = options.get(code, _("Other") if code == OTHER else code)
                columns.append(
                    Column(
                        _variable(question.code, code),
                        f"{text}: {label}",
                        question,
                        code,
                        {1: _("chosen"), 0: _("not chosen")} if kind == QuestionKind.MULTIPLE else None,
                        numeric=True,
                    )
                )
        elif kind == QuestionKind.LIKERT_MATRIX:
            for row in question.rows:
                columns.append(
                    Column(
                        _variable(question.code, row["code"]),
                        f"{text}: {localised(row.get('label'), language)}",
                        question,
                        row["code"],
                        _scale_labels(question, language),
                        numeric=True,
                    )
                )
        elif kind == QuestionKind.SINGLE:
            codes = question.option_codes()
            value_labels = {
                index: options.get(code, _("Other") if code == OTHER else code)
                for index, code in enumerate(codes, start=1)
            }
            columns.append(Column(_variable(question.code), text, question, "", value_labels))
        elif kind == QuestionKind.YES_NO:
            columns.append(
                Column(_variable(question.code), text, question, "", {1: _("Yes"), 0: _("No")}, True)
            )
        elif kind == QuestionKind.LIKERT:
            columns.append(
                Column(_variable(question.code), text, question, "", _scale_labels(question, language), True)
            )
        else:
            columns.append(
                Column(_variable(question.code), text, question, "", None, kind == QuestionKind.NUMBER)
            )
        if question.allow_other and kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            columns.append(
                Column(_variable(question.code, "other_text"), f"{text}: {_('other')}", question, "other")
            )
    return columns


def _scale_labels(question: Question, language: str) -> dict[Any, str] | None:
    labels = {
        point: localised(question.scale_labels[index], language)
        for index, point in enumerate(question.scale())
        if index < len(question.scale_labels) and localised(question.scale_labels[index], language)
    }
    return labels or None


def cell(column: Column, value: Any, other: str, mode: str) -> Any:
    """The cell of one column for an answer's JSON `value` (labels or codes)."""
    question = column.question
    assert question is not None
    kind = question.kind
    if (
        column.part == "other"
        and kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
        and column.name.endswith("_other_text")
    ):
        return other or None
    if value is None:
        return None
    if kind == QuestionKind.MULTIPLE:
        return 1 if column.part in value else 0
    if kind == QuestionKind.RANKING:
        return value.index(column.part) + 1 if column.part in value else None
    if kind == QuestionKind.LIKERT_MATRIX:
        return value.get(column.part)
    if kind in (QuestionKind.SINGLE, QuestionKind.YES_NO):
        return _choice_cell(question, value, mode)
    if kind == QuestionKind.DATE:
        return datetime.date.fromisoformat(value)
    return value


def _choice_cell(question: Question, value: Any, mode: str) -> Any:
    if question.kind == QuestionKind.YES_NO:
        if mode == CODES:
            return 1 if value else 0
        return _("Yes") if value else _("No")
    if mode == CODES:
        return value
    labels = question.__dict__.get("_export_labels")
    if labels is None:  # once per question, not once per cell
        language = question.questionnaire.default_language
        labels = {option["code"]: localised(option.get("label"), language) for option in question.options}
        question.__dict__["_export_labels"] = labels
    return labels.get(value, value)


class Export:
    """The rows of all responses of a questionnaire (optionally one wave), with the anonymity rules above."""

    def __init__(self, questionnaire: Questionnaire, *, wave=None, language: str = "pl", mode: str = LABELS):
        self.questionnaire = questionnaire
        self.wave = wave
        self.language = language
        self.mode = mode if mode in (LABELS, CODES) else LABELS
        self.columns = columns_for(questionnaire, language)
        for column in self.columns:
            if column.question is not None:
                column.question.questionnaire = questionnaire
        self.named = questionnaire.anonymity == Anonymity.NAMED
        self.dated = questionnaire.anonymity != Anonymity.ANONYMOUS
        self.rare = {} if self.named else self._rare_attributes()

    def responses(self):
        responses = Response.objects.filter(questionnaire=self.questionnaire)
        if self.wave is not None:
            responses = responses.filter(wave=self.wave)
        return responses

    def _rare_attributes(self) -> dict[str, set[str]]:
        """{attribute: values shared by fewer responses than the minimum group size}."""
        rare: dict[str, set[str]] = defaultdict(set)
        for name, column in FILTER_FIELDS.items():
            for value, how_many in (
                self.responses().values_list(column).annotate(n=Count("*")).values_list(column, "n")
            ):
                if value and how_many < self.questionnaire.min_group_size:
                    rare[name].add(value)
        return rare

    def header(self) -> list[str]:
        header = [_("No."), _("Wave"), _("Language")]
        if self.dated:
            header.append(_("Submitted on"))
        if self.named:
            header.append(_("Respondent"))
        header += list(_attribute_labels().values())
        return header + [column.label if self.mode == LABELS else column.name for column in self.columns]

    def header_names(self) -> list[str]:
        """Variable names of the response's own columns and the questions' (for SPSS)."""
        names = (
            ["number", "wave", "language"]
            + (["submitted_on"] if self.dated else [])
            + (["respondent"] if self.named else [])
        )
        return names + list(FILTER_FIELDS) + [column.name for column in self.columns]

    def rows(self) -> Iterator[list[Any]]:
        fields = ["pk", "wave__order", "language", "submitted_on", *FILTER_FIELDS.values()]
        if self.named:
            fields += ["person__first_name", "person__last_name"]
        responses = self.responses().order_by("pk").values_list(*fields)
        suppressed = _("(fewer than %(n)d)") % {"n": self.questionnaire.min_group_size}
        number = 0
        batch: list[tuple] = []
        for response in responses.iterator(chunk_size=BATCH):
            batch.append(response)
            if len(batch) == BATCH:
                yield from self._batch_rows(batch, number, suppressed)
                number += len(batch)
                batch = []
        if batch:
            yield from self._batch_rows(batch, number, suppressed)

    def _batch_rows(self, batch, number, suppressed) -> Iterator[list[Any]]:
        answers: dict[Any, dict[int, tuple[Any, str]]] = defaultdict(dict)
        for response_id, question_id, value, text in Answer.objects.filter(
            response_id__in=[response[0] for response in batch]
        ).values_list("response_id", "question_id", "value", "text"):
            answers[response_id][question_id] = (value, text)
        for offset, response in enumerate(batch, start=1):
            row: list[Any] = [number + offset, response[1], response[2]]
            if self.dated:
                row.append(response[3])
            if self.named:
                row.append(f"{response[8] or ''} {response[9] or ''}".strip() or None)
            for name, value in zip(FILTER_FIELDS, response[4:8], strict=True):
                row.append(suppressed if value in self.rare.get(name, ()) else value or None)
            given = answers.get(response[0], {})
            for column in self.columns:
                value, text = given.get(column.question.pk, (None, "")) if column.question else (None, "")
                row.append(cell(column, value, text, self.mode))
            yield row


def sav_bytes(export: Export) -> bytes:
    """The SPSS .sav file: codes, with variable labels (the questions) and value labels (options, points).
    Text that a spreadsheet could take for a formula gets a leading apostrophe, as in the CSV."""
    import os
    import tempfile

    import pandas
    import pyreadstat

    export.mode = CODES
    names = export.header_names()
    labels = dict(zip(names, export.header(), strict=True))
    for column in export.columns:
        labels[column.name] = column.label
    value_labels: dict[str, dict[Any, str]] = {}
    single_codes: dict[str, dict[str, int]] = {}
    for column in export.columns:
        if column.question is not None and column.question.kind == QuestionKind.SINGLE and not column.part:
            codes = column.question.option_codes()
            single_codes[column.name] = {code: index for index, code in enumerate(codes, start=1)}
        if column.value_labels:
            value_labels[column.name] = {
                float(key): _neutral(label) for key, label in column.value_labels.items()
            }
    rows = []
    for row in export.rows():
        record = dict(zip(names, row, strict=True))
        for name, numbers in single_codes.items():
            record[name] = numbers.get(record[name]) if record[name] is not None else None
        rows.append(
            {name: _neutral(value) if isinstance(value, str) else value for name, value in record.items()}
        )
    frame = pandas.DataFrame(rows, columns=names)
    for column in export.columns:
        if column.numeric or column.name in single_codes:
            frame[column.name] = pandas.to_numeric(frame[column.name], errors="coerce")
    descriptor, path = tempfile.mkstemp(suffix=".sav")
    os.close(descriptor)
    try:
        pyreadstat.write_sav(
            frame,
            path,
            column_labels=[_neutral(labels.get(name, name))[:255] for name in names],
            variable_value_labels=value_labels,
        )
        with open(path, "rb") as file:
            return file.read()
    finally:
        os.unlink(path)


def _neutral(text: str) -> str:
    return "'" + text if is_formula_like(text) else text
