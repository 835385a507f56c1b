"""Reads of responses and answers for the results (statistics, charts, exports).

Nothing here returns who answered: the results side works on responses and answers only. Names of respondents
of a named questionnaire come from `named_respondents`, which refuses anything but a named questionnaire.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import QuerySet

from ..models import Anonymity, Answer, Question, Questionnaire, Response, Wave

# The respondent attributes a result can be filtered by: name of the filter → column of Response.
FILTER_FIELDS = {
    "organisation_kind": "organisation_kind",
    "local_government_kind": "local_government_kind",
    "voivodeship": "voivodeship",
    "role": "role",
}


def _filter_lookups(filters: Mapping[str, Any] | None) -> dict[str, Any]:
    lookups: dict[str, Any] = {}
    for name, value in (filters or {}).items():
        if name not in FILTER_FIELDS:
            raise ValueError(f"Unknown filter {name!r}")
        if value in (None, "", [], ()):
            continue
        if isinstance(value, (list, tuple, set, frozenset)):
            lookups[f"{FILTER_FIELDS[name]}__in"] = list(value)
        else:
            lookups[FILTER_FIELDS[name]] = value
    return lookups


def responses_for(
    questionnaire: Questionnaire, wave: Wave | int | None = None, filters: Mapping[str, Any] | None = None
) -> QuerySet[Response]:
    """The submitted responses of a questionnaire (all waves, or one), filtered by respondent attributes
    (`{"organisation_kind": "school", "voivodeship": ["02", "14"]}`). The caller checks access first."""
    responses = Response.objects.filter(questionnaire=questionnaire, **_filter_lookups(filters))
    if wave is not None:
        responses = responses.filter(wave=wave)
    return responses


def questions_for_results(questionnaire: Questionnaire, include_retired: bool = True) -> QuerySet[Question]:
    """The questions in the order of the questionnaire; retired versions of changed questions after the
    current ones when `include_retired` (their answers stay theirs)."""
    questions = Question.objects.filter(questionnaire=questionnaire).select_related("section")
    if not include_retired:
        questions = questions.filter(is_active=True)
    return questions.order_by("-is_active", "section__order", "order", "id")


def answers_for(question: Question, responses: QuerySet[Response] | None = None) -> QuerySet[Answer]:
    """The answer rows of one question, limited to `responses` (a `responses_for(...)` queryset) when given.
    Use `.values_list("number", flat=True)` / `.values("choice").annotate(n=Count("pk"))` to aggregate in SQL."""
    answers = Answer.objects.filter(question=question)
    if responses is not None:
        answers = answers.filter(response__in=responses.values("pk"))
    return answers


def answers_by_question(
    questions: Iterable[Question], responses: QuerySet[Response] | None = None
) -> dict[int, QuerySet[Answer]]:
    return {question.pk: answers_for(question, responses) for question in questions}


def paired_values(
    question: Question, first_wave: Wave, second_wave: Wave
) -> list[tuple[float | None, float | None]]:
    """(before, after) numbers of the respondents who answered `question` in both waves, paired by panel key."""
    before = dict(
        Answer.objects.filter(question=question, response__wave=first_wave, number__isnull=False)
        .exclude(response__panel_key="")
        .values_list("response__panel_key", "number")
    )
    after = (
        Answer.objects.filter(question=question, response__wave=second_wave, number__isnull=False)
        .exclude(response__panel_key="")
        .values_list("response__panel_key", "number")
    )
    return [(before[key], number) for key, number in after if key in before]


def named_respondents(questionnaire: Questionnaire, responses: QuerySet[Response]) -> dict[Any, str]:
    """{response id: person's name} for a NAMED questionnaire; empty for confidential and anonymous ones."""
    if questionnaire.anonymity != Anonymity.NAMED:
        return {}
    return {
        response_id: f"{first} {last}"
        for response_id, first, last in responses.filter(person__isnull=False).values_list(
            "pk", "person__first_name", "person__last_name"
        )
    }
