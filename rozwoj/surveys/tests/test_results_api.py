"""What the results pages offer, the API offers too, with the same minimum group size: the values to filter by
(`results/filters`) and the before/after comparison with its filters (`results/changes`)."""

import pytest

from rozwoj.accounts.models import Role
from rozwoj.people.tests.factories import person_with_login
from rozwoj.surveys.models import Anonymity

from . import results_world as world

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client):
    client.force_login(person_with_login(Role.COORDINATOR).user)
    return client


def test_the_filters_list_the_values_present_and_hide_counts_below_the_minimum(coordinator):
    survey = world.questionnaire(anonymity=Anonymity.ANONYMOUS, min_group_size=5)
    for index in range(6):
        world.respond(survey, world.full_answer(index), organisation_kind="school", voivodeship="14")
    for index in range(2):
        world.respond(survey, world.full_answer(index), organisation_kind="ngo", role="expert")
    body = coordinator.get(f"/api/v1/surveys/questionnaires/{survey.pk}/results/filters").json()
    assert body["minimum_group_size"] == 5
    filters = {item["name"]: item for item in body["filters"]}
    assert set(filters) == {"organisation_kind", "local_government_kind", "voivodeship", "role"}
    kinds = {value["value"]: value for value in filters["organisation_kind"]["values"]}
    assert kinds["school"]["responses"] == 6
    assert kinds["ngo"]["responses"] is None  # 2: fewer than 5, as on the page
    assert kinds["school"]["label"]  # named, not only coded
    assert [value["responses"] for value in filters["role"]["values"]] == [None]
    assert filters["local_government_kind"]["values"] == []
    english = coordinator.get(
        f"/api/v1/surveys/questionnaires/{survey.pk}/results/filters?language=en"
    ).json()
    assert english["filters"][0]["title"] == "Kind of organisation"
    # The values are those the results accept as filters.
    results = coordinator.get(
        f"/api/v1/surveys/questionnaires/{survey.pk}/results", {"organisation_kind": "school"}
    ).json()
    assert results["responses"] == 6
    hidden = coordinator.get(
        f"/api/v1/surveys/questionnaires/{survey.pk}/results", {"organisation_kind": "ngo"}
    ).json()
    assert hidden["hidden"] is True
    assert hidden["questions"] == []


def _panel(n_pairs: int, **attributes):
    """A two-wave questionnaire; respondent i answers "useful" 2 before and 2 + (i % 3) after (hand-computed:
    changes 0, 1, 2, 0, 1, 2, …)."""
    survey = world.questionnaire(anonymity=Anonymity.ANONYMOUS, min_group_size=5, waves=2)
    before, after = survey.waves.order_by("order")
    for index in range(n_pairs):
        key = f"panel-{index}"
        world.respond(survey, {"useful": 2}, wave=before, panel_key=key, **attributes)
        world.respond(survey, {"useful": 2 + index % 3}, wave=after, panel_key=key, **attributes)
    return survey, before, after


def test_the_before_and_after_comparison_with_its_numbers(coordinator):
    survey, before, after = _panel(9, organisation_kind="school")
    url = f"/api/v1/surveys/questionnaires/{survey.pk}/results/changes"
    body = coordinator.get(url, {"before": before.pk, "after": after.pk}).json()
    useful = {item["code"]: item for item in body["changes"]}["useful"]
    assert useful["pairs"] == 9
    assert useful["hidden"] is False
    assert (useful["increased"], useful["decreased"], useful["unchanged"]) == (6, 0, 3)
    assert useful["mean_before"] == pytest.approx(2.0)
    assert useful["mean_after"] == pytest.approx(3.0)
    assert useful["mean_change"] == pytest.approx(1.0)
    assert useful["median_change"] == pytest.approx(1.0)
    assert useful["test"]["p_value"] < 0.05
    assert useful["before_counts"] == [0, 9, 0, 0, 0]
    assert useful["after_counts"] == [0, 3, 3, 3, 0]
    # A filter the earlier responses match keeps the pairs, one they do not match leaves too few: hidden.
    school = coordinator.get(
        url, {"before": before.pk, "after": after.pk, "organisation_kind": "school"}
    ).json()
    assert {item["code"]: item for item in school["changes"]}["useful"]["pairs"] == 9
    ngo = coordinator.get(url, {"before": before.pk, "after": after.pk, "organisation_kind": "ngo"}).json()
    hidden = {item["code"]: item for item in ngo["changes"]}["useful"]
    assert hidden["hidden"] is True
    assert hidden["mean_change"] is None
    assert hidden["test"] is None
    assert hidden["before_counts"] is None


def test_few_pairs_are_hidden_and_bad_waves_are_refused(coordinator):
    survey, before, after = _panel(4)
    url = f"/api/v1/surveys/questionnaires/{survey.pk}/results/changes"
    useful = {
        item["code"]: item
        for item in coordinator.get(url, {"before": before.pk, "after": after.pk}).json()["changes"]
    }["useful"]
    assert useful["pairs"] == 4
    assert useful["hidden"] is True
    assert useful["mean_before"] is None
    assert coordinator.get(url, {"before": before.pk, "after": before.pk}).status_code == 400
    other = world.questionnaire(waves=2)
    assert coordinator.get(url, {"before": before.pk, "after": other.waves.first().pk}).status_code == 404
    assert coordinator.get(url, {"before": before.pk}).status_code == 422
