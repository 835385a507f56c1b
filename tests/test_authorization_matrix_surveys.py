"""The authorisation policy of questionnaires: every page and endpoint for every role."""

import pytest
from django.urls import reverse

from rozwoj.surveys.tests import results_world

from .authorization import (
    COORDINATORS,
    FORBIDDEN,
    LOGIN,
    OK,
    UNAUTHORISED,
    api_outcomes,
    page_outcomes,
    row,
)

# --- Results (pages, exports, report, API) -----------------------------------------------------------------
# Coordinators and administrators read every questionnaire's results; an expert those of the questionnaires they
# own; nobody else, trainers included.
RESULTS_OF_OWN = row(LOGIN, OK, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)


@pytest.fixture
def results_questionnaires(world):
    owned = results_world.questionnaire(waves=2, owner=world["users"]["expert"])
    other = results_world.questionnaire()
    return {"owned": owned, "other": other}


RESULTS_PAGES = {
    "results": (lambda q: reverse("surveys:results", args=[q["owned"].pk]), RESULTS_OF_OWN),
    "before and after": (lambda q: reverse("surveys:results_changes", args=[q["owned"].pk]), RESULTS_OF_OWN),
    "export XLSX": (
        lambda q: reverse("surveys:results_export", args=[q["owned"].pk, "xlsx"]),
        RESULTS_OF_OWN,
    ),
    "export CSV": (lambda q: reverse("surveys:results_export", args=[q["owned"].pk, "csv"]), RESULTS_OF_OWN),
    "export SPSS": (lambda q: reverse("surveys:results_export", args=[q["owned"].pk, "sav"]), RESULTS_OF_OWN),
    "PDF report": (lambda q: reverse("surveys:results_report", args=[q["owned"].pk]), RESULTS_OF_OWN),
    "results of a questionnaire the expert does not own": (
        lambda q: reverse("surveys:results", args=[q["other"].pk]),
        COORDINATORS,
    ),
    "export of a questionnaire the expert does not own": (
        lambda q: reverse("surveys:results_export", args=[q["other"].pk, "csv"]),
        COORDINATORS,
    ),
}

RESULTS_API = {
    "results": (
        lambda q: f"/api/v1/surveys/{q['owned'].pk}/results",
        row(UNAUTHORISED, OK, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    ),
    "results of a questionnaire the expert does not own": (
        lambda q: f"/api/v1/surveys/{q['other'].pk}/results",
        row(UNAUTHORISED, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    ),
}


@pytest.mark.parametrize("name", list(RESULTS_PAGES))
def test_results_page_access_for_every_role(client, world, results_questionnaires, name):
    url_for, expected = RESULTS_PAGES[name]
    url = url_for(results_questionnaires)
    assert page_outcomes(client, world["users"], url) == expected, url


@pytest.mark.parametrize("name", list(RESULTS_API))
def test_results_api_access_for_every_role(client, world, results_questionnaires, name):
    url_for, expected = RESULTS_API[name]
    url = url_for(results_questionnaires)
    assert api_outcomes(client, world["users"], url) == expected, url


# --- End of results ------------------------------------------------------------------------------------------
