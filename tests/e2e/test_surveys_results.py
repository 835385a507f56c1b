"""The results of a questionnaire in the browser: charts with their numbers, a filter, before/after; axe-core on
each page."""

import pytest

from rozwoj.accounts.models import Role
from rozwoj.people.tests.factories import person_with_login
from rozwoj.surveys.models import Anonymity
from rozwoj.surveys.tests import results_world as world

pytestmark = pytest.mark.browser


def test_a_coordinator_reads_filters_and_compares_results(page, axe, login_as):
    survey = world.questionnaire(anonymity=Anonymity.ANONYMOUS, min_group_size=3, waves=2)
    before, after = survey.waves.order_by("order")
    for index in range(8):
        kind = "school" if index % 2 else "ngo"
        world.respond(
            survey, world.full_answer(index), wave=before, panel_key=f"k{index}", organisation_kind=kind
        )
        world.respond(survey, {"useful": 1 + (index + 1) % 5}, wave=after, panel_key=f"k{index}")
    login_as(person_with_login(Role.COORDINATOR).user)

    page.goto(f"/surveys/manage/{survey.pk}/results/", timeout=60_000)
    assert page.locator("svg[role=img]").count() >= 6
    axe(page)
    page.select_option("#id_organisation_kind", "school")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_load_state("networkidle", timeout=60_000)
    assert "4 odpowiedzi" in page.locator("h2").first.inner_text()
    axe(page)

    page.goto(
        f"/surveys/manage/{survey.pk}/results/changes/?before={before.pk}&after={after.pk}", timeout=60_000
    )
    assert page.locator("table").count() >= 1
    axe(page)
