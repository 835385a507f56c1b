"""Results of a questionnaire (coordinators, and experts for the questionnaires they own): the page per wave
with filters, the before/after comparison, the exports and the PDF report."""

from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.urls import path
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from rozwoj.accounts.permissions import login_required
from rozwoj.core.exports import XLSX_CONTENT_TYPE, streaming_export_response
from rozwoj.core.files import file_response

from .. import exports, pdf
from ..models import Questionnaire, Wave
from ..selectors.results import (
    access_export,
    access_results,
    changes_between,
    clean_filters,
    filter_options,
    prepared_exports,
    results_cache_key,
    results_for,
    results_questions,
)
from ..services.exports import export_filename, export_request
from ..services.tallies import tallies_ready_stamp

# The rendered results of a wave and filters, kept under a key that changes with every response added or removed
# and with every change of the questions (`selectors.results.results_cache_key`): never out of date.
RESULTS_CACHE_SECONDS = 60 * 60

EXPORT_FORMATS = ("csv", "xlsx", "sav")


def _readable(request, pk: int) -> Questionnaire:
    return access_results(request.user, pk)


def _wave(questionnaire: Questionnaire, value, waves) -> Wave | None:
    if value in (None, ""):
        return None
    for wave in waves:
        if str(wave.pk) == value:
            return wave
    raise Http404


def _language() -> str:
    return (get_language() or "pl")[:2]


def _filter_options(questionnaire: Questionnaire) -> list[dict]:
    """The filters' select boxes: the values present among the responses, named; a count below the minimum is
    not shown (it would be a breakdown itself)."""
    few = _("fewer than %(n)d") % {"n": questionnaire.min_group_size}
    return [
        {
            "name": item.name,
            "title": item.title,
            "options": [
                (option.value, option.label, few if option.responses is None else option.responses)
                for option in item.options
            ],
        }
        for item in filter_options(questionnaire)
    ]


def _page_context(request, questionnaire: Questionnaire, *, cached: bool = False) -> dict:
    """What the results page and the PDF report show. With `cached` (the page), `results_html` holds the rendered
    results from the cache when they are there (then nothing else of the results is read), else after rendering
    them; the report renders its own."""
    waves = list(questionnaire.waves.all())
    wave = _wave(questionnaire, request.GET.get("wave"), waves)
    filters = clean_filters(request.GET)
    language = _language()
    stamp = tallies_ready_stamp(questionnaire)
    questions = results_questions(questionnaire)
    context = {
        "questionnaire": questionnaire,
        "title": questionnaire.title_in(language),
        "waves": waves,
        "wave": wave,
        "filters": filters,
    }
    key = (
        results_cache_key(
            questionnaire, questions, stamp, wave=wave, filters=filters, language=language, variant="page"
        )
        if cached
        else None
    )
    html = cache.get(key) if key else None
    if html is not None:
        context["results_html"] = mark_safe(html)  # noqa: S308 — rendered by us
        return context
    context["results"] = results_for(
        questionnaire,
        wave=wave,
        filters=filters,
        language=language,
        ready=stamp is not None,
        questions=questions,
    )
    if key:
        html = get_template("surveys/results/_results.html").render(context)
        cache.set(key, str(html), RESULTS_CACHE_SECONDS)
        context["results_html"] = html
    return context


@login_required
def results(request, pk: int):
    questionnaire = _readable(request, pk)
    context = _page_context(request, questionnaire, cached=True)
    context["filter_options"] = _filter_options(questionnaire)
    context["query"] = request.GET.urlencode()
    context["poll_url"] = request.get_full_path()
    return render(request, "surveys/results/results.html", context)


@login_required
def changes(request, pk: int):
    questionnaire = _readable(request, pk)
    waves = list(questionnaire.waves.all())
    language = _language()
    context = {"questionnaire": questionnaire, "title": questionnaire.title_in(language), "waves": waves}
    if len(waves) >= 2:
        before = _wave(questionnaire, request.GET.get("before"), waves) or waves[0]
        after = _wave(questionnaire, request.GET.get("after"), waves) or waves[1]
        context.update(before=before, after=after)
        if before != after:
            filters = clean_filters(request.GET)
            context["filters"] = filters
            context["changes"] = changes_between(
                questionnaire, before, after, filters=filters, language=language
            )
    return render(request, "surveys/results/changes.html", context)


@login_required
def export(request, pk: int, fmt: str):
    questionnaire = _readable(request, pk)
    if fmt not in EXPORT_FORMATS:
        raise Http404
    wave = _wave(questionnaire, request.GET.get("wave"), list(questionnaire.waves.all()))
    mode = exports.CODES if request.GET.get("mode") == exports.CODES else exports.LABELS
    data = exports.Export(questionnaire, wave=wave, language=_language(), mode=mode)
    name = f"questionnaire-{questionnaire.pk}-responses"
    if fmt == "sav":
        response = HttpResponse(exports.sav_bytes(data), content_type="application/x-spss-sav")
        response["Content-Disposition"] = f'attachment; filename="{name}.sav"'
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private"
        return response
    return streaming_export_response(
        fmt, name=name, title=_("Responses"), header=data.header(), rows=data.rows()
    )


@login_required
def report(request, pk: int):
    questionnaire = _readable(request, pk)
    context = _page_context(request, questionnaire)
    context["generated"] = timezone.now()
    response = HttpResponse(pdf.report_pdf(context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="questionnaire-{questionnaire.pk}-report.pdf"'
    return response


@login_required
def exports_page(request, pk: int):
    """The exports of all responses prepared in the background, with their progress (the list polls itself
    while one is being written), and the form to ask for one."""
    questionnaire = _readable(request, pk)
    waves = list(questionnaire.waves.all())
    if request.method == "POST":
        wave = _wave(questionnaire, request.POST.get("wave"), waves)
        export_request(
            actor=request.user,
            questionnaire=questionnaire,
            wave=wave,
            codes=request.POST.get("mode") == exports.CODES,
            language=_language(),
        )
        messages.success(request, _("The export is being prepared. Its progress is shown below."))
        return redirect("surveys:results_exports", pk=questionnaire.pk)
    items = prepared_exports(questionnaire)
    return render(
        request,
        "surveys/results/exports.html",
        {
            "questionnaire": questionnaire,
            "title": questionnaire.title_in(_language()),
            "waves": waves,
            "exports": items,
            "in_progress": any(item.ready_at is None and not item.failed for item in items),
        },
    )


@login_required
def prepared_export_file(request, pk: int):
    export = access_export(request.user, pk)
    return file_response(export.file, filename=export_filename(export), content_type=XLSX_CONTENT_TYPE)


urlpatterns = [
    path("manage/<int:pk>/results/exports/", exports_page, name="results_exports"),
    path("results-exports/<int:pk>.xlsx", prepared_export_file, name="results_export_file"),
    path("manage/<int:pk>/results/", results, name="results"),
    path("manage/<int:pk>/results/changes/", changes, name="results_changes"),
    path("manage/<int:pk>/results/export.<str:fmt>", export, name="results_export"),
    path("manage/<int:pk>/results/report.pdf", report, name="results_report"),
]
