"""Results API: `GET /api/v1/surveys/questionnaires/{id}/results` — the same numbers as the results page, with the same
permissions, filters and minimum group size; never who answered."""

from django.http import Http404
from ninja import Field, Query, Router, Schema

from rozwoj.accounts.auth import api_auth
from rozwoj.core.api import Id

from ..selectors.results import access_results, clean_filters, results_for
from ..services.tallies import tallies_ensure

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
    ready = tallies_ensure(questionnaire)
    results = results_for(questionnaire, wave=wave, filters=filters, language=query.language[:8], ready=ready)
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
