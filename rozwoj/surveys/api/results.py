"""Results API under `/api/v1/surveys/questionnaires/{id}/`: `results` (the same numbers as the results page),
`results/filters` (the values the page offers to filter by) and `results/changes` (the before/after page), with the
same permissions, filters and minimum group size; never who answered."""

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from rozwoj.accounts.auth import api_auth
from rozwoj.core.api import Id
from rozwoj.core.api_errors import ErrorOut

from ..selectors.results import (
    access_results,
    changes_between,
    clean_filters,
    filter_options,
    results_cache_key,
    results_for,
    results_questions,
)
from ..services.tallies import tallies_ready_stamp

RESULTS_CACHE_SECONDS = 60 * 60  # keyed by the responses' stamp: never out of date (see the results page)

router = Router(tags=["surveys"])


class OptionOut(Schema):
    code: str
    label: str
    count: int
    percent: float


class SummaryOut(Schema):
    n: int
    mean: float
    median: float
    sd: float | None
    minimum: float
    maximum: float


class MatrixRowOut(Schema):
    label: str
    counts: list[int]


class QuestionResultsOut(Schema):
    code: str
    kind: str
    text: str
    answered: int
    hidden: bool
    options: list[OptionOut] = []
    summary: SummaryOut | None = None
    matrix: list[MatrixRowOut] = []
    texts: list[str] = []
    texts_total: int = 0


class ResultsOut(Schema):
    questionnaire: int
    wave: int | None
    filters: dict[str, str]
    responses: int
    minimum_group_size: int
    hidden: bool
    preparing: bool = Field(
        False,
        description="The counts are being prepared again (no questions yet): ask again in a few seconds.",
    )
    questions: list[QuestionResultsOut]


class AttributeFilters(Schema):
    organisation_kind: str = ""
    local_government_kind: str = ""
    voivodeship: str = ""
    role: str = ""


class ResultsFilters(Schema):
    wave: Id | None = None
    language: str = "pl"
    organisation_kind: str = ""
    local_government_kind: str = ""
    voivodeship: str = ""
    role: str = ""


@router.get("/questionnaires/{int:questionnaire_id}/results", response=ResultsOut, auth=api_auth)
def questionnaire_results(request, questionnaire_id: Id, query: Query[ResultsFilters]):
    """Results per question of one wave (or all), filtered by respondent attributes. Free texts come without
    names, whatever the questionnaire's anonymity; a group below the minimum size is marked hidden."""
    questionnaire = access_results(request.user, questionnaire_id)
    wave = None
    if query.wave is not None:
        wave = questionnaire.waves.filter(pk=query.wave).first()
        if wave is None:
            raise Http404
    filters = clean_filters(query.dict())
    language = query.language[:8]
    stamp = tallies_ready_stamp(questionnaire)
    questions = results_questions(questionnaire)
    key = results_cache_key(
        questionnaire, questions, stamp, wave=wave, filters=filters, language=language, variant="api"
    )
    answer = cache.get(key) if key else None
    if answer is None:
        answer = _results_out(questionnaire, wave, filters, language, stamp is not None, questions)
        if key:
            cache.set(key, answer, RESULTS_CACHE_SECONDS)
    return answer


def _results_out(questionnaire, wave, filters, language, ready, questions) -> dict:
    results = results_for(
        questionnaire, wave=wave, filters=filters, language=language, ready=ready, questions=questions
    )
    return {
        "preparing": results.preparing,
        "questionnaire": questionnaire.pk,
        "wave": wave.pk if wave else None,
        "filters": filters,
        "responses": results.responses,
        "minimum_group_size": results.minimum,
        "hidden": results.hidden,
        "questions": [
            {
                "code": r.question.code,
                "kind": r.kind,
                "text": r.text,
                "answered": r.answered,
                "hidden": r.hidden,
                "options": [vars(option) for option in r.options],
                "summary": vars(r.summary) if r.summary else None,
                "matrix": [{"label": label, "counts": counts} for label, counts in r.matrix],
                "texts": [text.text for text in r.texts],
                "texts_total": r.texts_total,
            }
            for r in results.questions
        ],
    }


class FilterValueOut(Schema):
    value: str
    label: str
    responses: int | None = Field(
        description="Responses with this value; null when fewer than the minimum group size (as on the page)."
    )


class FilterOut(Schema):
    name: str = Field(
        description="The query parameter of `results` and `results/changes` that filters by it."
    )
    title: str
    values: list[FilterValueOut]


class FiltersOut(Schema):
    questionnaire: int
    minimum_group_size: int
    filters: list[FilterOut]


@router.get("/questionnaires/{int:questionnaire_id}/results/filters", response=FiltersOut, auth=api_auth)
def questionnaire_results_filters(request, questionnaire_id: Id, language: str = "pl"):
    """The respondents' attributes the results filter by (kind of organisation, type of local government,
    voivodeship, role), each with the values present among the responses and how many responses have each; a
    count below the minimum group size is not given."""
    questionnaire = access_results(request.user, questionnaire_id)
    with translation.override(language[:8] if language[:8] in dict(settings.LANGUAGES) else "pl"):
        filters = filter_options(questionnaire)
    return {
        "questionnaire": questionnaire.pk,
        "minimum_group_size": questionnaire.min_group_size,
        "filters": [
            {"name": item.name, "title": item.title, "values": [vars(option) for option in item.options]}
            for item in filters
        ],
    }


class WilcoxonOut(Schema):
    statistic: float
    p_value: float
    method: str = Field(description='"exact", "permutation" or "normal approximation".')


class ChangeOut(Schema):
    code: str
    kind: str
    text: str
    pairs: int = Field(description="Respondents paired by their panel key with a number in both waves.")
    hidden: bool = Field(description="Fewer pairs than the minimum group size: no other number is given.")
    increased: int | None = None
    decreased: int | None = None
    unchanged: int | None = None
    mean_before: float | None = None
    mean_after: float | None = None
    mean_change: float | None = None
    median_change: float | None = None
    effect: float | None = Field(None, description="Matched-pairs rank-biserial correlation.")
    test: WilcoxonOut | None = Field(None, description="Wilcoxon signed-rank test, two-sided.")
    no_test_reason: str = ""
    before_counts: list[int] | None = Field(
        None, description="A Likert question: responses per point, before."
    )
    after_counts: list[int] | None = Field(None, description="A Likert question: responses per point, after.")


class ChangesOut(Schema):
    questionnaire: int
    before: int
    after: int
    filters: dict[str, str]
    minimum_group_size: int
    changes: list[ChangeOut]


class ChangesQuery(AttributeFilters):
    before: Id
    after: Id
    language: str = "pl"


@router.get(
    "/questionnaires/{int:questionnaire_id}/results/changes",
    response={200: ChangesOut, 400: ErrorOut},
    auth=api_auth,
)
def questionnaire_results_changes(request, questionnaire_id: Id, query: Query[ChangesQuery]):
    """Per scale or number question, the paired change between two waves (`before`, `after`: wave ids) of the
    respondents the filters select (applied to the earlier response), as on the before/after page. A question with
    fewer pairs than the minimum group size is hidden: only its number of pairs is given."""
    questionnaire = access_results(request.user, questionnaire_id)
    waves = {wave.pk: wave for wave in questionnaire.waves.all()}
    if query.before not in waves or query.after not in waves:
        raise Http404
    if query.before == query.after:
        return Status(400, {"detail": _("Choose two different waves."), "errors": []})
    filters = clean_filters(query.dict())
    changes = changes_between(
        questionnaire,
        waves[query.before],
        waves[query.after],
        filters=filters,
        language=query.language[:8],
    )
    return {
        "questionnaire": questionnaire.pk,
        "before": query.before,
        "after": query.after,
        "filters": filters,
        "minimum_group_size": questionnaire.min_group_size,
        "changes": [_change_out(item) for item in changes],
    }


def _change_out(item) -> dict:
    change = item.change
    out = {
        "code": item.question.code,
        "kind": item.question.kind,
        "text": item.text,
        "pairs": change.pairs,
        "hidden": item.hidden,
    }
    if item.hidden:
        return out
    out.update(
        {
            name: getattr(change, name)
            for name in (
                "increased",
                "decreased",
                "unchanged",
                "mean_before",
                "mean_after",
                "mean_change",
                "median_change",
                "effect",
                "no_test_reason",
            )
        }
    )
    out["test"] = vars(change.test) if change.test else None
    if item.distributions:
        out["before_counts"], out["after_counts"] = item.distributions
    return out
