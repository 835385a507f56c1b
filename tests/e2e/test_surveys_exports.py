"""In the browser with axe-core: the page of the exports of all responses (one prepared, one being written with
its progress bar) and the results page while the results are being counted again."""

import pytest

from rozwoj.accounts.models import Role
from rozwoj.people.tests.factories import person_with_login
from rozwoj.surveys import tasks
from rozwoj.surveys.models import Anonymity, Answer, Response, ResultsExport
from rozwoj.surveys.services import tallies
from rozwoj.surveys.tests import results_world as world

pytestmark = pytest.mark.browser


def _survey():
    survey = world.questionnaire(anonymity=Anonymity.ANONYMOUS)
    for index in range(6):
        world.respond(survey, world.full_answer(index), organisation_kind="school" if index % 2 else "ngo")
    return survey


def test_the_exports_page_with_a_prepared_and_an_unfinished_export(page, axe, login_as):
    survey = _survey()
    coordinator = person_with_login(Role.COORDINATOR).user
    ResultsExport.objects.create(
        questionnaire=survey, language="pl", requested_by=coordinator, rows_total=6000, rows_done=2000
    )
    login_as(coordinator)
    page.goto(f"/surveys/manage/{survey.pk}/results/exports/", timeout=60_000)
    assert page.locator("progress").count() == 1
    axe(page)
    page.locator("#id_mode_codes").check()
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_load_state("networkidle", timeout=60_000)
    page.locator("a[href$='.xlsx']").first.wait_for(timeout=60_000)  # prepared at once without a broker
    assert ResultsExport.objects.filter(ready_at__isnull=False, codes=True).count() == 1
    axe(page)


def test_the_results_page_while_they_are_counted_again(page, axe, login_as, monkeypatch):
    survey = _survey()
    extra = Response.objects.create(  # written by other means: the kept counts no longer agree
        questionnaire=survey,
        wave=survey.waves.get(),
        language="pl",
        submitted_on="2026-06-01",
        is_anonymous=True,
    )
    Answer.objects.create(response=extra, question=survey.questions.get(code="useful"), value=5, number=5.0)
    monkeypatch.setattr(tallies, "INLINE_REBUILD_RESPONSES", 0)  # "large": counted again in the background
    monkeypatch.setattr(tasks.rebuild_tallies, "delay", lambda *args, **kwargs: None)  # …not yet finished
    login_as(person_with_login(Role.COORDINATOR).user)
    page.goto(f"/surveys/manage/{survey.pk}/results/", timeout=60_000)
    assert "liczone od nowa" in page.locator("#results").inner_text()  # the site speaks Polish first
    assert page.locator("svg[role=img]").count() == 0
    axe(page)
