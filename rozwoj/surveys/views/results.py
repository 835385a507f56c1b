"""Results of a questionnaire (coordinators, and experts for the questionnaires they own): the page per wave
with filters, the before/after comparison, the exports and the PDF report."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from rozwoj.accounts.permissions import login_required
from rozwoj.core.exports import streaming_export_response
from rozwoj.organisations.models import LocalGovernmentKind, OrganisationKind

from .. import exports, pdf
from ..models import Questionnaire, Wave
from ..selectors.results import (
    access_results,
    changes_between,
    clean_filters,
    filter_choices,
    results_for,
    voivodeship_names,
)

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
    """The filters' select boxes: the values present among the responses, named."""
    names = {
        "organisation_kind": dict(OrganisationKind.choices),
        "local_government_kind": dict(LocalGovernmentKind.choices),
        "role": {"participant": _("participant")},
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
    from rozwoj.accounts.models import Role

    names["role"].update(dict(Role.choices))
    minimum = questionnaire.min_group_size
    few = _("fewer than %(n)d") % {"n": minimum}  # a count below the minimum would be a breakdown itself
    return [
        {
            "name": name,
            "title": titles[name],
            "options": [
                (value, names.get(name, {}).get(value, value), count if count >= minimum else few)
                for value, count in values
            ],
        }
        for name, values in choices.items()
    ]


def _page_context(request, questionnaire: Questionnaire) -> dict:
    waves = list(questionnaire.waves.all())
    wave = _wave(questionnaire, request.GET.get("wave"), waves)
    filters = clean_filters(request.GET)
    language = _language()
    return {
        "questionnaire": questionnaire,
        "title": questionnaire.title_in(language),
        "waves": waves,
        "wave": wave,
        "filters": filters,
        "results": results_for(questionnaire, wave=wave, filters=filters, language=language),
    }


@login_required
def results(request, pk: int):
    questionnaire = _readable(request, pk)
    context = _page_context(request, questionnaire)
    context["filter_options"] = _filter_options(questionnaire)
    context["query"] = request.GET.urlencode()
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


urlpatterns = [
    path("manage/<int:pk>/results/", results, name="results"),
    path("manage/<int:pk>/results/changes/", changes, name="results_changes"),
    path("manage/<int:pk>/results/export.<str:fmt>", export, name="results_export"),
    path("manage/<int:pk>/results/report.pdf", report, name="results_report"),
]
