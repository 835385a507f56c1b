"""Results of a questionnaire from the database: counts, percentages and summaries per kind of question against
values computed by hand, the minimum group size, filters, the paired change between waves, and a number of
queries that does not grow with the responses."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from rozwoj.surveys.models import Anonymity
from rozwoj.surveys.selectors.results import changes_between, clean_filters, filter_choices, results_for

from . import results_world as world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


ANSWERS = [
    # org, topics, useful, grid content/pace, again, ranking, attributes
    ("a", ["a", "c"], 5, (1, 4), True, ["a", "b", "c"], "school"),
    ("a", ["a"], 4, (2, 4), True, ["a", "c", "b"], "school"),
    ("b", ["b"], 4, (2, 4), False, ["b", "a", "c"], "school"),
    ("other", ["a", "b"], 2, (3, 3), True, ["c", "a", "b"], "school"),
    ("a", ["c"], 5, (4, 1), True, ["a", "b", "c"], "local_government_office"),
    ("b", ["a"], 3, (4, 2), False, ["b", "c", "a"], "local_government_office"),
]


@pytest.fixture
def survey():
    survey = world.questionnaire(min_group_size=3)
    for index, (org, topics, useful, (content, pace), again, order, kind) in enumerate(ANSWERS):
        values = {
            "org": org,
            "topics": topics,
            "useful": useful,
            "grid": {"content": content, "pace": pace},
            "again": again,
            "order": order,
            "comment": f"Komentarz {index}",
        }
        if index < 2:
            values["hours"] = 10.0 * (index + 1)  # answered by two only: below the minimum of 3
        world.respond(
            survey,
            values,
            others={"org": "Fundacja"} if org == "other" else None,
            organisation_kind=kind,
            voivodeship="14",
        )
    return survey


def _by_code(results):
    return {result.question.code: result for result in results.questions}


def test_counts_percentages_and_summaries_per_kind_of_question(survey):
    results = results_for(survey, language="pl")
    assert results.responses == 6
    assert not results.hidden
    by_code = _by_code(results)

    org = by_code["org"]
    assert [(row.code, row.count, row.percent) for row in org.options] == [
        ("a", 3, 50.0),
        ("b", 2, 33.3),
        ("c", 0, 0.0),
        ("other", 1, 16.7),
    ]
    assert [row.label for row in org.options][:2] == ["Szkoła", "Urząd"]
    assert [text.text for text in org.texts] == ["Fundacja"]

    topics = by_code["topics"]  # percentages of the 6 respondents: they add up to more than 100
    assert [(row.code, row.count, row.percent) for row in topics.options] == [
        ("a", 4, 66.7),
        ("b", 2, 33.3),
        ("c", 2, 33.3),
    ]

    useful = by_code["useful"]  # 5, 4, 4, 2, 5, 3: mean 23/6, median of 2 3 4 4 5 5 = 4
    assert useful.summary.mean == pytest.approx(23 / 6)
    assert useful.summary.median == 4
    assert useful.chart.table.rows[0][1:] == [
        "0 (0%)",
        "1 (16.7%)",
        "1 (16.7%)",
        "2 (33.3%)",
        "2 (33.3%)",
        "6",
    ]
    assert useful.chart.table.headers[1] == "1 — źle"

    grid = by_code["grid"]
    assert grid.matrix == [("Treść", [1, 2, 1, 2]), ("Tempo", [1, 1, 1, 3])]
    assert grid.matrix_summaries[0][1].mean == pytest.approx(16 / 6)

    again = by_code["again"]
    assert [(row.code, row.count) for row in again.options] == [("yes", 4), ("no", 2)]

    ranking = by_code["order"]  # first places a 3, b 2, c 1; a's positions 1 1 2 2 1 3 → mean 10/6
    assert [(row.code, row.count) for row in ranking.options] == [("a", 3), ("b", 2), ("c", 1)]
    assert dict(ranking.mean_ranks)["Szkoła"] == pytest.approx(10 / 6)

    comment = by_code["comment"]
    assert comment.texts_total == 6
    assert sorted(text.text for text in comment.texts) == [f"Komentarz {index}" for index in range(6)]
    assert all(text.respondent == "" for text in comment.texts)  # confidential: no names


def test_a_question_answered_by_fewer_than_the_minimum_is_hidden(survey):
    hours = _by_code(results_for(survey))["hours"]
    assert hours.answered == 2
    assert hours.hidden
    assert hours.summary is None
    assert hours.chart is None


def test_filters_narrow_the_respondents_and_a_group_below_the_minimum_is_hidden(survey):
    schools = results_for(survey, filters={"organisation_kind": "school"})
    assert schools.responses == 4
    assert [(row.code, row.count) for row in _by_code(schools)["org"].options] == [
        ("a", 2),
        ("b", 1),
        ("c", 0),
        ("other", 1),
    ]

    offices = results_for(survey, filters={"organisation_kind": "local_government_office"})
    assert offices.responses == 2
    assert offices.hidden
    assert offices.questions == []  # nothing is even read

    assert filter_choices(survey)["organisation_kind"] == [("local_government_office", 2), ("school", 4)]
    assert clean_filters({"voivodeship": " 14 ", "person": "1", "role": ["x"]}) == {"voivodeship": "14"}


def test_free_texts_of_a_named_questionnaire_carry_the_name_and_no_other_kind_does():
    from rozwoj.people.tests.factories import PersonFactory

    survey = world.questionnaire(anonymity=Anonymity.NAMED, min_group_size=1)
    world.respond(survey, {"comment": "Świetne"}, person=PersonFactory(first_name="Anna", last_name="Nowak"))
    comment = _by_code(results_for(survey))["comment"]
    assert [(text.text, text.respondent) for text in comment.texts] == [("Świetne", "Anna Nowak")]


def _count_queries(survey) -> int:
    with CaptureQueriesContext(connection) as queries:
        results_for(survey, filters={"voivodeship": "14"})
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_responses():
    survey = world.questionnaire(min_group_size=1)
    for index in range(10):
        world.respond(survey, world.full_answer(index), voivodeship="14")
    with_10 = _count_queries(survey)
    for index in range(10, 200):
        world.respond(survey, world.full_answer(index), voivodeship="14")
    assert _count_queries(survey) == with_10 <= 8


def _useful(changes):
    return next(change for change in changes if change.question.code == "useful")


def _two_waves(pairs, *, minimum=5, anonymity=Anonymity.ANONYMOUS):
    survey = world.questionnaire(anonymity=anonymity, min_group_size=minimum, waves=2)
    before, after = survey.waves.order_by("order")
    for index, (first, second) in enumerate(pairs):
        world.respond(survey, {"useful": first}, wave=before, panel_key=f"key-{index}")
        world.respond(survey, {"useful": second}, wave=after, panel_key=f"key-{index}")
    return survey, before, after


def test_the_paired_change_between_two_waves_pairs_by_panel_key():
    # Differences 2 1 0 2 1 0 0 → 7 pairs, 4 up, 3 unchanged, mean change 6/7; 4 changes: too few for a test.
    survey, before, after = _two_waves([(2, 4), (2, 3), (3, 3), (3, 5), (1, 2), (4, 4), (5, 5)])
    world.respond(survey, {"useful": 1}, wave=before)  # no panel key: pairs with nobody
    world.respond(survey, {"useful": 5}, wave=after, panel_key="lonely")
    useful = _useful(changes_between(survey, before, after, language="pl"))
    assert not useful.hidden
    change = useful.change
    assert (change.pairs, change.increased, change.decreased, change.unchanged) == (7, 4, 0, 3)
    assert change.mean_change == pytest.approx(6 / 7)
    assert change.test is None
    assert change.no_test_reason == "too few changes"
    # The distributions are of every response of each wave: 8 before, 8 after.
    assert useful.distributions == ([2, 2, 2, 1, 1], [0, 1, 2, 2, 3])
    assert useful.chart.table.headers == ["", "Przed", "Po"]


def test_a_panel_key_used_twice_in_a_wave_pairs_nobody_and_few_pairs_are_hidden():
    survey, before, after = _two_waves([(1, 2), (2, 3), (3, 4), (4, 5), (1, 3), (2, 4)])
    world.respond(survey, {"useful": 1}, wave=after, panel_key="key-0")  # the same code typed by someone else
    useful = _useful(changes_between(survey, before, after))
    assert useful.change.pairs == 5
    assert useful.change.test is None  # 5 changes
    survey, before, after = _two_waves([(1, 2)] * 4)
    useful = _useful(changes_between(survey, before, after))
    assert useful.hidden
    assert useful.chart is None


def test_the_wilcoxon_test_of_enough_changes():
    # Differences +1 ×6, +2 ×2, −1 ×1: ranks of |d| — the seven 1s share 4, the two 2s share 8.5.
    # T− = 4, T+ = 6·4 + 2·8.5 = 41; 9 differences with ties → exhaustive permutations.
    survey, before, after = _two_waves([(2, 3)] * 6 + [(1, 3)] * 2 + [(4, 3)])
    useful = _useful(changes_between(survey, before, after))
    assert useful.change.test.statistic == 4
    assert useful.change.test.method == "permutation"
    assert useful.change.effect == pytest.approx((41 - 4) / 45)
    assert 0 < useful.change.test.p_value < 0.05
