"""The results of a questionnaire: what the results page, the PDF report and the API show.

Aggregation happens in SQL, a fixed number of queries whatever the number of responses (GROUP BY question and
option or value; JSON arrays and matrices unpacked by the database: `json_each` on SQLite,
`jsonb_array_elements_text` / `jsonb_each_text` on PostgreSQL); Python only turns the counts into statistics
and charts (`surveys.statistics`, `surveys.charts`).

Anonymity: nothing here reads a person, an invitation or a time of submission. Free-text answers are listed in
the order of the responses' random keys (never in the order they came in), without names unless the
questionnaire is named. The minimum group size hides the whole result when a filter leaves fewer responses, and
any question answered by fewer respondents.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _

from .. import charts
from .. import stats as statistics
from ..models import (
    OTHER,
    Anonymity,
    Answer,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
    Wave,
    localised,
)
from .responses import FILTER_FIELDS, questions_for_results

CACHE_SECONDS = 600
TEXTS_SHOWN = 50  # free-text answers listed per question on the page (the exports have them all)
SCALAR_KINDS = (QuestionKind.SINGLE, QuestionKind.YES_NO, QuestionKind.LIKERT, QuestionKind.NUMBER)
ARRAY_KINDS = (QuestionKind.MULTIPLE, QuestionKind.RANKING)
TEXT_ANSWER_KINDS = (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)
NUMERIC_KINDS = (QuestionKind.LIKERT, QuestionKind.NUMBER)


@dataclass
class TextAnswer:
    text: str
    respondent: str = ""  # named questionnaires only


@dataclass
class QuestionResult:
    question: Question
    text: str
    answered: int
    hidden: bool = False
    options: list[statistics.OptionCount] = field(default_factory=list)
    summary: statistics.Summary | None = None
    matrix: list[tuple[str, list[int]]] = field(default_factory=list)  # (row label, count per point)
    matrix_summaries: list[tuple[str, statistics.Summary | None]] = field(default_factory=list)
    mean_ranks: list[tuple[str, float | None]] = field(default_factory=list)
    texts: list[TextAnswer] = field(default_factory=list)  # free text, or the "other, please specify" texts
    texts_total: int = 0
    chart: charts.Chart | None = None

    @property
    def kind(self) -> str:
        return self.question.kind


@dataclass
class Results:
    questionnaire: Questionnaire
    wave: Wave | None
    filters: dict[str, str]
    responses: int
    minimum: int
    questions: list[QuestionResult] = field(default_factory=list)

    @property
    def hidden(self) -> bool:
        return statistics.is_hidden(self.responses, self.minimum)


def clean_filters(data: Mapping[str, Any]) -> dict[str, str]:
    """The filters of a request ({name: value} of FILTER_FIELDS, bounded strings), ignoring anything else."""
    filters = {}
    for name in FILTER_FIELDS:
        value = data.get(name)
        if isinstance(value, str) and value.strip() and len(value) <= 40:
            filters[name] = value.strip()
    return filters


def _response_lookups(filters: Mapping[str, str], wave: Wave | None, prefix: str = "") -> dict[str, Any]:
    lookups: dict[str, Any] = {f"{prefix}{FILTER_FIELDS[name]}": value for name, value in filters.items()}
    if wave is not None:
        lookups[f"{prefix}wave"] = wave
    return lookups


def _answers(
    questionnaire: Questionnaire, questions, wave: Wave | None, filters: Mapping[str, str]
) -> QuerySet[Answer]:
    """The answers to `questions`, of the responses of `wave` (None: all) that match the filters."""
    return Answer.objects.filter(
        question_id__in=[question.pk for question in questions],
        **_response_lookups(filters, wave, "response__"),
    )


def _raw_from(questionnaire: Questionnaire, wave: Wave | None, filters: Mapping[str, str]):
    """FROM and WHERE (on `a` answers, joined to `r` responses only when a wave or a filter needs them) and the
    parameters, for the JSON aggregations."""
    if wave is None and not filters:
        return Answer._meta.db_table + " a", "1 = 1", []
    where, params = _raw_where(questionnaire, wave, filters)
    return (
        f"{Answer._meta.db_table} a JOIN {Response._meta.db_table} r ON r.id = a.response_id",
        where,
        params,
    )


def _raw_where(questionnaire: Questionnaire, wave: Wave | None, filters: Mapping[str, str]):
    """WHERE clause (on `a` answers joined to `r` responses) and its parameters."""
    clauses: list[str] = ["r.questionnaire_id = %s"]
    params: list[Any] = [questionnaire.pk]
    if wave is not None:
        clauses.append("r.wave_id = %s")
        params.append(wave.pk)
    for name, value in filters.items():
        clauses.append(f"r.{FILTER_FIELDS[name]} = %s")  # column names from FILTER_FIELDS, never from input
        params.append(value)
    return " AND ".join(clauses), params


def _question_ids_clause(question_ids: list[int]) -> str:
    return "a.question_id IN (" + ", ".join(["%s"] * len(question_ids)) + ")"


def _array_counts(question_ids, questionnaire, wave, filters) -> dict[int, dict[str, tuple[int, int, float]]]:
    """{question id: {option code: (times chosen, times ranked first, mean rank)}} for multiple and ranking."""
    if not question_ids:
        return {}
    tables, where, params = _raw_from(questionnaire, wave, filters)
    if connection.vendor == "postgresql":
        source = "jsonb_array_elements_text(a.value) WITH ORDINALITY AS j(value, position)"
        position = "(j.position - 1)"
    else:
        source = "json_each(a.value) AS j"
        position = "j.key"
    sql = (
        f"SELECT a.question_id, j.value, COUNT(*), SUM(CASE WHEN {position} = 0 THEN 1 ELSE 0 END), "  # noqa: S608
        f"AVG({position} + 1.0) FROM {tables}, {source} "
        f"WHERE {where} AND {_question_ids_clause(question_ids)} GROUP BY a.question_id, j.value"
    )
    result: dict[int, dict[str, tuple[int, int, float]]] = defaultdict(dict)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *question_ids])
        for question_id, code, chosen, first, mean_rank in cursor.fetchall():
            result[question_id][str(code)] = (int(chosen), int(first or 0), float(mean_rank))
    return result


def _matrix_counts(question_ids, questionnaire, wave, filters) -> dict[int, dict[str, dict[int, int]]]:
    """{question id: {row code: {point: count}}} for Likert matrices."""
    if not question_ids:
        return {}
    tables, where, params = _raw_from(questionnaire, wave, filters)
    source = (
        "jsonb_each_text(a.value) AS j" if connection.vendor == "postgresql" else "json_each(a.value) AS j"
    )
    sql = (
        f"SELECT a.question_id, j.key, j.value, COUNT(*) FROM {tables}, {source} "  # noqa: S608
        f"WHERE {where} AND {_question_ids_clause(question_ids)} GROUP BY a.question_id, j.key, j.value"
    )
    result: dict[int, dict[str, dict[int, int]]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *question_ids])
        for question_id, row, point, how_many in cursor.fetchall():
            result.setdefault(question_id, {}).setdefault(str(row), {})[int(float(point))] = int(how_many)
    return result


def _texts(questionnaire, questions, wave, filters, question_ids) -> dict[int, list[TextAnswer]]:
    """Up to TEXTS_SHOWN texts per question, in the order of the responses' random keys."""
    if not question_ids:
        return {}
    answers = (
        _answers(questionnaire, questions, wave, filters)
        .filter(question_id__in=question_ids)
        .exclude(text="")
        .annotate(
            position=Window(RowNumber(), partition_by=F("question_id"), order_by=F("response_id").asc())
        )
        .filter(position__lte=TEXTS_SHOWN)
        .order_by("question_id", "response_id")
    )
    named = questionnaire.anonymity == Anonymity.NAMED
    fields = ["question_id", "text"] + (
        ["response__person__first_name", "response__person__last_name"] if named else []
    )
    result: dict[int, list[TextAnswer]] = defaultdict(list)
    for values in answers.values_list(*fields):
        respondent = f"{values[2]} {values[3]}".strip() if named and values[2] is not None else ""
        result[values[0]].append(TextAnswer(values[1], respondent))
    return result


def _options(question: Question, language: str) -> list[tuple[str, str]]:
    options = [(option["code"], localised(option.get("label"), language)) for option in question.options]
    if question.allow_other and question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        options.append((OTHER, _("Other")))
    if question.kind == QuestionKind.YES_NO:
        options = [("yes", _("Yes")), ("no", _("No"))]
    return options


def point_labels(question: Question, language: str) -> list[str]:
    """A label per point of the scale: the author's, else the number."""
    labels = []
    for index, point in enumerate(question.scale()):
        label = (
            localised(question.scale_labels[index], language) if index < len(question.scale_labels) else ""
        )
        labels.append(f"{point} — {label}" if label else str(point))
    return labels


def _scalar(result: QuestionResult, groups: dict[Any, int], language: str) -> None:
    question = result.question
    if question.kind in (QuestionKind.SINGLE, QuestionKind.YES_NO):
        result.options = statistics.option_counts(groups, _options(question, language), result.answered)
        result.chart = charts.horizontal_bars(result.text, result.options, result.answered)
    else:
        result.summary = statistics.summary(groups)
    if question.kind == QuestionKind.LIKERT:
        counts = [groups.get(float(point), 0) for point in question.scale()]
        result.chart = charts.stacked_bars(
            result.text, [(result.text, counts)], point_labels(question, language)
        )


def _array(result: QuestionResult, counts: dict[str, tuple[int, int, float]], language: str) -> None:
    question = result.question
    options = _options(question, language)
    if question.kind == QuestionKind.MULTIPLE:
        chosen = {code: values[0] for code, values in counts.items()}
        result.options = statistics.option_counts(chosen, options, result.answered)
    else:  # ranking: the chart shows how often each option came first
        first = {code: values[1] for code, values in counts.items()}
        result.options = statistics.option_counts(first, options, result.answered)
        result.mean_ranks = [(label, counts[code][2] if code in counts else None) for code, label in options]
    result.chart = charts.horizontal_bars(result.text, result.options, result.answered)


def _matrix(result: QuestionResult, counts: dict[str, dict[int, int]], language: str) -> None:
    question = result.question
    for row in question.rows:
        label = localised(row.get("label"), language)
        by_point = counts.get(row["code"], {})
        result.matrix.append((label, [by_point.get(point, 0) for point in question.scale()]))
        result.matrix_summaries.append((label, statistics.summary(by_point)))
    result.chart = charts.stacked_bars(result.text, result.matrix, point_labels(question, language))


def _questions(questionnaire: Questionnaire) -> list[Question]:
    questions = list(questions_for_results(questionnaire))
    for question in questions:
        question.questionnaire = questionnaire  # their texts fall back to its language: no query each
    return questions


@dataclass
class _Counts:
    """What the database says about the answers (kept in the cache between requests)."""

    answered: dict[int, int]
    scalar: dict[int, dict[Any, int]]
    arrays: dict[int, dict[str, tuple[int, int, float]]]
    matrices: dict[int, dict[str, dict[int, int]]]
    texts: dict[int, list[TextAnswer]]
    text_totals: dict[int, int]


def _counts(questionnaire, questions: list[Question], wave, filters) -> _Counts:
    """Five queries: every answer grouped by question and value (how many answered, the options and numbers,
    how many wrote a text), the JSON arrays and matrices unpacked, and the first texts."""
    answered: dict[int, int] = defaultdict(int)
    text_totals: dict[int, int] = defaultdict(int)
    scalar: dict[int, dict[Any, int]] = defaultdict(dict)
    kinds = {question.pk: question.kind for question in questions}
    for question_id, choice, number, how_many, with_text in (
        _answers(questionnaire, questions, wave, filters)
        .values("question_id", "choice", "number")
        .annotate(n=Count("*"), t=Count("question_id", filter=~Q(text="")))
        .values_list("question_id", "choice", "number", "n", "t")
    ):
        answered[question_id] += how_many
        text_totals[question_id] += with_text
        if kinds.get(question_id) in SCALAR_KINDS:
            key = number if choice == "" else choice
            scalar[question_id][key] = scalar[question_id].get(key, 0) + how_many
    by_kind: dict[str, list[int]] = defaultdict(list)
    for question in questions:
        by_kind[question.kind].append(question.pk)
    arrays = _array_counts(
        by_kind[QuestionKind.MULTIPLE] + by_kind[QuestionKind.RANKING], questionnaire, wave, filters
    )
    matrices = _matrix_counts(by_kind[QuestionKind.LIKERT_MATRIX], questionnaire, wave, filters)
    text_questions = [
        question.pk for question in questions if question.kind in TEXT_ANSWER_KINDS or question.allow_other
    ]
    texts = _texts(questionnaire, questions, wave, filters, text_questions)
    return _Counts(dict(answered), dict(scalar), dict(arrays), dict(matrices), dict(texts), dict(text_totals))


def _cache_key(questionnaire: Questionnaire, wave, filters, responses: int) -> str:
    """Changes with every response added (the count), any change of the questionnaire, the wave and filters."""
    parts = (
        questionnaire.pk,
        questionnaire.created_at,
        questionnaire.updated_at,
        wave.pk if wave else 0,
        sorted(filters.items()),
        responses,
    )
    return "surveys-results:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def results_for(
    questionnaire: Questionnaire,
    *,
    wave: Wave | None = None,
    filters: Mapping[str, str] | None = None,
    language: str = "pl",
) -> Results:
    """Every question's result for one wave (or all) and the respondents the filters select. The caller checks
    that the user may read the results. At most eight queries, whatever the number of responses; the counts are
    kept in the cache for CACHE_SECONDS, under a key that changes as soon as a response is added."""
    filters = dict(filters or {})
    responses = Response.objects.filter(
        questionnaire=questionnaire, **_response_lookups(filters, wave)
    ).count()
    results = Results(questionnaire, wave, filters, responses, questionnaire.min_group_size)
    if results.hidden:
        return results
    questions = _questions(questionnaire)
    key = _cache_key(questionnaire, wave, filters, responses)
    counts = cache.get(key)
    if counts is None:
        # With one wave, "this wave" is "every response": no join to the responses is needed then.
        narrowed = wave if filters or wave is None or questionnaire.waves.count() > 1 else None
        counts = _counts(questionnaire, questions, narrowed, filters)
        cache.set(key, counts, CACHE_SECONDS)
    for question in questions:
        result = QuestionResult(question, question.text_in(language), counts.answered.get(question.pk, 0))
        results.questions.append(result)
        if statistics.is_hidden(result.answered, results.minimum):
            result.hidden = True
            continue
        result.texts = counts.texts.get(question.pk, [])
        result.texts_total = counts.text_totals.get(question.pk, 0)
        if question.kind in SCALAR_KINDS:
            _scalar(result, counts.scalar.get(question.pk, {}), language)
        elif question.kind in ARRAY_KINDS:
            _array(result, counts.arrays.get(question.pk, {}), language)
        elif question.kind == QuestionKind.LIKERT_MATRIX:
            _matrix(result, counts.matrices.get(question.pk, {}), language)
    return results


def filter_choices(questionnaire: Questionnaire) -> dict[str, list[tuple[str, int]]]:
    """For each filter, the values the questionnaire's responses have, with how many responses (cached like the
    counts: under a key that changes with the number of responses)."""
    total = Response.objects.filter(questionnaire=questionnaire).count()
    key = "surveys-filters:" + _cache_key(questionnaire, None, {}, total)
    cached = cache.get(key)
    if cached is not None:
        return cached
    choices: dict[str, dict[str, int]] = {name: defaultdict(int) for name in FILTER_FIELDS}
    columns = list(FILTER_FIELDS.values())
    for values in (
        Response.objects.filter(questionnaire=questionnaire)
        .values(*columns)
        .annotate(n=Count("*"))
        .values_list(*columns, "n")
    ):
        for name, value in zip(FILTER_FIELDS, values[:-1], strict=True):
            if value:
                choices[name][value] += values[-1]
    result = {name: sorted(counts.items()) for name, counts in choices.items()}
    cache.set(key, result, CACHE_SECONDS)
    return result


@dataclass
class QuestionChange:
    question: Question
    text: str
    change: statistics.PairedChange
    hidden: bool
    chart: charts.Chart | None = None
    distributions: tuple[list[int], list[int]] | None = None  # counts per point, before and after


def _single_panel_keys(wave: Wave) -> QuerySet:
    """Panel keys that appear once in the wave: a key used twice (two people typing the same code) pairs
    nobody."""
    return (
        Response.objects.filter(wave=wave)
        .exclude(panel_key="")
        .values("panel_key")
        .annotate(n=Count("*"))
        .filter(n=1)
        .values("panel_key")
    )


def paired_counts(
    questionnaire: Questionnaire, before: Wave, after: Wave, filters: Mapping[str, str] | None = None
) -> dict[int, dict[tuple[float, float], int]]:
    """{question id: {(number before, number after): respondents}} of the scale and number questions, pairing
    a respondent's two responses by their panel key (one query; the filters apply to the earlier response)."""
    where, params = _raw_where(questionnaire, before, filters or {})
    keys_before, keys_params_before = _single_panel_keys(before).query.sql_with_params()
    keys_after, keys_params_after = _single_panel_keys(after).query.sql_with_params()
    answer, response = Answer._meta.db_table, Response._meta.db_table
    sql = (
        f"SELECT a.question_id, a.number, later.number, COUNT(*) FROM {answer} a "  # noqa: S608
        f"JOIN {response} r ON r.id = a.response_id "
        f"JOIN {response} r2 ON r2.panel_key = r.panel_key AND r2.wave_id = %s "
        f"JOIN {answer} later ON later.response_id = r2.id AND later.question_id = a.question_id "
        f"WHERE {where} AND r.panel_key <> '' AND a.number IS NOT NULL AND later.number IS NOT NULL "
        f"AND r.panel_key IN ({keys_before}) AND r2.panel_key IN ({keys_after}) "
        f"GROUP BY a.question_id, a.number, later.number"
    )
    result: dict[int, dict[tuple[float, float], int]] = defaultdict(dict)
    with connection.cursor() as cursor:
        cursor.execute(sql, [after.pk, *params, *keys_params_before, *keys_params_after])
        for question_id, number_before, number_after, how_many in cursor.fetchall():
            result[question_id][(float(number_before), float(number_after))] = int(how_many)
    return result


def changes_between(
    questionnaire: Questionnaire,
    before: Wave,
    after: Wave,
    *,
    filters: Mapping[str, str] | None = None,
    language: str = "pl",
) -> list[QuestionChange]:
    """Per scale or number question (Likert, matrix rows count as their own), the paired change between two
    waves and each wave's distribution; hidden when fewer pairs than the minimum group size."""
    filters = dict(filters or {})
    pairs = paired_counts(questionnaire, before, after, filters)
    distributions: dict[tuple[int, int], dict[float, int]] = defaultdict(dict)
    for wave_id, question_id, number, how_many in (
        Answer.objects.filter(
            question__questionnaire=questionnaire,
            question__kind__in=NUMERIC_KINDS,
            response__wave__in=[before, after],
            **{f"response__{FILTER_FIELDS[name]}": value for name, value in filters.items()},
        )
        .values("response__wave_id", "question_id", "number")
        .annotate(n=Count("*"))
        .values_list("response__wave_id", "question_id", "number", "n")
    ):
        if number is not None:
            distributions[(wave_id, question_id)][number] = how_many
    labels = (before.label_in(language) or str(before.order), after.label_in(language) or str(after.order))
    changes = []
    for question in _questions(questionnaire):
        if question.kind not in NUMERIC_KINDS:
            continue
        change = statistics.paired_change_from_counts(pairs.get(question.pk, {}))
        text = question.text_in(language)
        item = QuestionChange(
            question, text, change, statistics.is_hidden(change.pairs, questionnaire.min_group_size)
        )
        if not item.hidden and question.kind == QuestionKind.LIKERT:
            counts_before = [
                distributions[(before.pk, question.pk)].get(float(p), 0) for p in question.scale()
            ]
            counts_after = [distributions[(after.pk, question.pk)].get(float(p), 0) for p in question.scale()]
            item.distributions = (counts_before, counts_after)
            item.chart = charts.before_after(
                text, point_labels(question, language), counts_before, counts_after, labels
            )
        changes.append(item)
    return changes


def access_results(user, pk) -> Questionnaire:
    """The questionnaire `pk` whose results `user` reads: 404 unless they may see it, 403 unless they may read
    its results (an expert and a template)."""
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    from .access import questionnaires_visible_to

    questionnaire = questionnaires_visible_to(user).filter(pk=pk).first() if isinstance(pk, int) else None
    if questionnaire is None:
        raise Http404
    if not can_read_results(user, questionnaire):
        raise PermissionDenied
    return questionnaire


def voivodeship_names() -> dict[str, str]:
    """{TERC code of a voivodeship: its name}."""
    from rozwoj.organisations.models import LocalGovernment, LocalGovernmentKind

    return dict(
        LocalGovernment.objects.filter(kind=LocalGovernmentKind.VOIVODESHIP).values_list("terc", "name")
    )


def can_read_results(user, questionnaire: Questionnaire) -> bool:
    """Who reads a questionnaire's results: those who manage it (coordinators; an expert their own). Nobody
    reads who answered an anonymous questionnaire: no result carries it."""
    from .access import can_manage

    return can_manage(user, questionnaire)
