"""The results of a questionnaire: what the results page, the PDF report and the API show.

The counts come from the tallies (models.tally), kept current as responses are submitted: a fixed number of
queries over a few thousand rows at most whatever the number of responses (the groups of the chosen wave and
filters added up with GROUP BY question, option and value); Python only turns the counts into statistics and
charts (`surveys.statistics`, `surveys.charts`). The first free texts come from the answers, one LIMIT per
question.

Anonymity: nothing here reads a person, an invitation or a time of submission. Free-text answers are listed in
the order of the responses' random keys (never in the order they came in), without names unless the
questionnaire is named. The minimum group size hides the whole result when a filter leaves fewer responses, and
any question answered by fewer respondents.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Count, QuerySet, Sum
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
    ResultGroup,
    ResultTally,
    TallyPart,
    Wave,
    localised,
)
from .responses import FILTER_FIELDS, questions_for_results
from .tallies import results_stamp

TEXTS_SHOWN = 50  # free-text answers listed per question on the page (the exports have them all)
FEW_RESPONSES = 5000  # a filtered selection up to this many: its texts are read from its responses (SQLite)
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

    @property
    def most_chosen(self) -> statistics.OptionCount | None:
        """The option chosen most often (the first of equals), for summaries."""
        chosen = [option for option in self.options if option.count]
        return max(chosen, key=lambda option: option.count) if chosen else None


@dataclass
class Results:
    questionnaire: Questionnaire
    wave: Wave | None
    filters: dict[str, str]
    responses: int
    minimum: int
    questions: list[QuestionResult] = field(default_factory=list)
    preparing: bool = False  # the tallies are being recounted: no numbers yet

    @property
    def hidden(self) -> bool:
        return not self.preparing and statistics.is_hidden(self.responses, self.minimum)


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


def _texts(questionnaire, wave, filters, question_ids, selected: int = 0) -> dict[int, list[TextAnswer]]:
    """Up to TEXTS_SHOWN texts per question, in the order of the responses' random keys: one query, a LIMIT
    per question (walking the index on question and response, never sorting every text; or, when filters leave
    few responses, `selected`, reading those and sorting their texts)."""
    if not question_ids:
        return {}
    named = questionnaire.anonymity == Anonymity.NAMED
    person_table = Response._meta.get_field("person").related_model._meta.db_table
    where, params = _raw_where(questionnaire, wave, filters)
    names = "p.first_name, p.last_name" if named else "NULL, NULL"
    people = f" LEFT JOIN {person_table} p ON p.id = r.person_id" if named else ""
    # SQLite (CROSS JOIN fixes the order of the loops): the answers first, walking the index on (question,
    # response) in order until 50 match; but when filters leave few responses, those first (an index on the
    # filter) and their answers sorted: walking the answers until 50 of a rare group match would read most of
    # them. PostgreSQL's planner chooses between the two itself.
    answers, responses = f"{Answer._meta.db_table} a", f"{Response._meta.db_table} r"
    if connection.vendor != "sqlite":
        tables = f"{answers} JOIN {responses}"
    elif filters and selected <= FEW_RESPONSES:
        tables = f"{responses} CROSS JOIN {answers}"
    else:
        tables = f"{answers} CROSS JOIN {responses}"
    parts, all_params = [], []
    for index, question_id in enumerate(question_ids):
        parts.append(
            f"SELECT * FROM (SELECT a.question_id, a.text, {names} FROM {tables} "  # noqa: S608
            f"ON r.id = a.response_id{people} "
            f"WHERE a.question_id = %s AND a.text <> '' AND {where} "
            f"ORDER BY a.response_id LIMIT {TEXTS_SHOWN}) t{index}"
        )
        all_params += [question_id, *params]
    result: dict[int, list[TextAnswer]] = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), all_params)
        for question_id, text, first_name, last_name in cursor.fetchall():
            respondent = f"{first_name} {last_name}".strip() if named and first_name is not None else ""
            result[question_id].append(TextAnswer(text, respondent))
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


def results_questions(questionnaire: Questionnaire) -> list[Question]:
    """The questions whose results are shown, in order (one query)."""
    questions = list(questions_for_results(questionnaire))
    for question in questions:
        question.questionnaire = questionnaire  # their texts fall back to its language: no query each
    return questions


def results_cache_key(
    questionnaire: Questionnaire,
    questions: list[Question],
    stamp: str | None,
    *,
    wave: Wave | None,
    filters: Mapping[str, str],
    language: str,
    variant: str,
) -> str | None:
    """The cache key of what is built from a questionnaire's results (the rendered results, the API's answer),
    or None when it must not be kept: while the tallies are being recounted (`stamp` None, see
    `services.tallies.tallies_ready_stamp`) and for a named questionnaire (its free texts carry the respondents'
    names, which an erasure or a correction changes without any response changing).

    The key holds everything the result depends on, so a key never serves what would not be built now: the
    results stamp (`selectors.tallies.results_stamp`: it changes in the transaction of every change to the
    responses or answers, through the services or saved and deleted otherwise), the
    wave, the filters, the language, the variant (page or API), and a digest of the questionnaire's settings
    and of every question's wording, options and scale (a typo fix changes the key)."""
    if stamp is None or questionnaire.anonymity == Anonymity.NAMED:
        return None
    content = [
        questionnaire.anonymity,
        questionnaire.min_group_size,
        questionnaire.languages,
        questionnaire.version,
        [
            [
                question.pk,
                question.section_id,
                question.section.order if question.section_id else None,
                question.order,
                question.is_active,
                question.kind,
                question.code,
                question.text,
                question.options,
                question.allow_other,
                question.rows,
                question.scale_points,
                question.scale_labels,
            ]
            for question in questions
        ],
    ]
    digest = hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()[:32]
    chosen = "&".join(f"{name}={value}" for name, value in sorted(filters.items()))
    filters_digest = hashlib.sha256(chosen.encode()).hexdigest()[:16]
    wave_id = wave.pk if wave is not None else "all"
    return (
        f"surveys:results:{variant}:{questionnaire.pk}:{stamp}:{wave_id}:{filters_digest}:{language}:{digest}"
    )


@dataclass
class _Counts:
    """What the tallies (models.tally) say about the answers of the selected responses."""

    answered: dict[int, int]
    scalar: dict[int, dict[Any, int]]
    arrays: dict[int, dict[str, tuple[int, int, float]]]
    matrices: dict[int, dict[str, dict[int, int]]]
    text_totals: dict[int, int]


def _groups(questionnaire: Questionnaire, wave: Wave | None, filters: Mapping[str, str]) -> dict[str, Any]:
    """Lookups of the result groups holding the selected responses: everyone's, or those of the filters."""
    lookups: dict[str, Any] = {"questionnaire": questionnaire, "everyone": not filters}
    # One filter: the group of that attribute's value; more: the groups of all four attributes that match.
    lookups["attribute"] = next(iter(filters)) if len(filters) == 1 else ""
    lookups.update({FILTER_FIELDS[name]: value for name, value in filters.items()})
    if wave is not None:
        lookups["wave"] = wave
    return lookups


def _counts(questionnaire: Questionnaire, wave, filters) -> _Counts:
    """One query: the tallies of the matching groups added up per question, part, key and value."""
    answered: dict[int, int] = {}
    text_totals: dict[int, int] = {}
    scalar: dict[int, dict[Any, int]] = defaultdict(dict)
    items: dict[int, dict[str, dict[float, int]]] = defaultdict(lambda: defaultdict(dict))
    matrices: dict[int, dict[str, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    lookups = {f"group__{name}": value for name, value in _groups(questionnaire, wave, filters).items()}
    for question_id, part, key, value, how_many in (
        ResultTally.objects.filter(**lookups)
        .values("question_id", "part", "key", "value")
        .annotate(n=Sum("count"))
        .values_list("question_id", "part", "key", "value", "n")
    ):
        how_many = int(how_many)
        if part == TallyPart.ANSWERED:
            answered[question_id] = how_many
        elif part == TallyPart.TEXT:
            text_totals[question_id] = how_many
        elif part == TallyPart.VALUE:
            scalar[question_id][key or float(value)] = how_many
        elif part == TallyPart.ITEM:
            items[question_id][key][float(value)] = how_many
        elif part == TallyPart.CELL:
            matrices[question_id][key][int(value)] = how_many
    arrays: dict[int, dict[str, tuple[int, int, float]]] = {}
    for question_id, by_code in items.items():
        arrays[question_id] = {}
        for code, by_position in by_code.items():
            chosen = sum(by_position.values())
            ranks = sum((position + 1) * n for position, n in by_position.items())
            arrays[question_id][code] = (chosen, by_position.get(0.0, 0), ranks / chosen if chosen else 0.0)
    return _Counts(
        answered,
        dict(scalar),
        arrays,
        {question_id: dict(rows) for question_id, rows in matrices.items()},
        text_totals,
    )


def _responses(questionnaire: Questionnaire, wave, filters) -> int:
    return (
        ResultGroup.objects.filter(**_groups(questionnaire, wave, filters)).aggregate(n=Sum("responses"))["n"]
        or 0
    )


def results_for(
    questionnaire: Questionnaire,
    *,
    wave: Wave | None = None,
    filters: Mapping[str, str] | None = None,
    language: str = "pl",
    ready: bool | None = None,
    questions: list[Question] | None = None,
) -> Results:
    """Every question's result for one wave (or all) and the respondents the filters select. The caller checks
    that the user may read the results, and (`services.tallies.tallies_ensure`, passed as `ready`) that the
    tallies are current; when they are not, the result has no numbers and says it is being prepared. A fixed
    number of queries and a few thousand tally rows at most, whatever the number of responses."""
    filters = dict(filters or {})
    if ready is None:
        ready = not results_stamp(questionnaire)[1]
    if not ready:
        return Results(questionnaire, wave, filters, 0, questionnaire.min_group_size, preparing=True)
    responses = _responses(questionnaire, wave, filters)
    results = Results(questionnaire, wave, filters, responses, questionnaire.min_group_size)
    if results.hidden:
        return results
    if questions is None:
        questions = results_questions(questionnaire)
    counts = _counts(questionnaire, wave, filters)
    shown = [
        question.pk
        for question in questions
        if (question.kind in TEXT_ANSWER_KINDS or question.allow_other)
        and counts.text_totals.get(question.pk, 0)
        and not statistics.is_hidden(counts.answered.get(question.pk, 0), results.minimum)
    ]
    texts = _texts(questionnaire, wave, filters, shown, responses)
    for question in questions:
        result = QuestionResult(question, question.text_in(language), counts.answered.get(question.pk, 0))
        results.questions.append(result)
        if statistics.is_hidden(result.answered, results.minimum):
            result.hidden = True
            continue
        result.texts = texts.get(question.pk, [])
        result.texts_total = counts.text_totals.get(question.pk, 0)
        if question.kind in SCALAR_KINDS:
            _scalar(result, counts.scalar.get(question.pk, {}), language)
        elif question.kind in ARRAY_KINDS:
            _array(result, counts.arrays.get(question.pk, {}), language)
        elif question.kind == QuestionKind.LIKERT_MATRIX:
            _matrix(result, counts.matrices.get(question.pk, {}), language)
    return results


def filter_choices(questionnaire: Questionnaire) -> dict[str, list[tuple[str, int]]]:
    """For each filter, the values the questionnaire's responses have, with how many responses (from the result
    groups: one query over a few thousand rows at most)."""
    choices: dict[str, dict[str, int]] = {name: defaultdict(int) for name in FILTER_FIELDS}
    columns = list(FILTER_FIELDS.values())
    for values in (
        ResultGroup.objects.filter(questionnaire=questionnaire, everyone=False)
        .exclude(attribute="")  # the groups of one attribute: a few dozen rows
        .values(*columns)
        .annotate(n=Sum("responses"))
        .values_list(*columns, "n")
    ):
        for name, value in zip(FILTER_FIELDS, values[:-1], strict=True):
            if value:
                choices[name][value] += int(values[-1])
    return {name: sorted(counts.items()) for name, counts in choices.items()}


@dataclass
class FilterOption:
    value: str
    label: str
    responses: int | None  # None below the minimum group size: such a count would be a breakdown itself


@dataclass
class Filter:
    name: str
    title: str
    options: list[FilterOption]


def filter_options(questionnaire: Questionnaire) -> list[Filter]:
    """The filters of the results (the page's select boxes, the API's list): per attribute the values present
    among the responses, named in the active language, with how many responses have each when at least the
    minimum group size (else None)."""
    from rozwoj.accounts.models import Role
    from rozwoj.organisations.models import LocalGovernmentKind, OrganisationKind

    names: dict[str, dict[str, str]] = {
        "organisation_kind": {value: str(label) for value, label in OrganisationKind.choices},
        "local_government_kind": {value: str(label) for value, label in LocalGovernmentKind.choices},
        "role": {"participant": _("participant"), **{value: str(label) for value, label in Role.choices}},
    }
    choices = filter_choices(questionnaire)
    if choices["voivodeship"]:
        names["voivodeship"] = voivodeship_names()
    titles = {
        "organisation_kind": _("Kind of organisation"),
        "local_government_kind": _("Type of local government"),
        "voivodeship": _("Voivodeship"),
        "role": _("Role"),
    }
    minimum = questionnaire.min_group_size
    return [
        Filter(
            name,
            titles[name],
            [
                FilterOption(
                    value, str(names.get(name, {}).get(value, value)), count if count >= minimum else None
                )
                for value, count in values
            ],
        )
        for name, values in choices.items()
    ]


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
    for question in results_questions(questionnaire):
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


def prepared_exports(questionnaire: Questionnaire, limit: int = 10):
    """The questionnaire's latest exports prepared in the background (newest first)."""
    from ..models import ResultsExport

    return list(ResultsExport.objects.filter(questionnaire=questionnaire).select_related("wave")[:limit])


def access_export(user, pk: int):
    """A prepared export `user` may download: 404 unless they may read its questionnaire's results."""
    from django.http import Http404

    from ..models import ResultsExport

    export = ResultsExport.objects.filter(pk=pk, ready_at__isnull=False).first()
    if export is None:
        raise Http404
    access_results(user, export.questionnaire_id)
    return export
