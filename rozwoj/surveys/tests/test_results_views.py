"""The results pages, exports (CSV, XLSX, SPSS), PDF report and API: the numbers arrive, and the anonymity
promise holds at every exit — no name of a confidential or anonymous questionnaire's respondents, no order of
submission, no rare attribute, no formula."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from rozwoj.accounts.models import Role
from rozwoj.people.tests.factories import PersonFactory, person_with_login
from rozwoj.surveys.models import Anonymity

from . import results_world as world

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/","x")'


@pytest.fixture
def coordinator(client):
    client.force_login(person_with_login(Role.COORDINATOR).user)
    return client


def _survey(anonymity, n=6, minimum=5):
    survey = world.questionnaire(anonymity=anonymity, min_group_size=minimum)
    people = [PersonFactory(first_name="Respondentka", last_name=f"Nazwisko{index}") for index in range(n)]
    for index, person in enumerate(people):
        values = world.full_answer(index)
        values["comment"] = FORMULA if index == 0 else f"Uwagi {index}"
        kind = "ngo" if index == 0 else "school"  # one NGO: a rare attribute
        world.respond(
            survey, values, person=person, organisation_kind=kind, voivodeship="14", role="participant"
        )
    return survey


def _exits(client, survey) -> dict[str, str]:
    """What each exit of the results shows, as text."""
    pk = survey.pk
    texts = {
        "page": client.get(reverse("surveys:results", args=[pk])).content.decode(),
        "api": client.get(f"/api/v1/surveys/questionnaires/{pk}/results").content.decode(),
        "csv": b"".join(
            client.get(reverse("surveys:results_export", args=[pk, "csv"])).streaming_content
        ).decode("utf-8-sig"),
    }
    xlsx = b"".join(client.get(reverse("surveys:results_export", args=[pk, "xlsx"])).streaming_content)
    texts["xlsx"] = "\n".join(
        "|".join("" if cell is None else str(cell) for cell in row)
        for row in load_workbook(io.BytesIO(xlsx)).active.iter_rows(values_only=True)
    )
    texts["sav"] = _sav_text(client.get(reverse("surveys:results_export", args=[pk, "sav"])).content)
    return texts


def _sav_text(content: bytes) -> str:
    import tempfile

    import pyreadstat

    with tempfile.NamedTemporaryFile(suffix=".sav") as file:
        file.write(content)
        file.flush()
        frame, meta = pyreadstat.read_sav(file.name)
    cells = "\n".join(str(value) for value in frame.to_numpy().flatten())
    return cells + "\n".join(meta.column_labels) + str(meta.variable_value_labels)


@pytest.mark.parametrize("anonymity", [Anonymity.CONFIDENTIAL, Anonymity.ANONYMOUS])
def test_no_exit_shows_who_answered_a_confidential_or_anonymous_questionnaire(coordinator, anonymity):
    survey = _survey(anonymity)
    for name, text in _exits(coordinator, survey).items():
        assert "Nazwisko" not in text, name
        assert "Respondentka" not in text, name
        assert "Uwagi 3" in text, name  # the answers themselves are there
        if name != "page":  # the page offers the filter (which then hides the group) without its count
            assert "ngo" not in text, name  # one NGO among six: its attribute would point at its respondent
        assert "(1)" not in text, name
    csv_rows = list(csv.reader(io.StringIO(_exits(coordinator, survey)["csv"])))
    assert [row[0] for row in csv_rows[1:]] == ["1", "2", "3", "4", "5", "6"]
    assert ("Submitted on" in csv_rows[0] or "Data przesłania" in csv_rows[0]) == (
        anonymity != Anonymity.ANONYMOUS
    )


def test_a_named_questionnaire_exports_the_names(coordinator):
    survey = _survey(Anonymity.NAMED)
    exits = _exits(coordinator, survey)
    for name in ("csv", "xlsx", "sav"):
        assert "Respondentka Nazwisko2" in exits[name], name


def test_formulas_typed_as_answers_reach_every_export_as_text(coordinator):
    survey = _survey(Anonymity.ANONYMOUS)
    exits = _exits(coordinator, survey)
    assert any("'" + FORMULA in row for row in csv.reader(io.StringIO(exits["csv"])))
    assert "'" + FORMULA in exits["sav"]
    xlsx = b"".join(
        coordinator.get(reverse("surveys:results_export", args=[survey.pk, "xlsx"])).streaming_content
    )
    import re
    import zipfile

    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    assert not re.search(rb"<f[ >]", sheet)


def test_the_results_page_shows_charts_with_their_numbers_and_filters(coordinator):
    survey = _survey(Anonymity.ANONYMOUS, n=8)
    page = coordinator.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert page.count('role="img"') >= 6
    assert "<caption>" in page
    filtered = coordinator.get(reverse("surveys:results", args=[survey.pk]), {"organisation_kind": "school"})
    assert filtered.status_code == 200
    too_small = coordinator.get(
        reverse("surveys:results", args=[survey.pk]), {"organisation_kind": "ngo"}
    ).content.decode()
    assert 'role="img"' not in too_small
    assert "Uwagi" not in too_small


def test_the_pdf_report_and_the_before_after_page(coordinator):
    from pypdf import PdfReader

    survey = _survey(Anonymity.CONFIDENTIAL)
    response = coordinator.get(reverse("surveys:results_report", args=[survey.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Uwagi 3" in text
    assert "Nazwisko" not in text
    assert coordinator.get(reverse("surveys:results_changes", args=[survey.pk])).status_code == 200


def test_bad_parameters_never_give_a_500(coordinator):
    survey = _survey(Anonymity.CONFIDENTIAL)
    url = reverse("surveys:results", args=[survey.pk])
    assert coordinator.get(url, {"wave": "x"}).status_code == 404
    assert coordinator.get(url, {"voivodeship": "1" * 500}).status_code == 200
    assert coordinator.get(reverse("surveys:results_export", args=[survey.pk, "exe"])).status_code == 404
    assert coordinator.get(f"/api/v1/surveys/questionnaires/{survey.pk}/results?wave=abc").status_code == 422
    assert coordinator.get("/api/v1/surveys/questionnaires/999999/results").status_code == 404


def test_the_results_page_renders_within_the_same_budget_for_10_and_200_responses(coordinator):
    from django.core.cache import cache

    from rozwoj.core.testing import assert_page

    survey = world.questionnaire(min_group_size=1)
    url = reverse("surveys:results", args=[survey.pk])
    for index in range(10):
        world.respond(survey, world.full_answer(index), voivodeship="14")
    cache.clear()
    assert_page(coordinator, url, queries=20, template="surveys/results/results.html", contains="Komentarz 3")
    for index in range(10, 200):
        world.respond(survey, world.full_answer(index), voivodeship="14")
    cache.clear()
    assert_page(
        coordinator, url, queries=20, template="surveys/results/results.html", contains="200 odpowiedzi"
    )
