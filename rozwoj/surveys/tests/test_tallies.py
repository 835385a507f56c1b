"""The results' counts kept as responses come in (models.tally): what submitting adds equals what a recount
from the answers gives, results are never shown from tallies that disagree with the responses (a large
questionnaire says its results are being prepared and the page polls), and the XLSX of all responses is prepared
in the background with its progress shown, stored privately and downloaded only by those who read the results."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from rozwoj.accounts.models import Role
from rozwoj.people.tests.factories import person_with_login
from rozwoj.surveys.models import Anonymity, Answer, Response, ResultGroup, ResultsExport, ResultTally
from rozwoj.surveys.selectors.results import results_for
from rozwoj.surveys.selectors.tallies import tallies_current
from rozwoj.surveys.services import tallies
from rozwoj.surveys.services.exports import exports_delete_old

from . import results_world as world

pytestmark = pytest.mark.django_db


def _snapshot(survey) -> set[tuple]:
    return set(
        ResultTally.objects.filter(group__questionnaire=survey).values_list(
            "group__wave_id",
            "group__everyone",
            "group__organisation_kind",
            "group__voivodeship",
            "question_id",
            "part",
            "key",
            "value",
            "count",
        )
    )


def _survey(n: int = 8, **fields):
    survey = world.questionnaire(**fields)
    for index in range(n):
        world.respond(
            survey,
            world.full_answer(index),
            others={"org": "Fundacja"} if index == 3 else None,
            organisation_kind="school" if index % 2 else "ngo",
            voivodeship="14",
        )
    return survey


def test_what_submitting_adds_equals_a_recount_from_the_answers():
    survey = _survey(waves=2)
    world.respond(survey, world.full_answer(9), wave=survey.waves.last(), organisation_kind="school")
    added = _snapshot(survey)
    assert tallies.tallies_rebuild(survey) == 9
    assert _snapshot(survey) == added
    groups = ResultGroup.objects.filter(questionnaire=survey, everyone=True)
    assert sorted(groups.values_list("responses", flat=True)) == [1, 8]


def test_the_counts_are_those_of_the_answers_with_and_without_filters():
    survey = _survey()
    results = {r.question.code: r for r in results_for(survey, language="pl").questions}
    assert results["useful"].answered == 8
    # useful = 1 + index % 5 over 0..7: 1, 2, 3, 4, 5, 1, 2, 3
    assert results["useful"].summary.mean == pytest.approx(21 / 8)
    assert {option.code: option.count for option in results["topics"].options} == {"a": 4, "b": 4, "c": 4}
    assert results["order"].mean_ranks == [("Szkoła", 1.5), ("Urząd", 2.5), ("Inne", 2.0)]
    assert results["comment"].texts_total == 8
    assert len(results["comment"].texts) == 8
    assert [text.text for text in results["org"].texts] == ["Fundacja"]
    schools = results_for(survey, filters={"organisation_kind": "school"})
    assert schools.responses == 4
    assert schools.hidden
    assert not schools.questions
    region = {r.question.code: r for r in results_for(survey, filters={"voivodeship": "14"}).questions}
    assert region["useful"].summary == results["useful"].summary
    assert (
        region["grid"].matrix == results["grid"].matrix == [("Treść", [2, 2, 2, 2]), ("Tempo", [2, 2, 2, 2])]
    )


def test_results_are_never_read_from_tallies_that_disagree_with_the_responses(client, monkeypatch):
    survey = _survey(n=6, anonymity=Anonymity.ANONYMOUS)
    # A response written by other means (an import): the tallies no longer add up.
    extra = Response.objects.create(
        questionnaire=survey,
        wave=survey.waves.get(),
        language="pl",
        submitted_on="2026-06-01",
        is_anonymous=True,
    )
    Answer.objects.create(response=extra, question=survey.questions.get(code="useful"), value=5, number=5.0)
    assert results_for(survey).preparing
    client.force_login(person_with_login(Role.COORDINATOR).user)
    url = reverse("surveys:results", args=[survey.pk])
    monkeypatch.setattr(tallies, "INLINE_REBUILD_RESPONSES", 3)  # "large": recounted in the background
    response = client.get(url)
    page = response.content.decode()
    assert response.context["results"].preparing
    assert not response.context["results"].questions
    assert 'hx-trigger="every 3s"' in page
    assert 'hx-select="#results"' in page
    api = client.get(f"/api/v1/surveys/questionnaires/{survey.pk}/results").json()
    assert api["preparing"] is True
    assert api["questions"] == []
    tallies.tallies_rebuild(survey)  # what the background work does
    response = client.get(url)
    assert response.context["results"].responses == 7
    assert "hx-trigger" not in response.content.decode()
    monkeypatch.setattr(tallies, "INLINE_REBUILD_RESPONSES", 2000)  # small: recounted within the request
    Response.objects.filter(pk=extra.pk).delete()
    assert client.get(url).context["results"].responses == 6


def test_a_response_deleted_and_another_added_by_other_means_is_noticed_and_recounted():
    survey = _survey(n=6, anonymity=Anonymity.ANONYMOUS)
    useful = survey.questions.get(code="useful")
    # Outside the services (an import, a repair by hand): one response goes, another comes, the count stays 6.
    Response.objects.filter(questionnaire=survey).order_by("pk").first().delete()
    extra = Response.objects.create(
        questionnaire=survey,
        wave=survey.waves.get(),
        language="pl",
        submitted_on="2026-06-01",
        is_anonymous=True,
    )
    Answer.objects.create(response=extra, question=useful, value=5, number=5.0)
    responses, tallied, current = tallies_current(survey)
    assert responses == tallied == 6
    assert not current
    assert results_for(survey).preparing
    assert tallies.tallies_ensure(survey)  # small: recounted at once
    assert tallies_current(survey)[2]
    after = {r.question.code: r for r in results_for(survey).questions}["useful"]
    numbers = list(Answer.objects.filter(question=useful).values_list("number", flat=True))
    assert after.answered == len(numbers)
    assert after.summary.mean == pytest.approx(sum(numbers) / len(numbers))


def test_the_checksum_kept_by_submitting_equals_the_recounted_one():
    survey = _survey(n=5, waves=2)
    world.respond(survey, world.full_answer(7), wave=survey.waves.last(), organisation_kind="school")
    kept = set(
        ResultGroup.objects.filter(questionnaire=survey).values_list(
            "wave_id", "everyone", "organisation_kind", "responses", "checksum"
        )
    )
    assert tallies_current(survey)[2]
    tallies.tallies_rebuild(survey)
    recounted = set(
        ResultGroup.objects.filter(questionnaire=survey).values_list(
            "wave_id", "everyone", "organisation_kind", "responses", "checksum"
        )
    )
    assert kept == recounted
    assert all(checksum > 0 for *_rest, checksum in kept)


def test_the_results_page_reads_a_bounded_number_of_rows_and_queries(client, django_assert_max_num_queries):
    survey = _survey(n=12)
    client.force_login(person_with_login(Role.COORDINATOR).user)
    url = reverse("surveys:results", args=[survey.pk])
    client.get(url)
    with django_assert_max_num_queries(14):
        assert client.get(url, {"organisation_kind": "ngo"}).status_code == 200
    with django_assert_max_num_queries(14):
        assert "12 odpowiedzi" in client.get(url).context["results_html"]
    with django_assert_max_num_queries(10):  # the same again: the rendered results come from the cache
        assert "12 odpowiedzi" in client.get(url).context["results_html"]


def test_the_xlsx_of_all_responses_is_prepared_in_the_background_with_progress(
    client, django_capture_on_commit_callbacks
):
    survey = _survey(n=6, anonymity=Anonymity.ANONYMOUS)
    client.force_login(person_with_login(Role.COORDINATOR).user)
    client.cookies["rozwoj_language"] = "en"
    page = reverse("surveys:results_exports", args=[survey.pk])
    assert client.get(reverse("surveys:results", args=[survey.pk])).content.decode().count(page) == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page, {"mode": "labels"})
    assert response.status_code == 302
    export = ResultsExport.objects.get()
    assert export.ready_at is not None
    assert export.rows_total == 6
    assert export.file.name.startswith("surveys/exports/")
    assert "questionnaire" in export.file.name
    text = client.get(page).content.decode()
    assert "Ready: 6 responses" in text
    assert "hx-trigger" not in text
    download = client.get(reverse("surveys:results_export_file", args=[export.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    rows = list(
        load_workbook(io.BytesIO(b"".join(download.streaming_content))).active.iter_rows(values_only=True)
    )
    assert len(rows) == 7
    assert rows[1][0] == 1
    # While one is written, its progress shows and the list polls itself.
    ResultsExport.objects.create(questionnaire=survey, language="pl", rows_total=6, rows_done=2)
    text = client.get(page).content.decode()
    assert "2 of 6 responses written" in text
    assert 'hx-trigger="every 2s"' in text
    # An expert who does not own the questionnaire reads neither the page nor the file.
    client.force_login(person_with_login(Role.EXPERT).user)
    assert client.get(page).status_code in (403, 404)
    assert client.get(reverse("surveys:results_export_file", args=[export.pk])).status_code in (403, 404)
    # Prepared files hold answers: they are deleted after a week.
    import datetime

    from django.utils import timezone

    assert exports_delete_old(timezone.now() + datetime.timedelta(days=8)) == 2
    assert not ResultsExport.objects.exists()


def test_a_filter_by_one_attribute_reads_its_own_group_with_the_same_numbers():
    survey = _survey(n=12)  # six schools and six NGOs, all in voivodeship 14
    assert ResultGroup.objects.filter(questionnaire=survey, attribute="organisation_kind").count() == 2
    one = results_for(survey, filters={"organisation_kind": "ngo"})
    two = results_for(survey, filters={"organisation_kind": "ngo", "voivodeship": "14"})
    assert one.responses == two.responses == 6
    assert [(r.answered, r.summary, r.options, r.matrix) for r in one.questions] == [
        (r.answered, r.summary, r.options, r.matrix) for r in two.questions
    ]
    tallies.tallies_rebuild(survey)
    again = results_for(survey, filters={"organisation_kind": "ngo"})
    assert [(r.answered, r.summary, r.options) for r in again.questions] == [
        (r.answered, r.summary, r.options) for r in one.questions
    ]


@pytest.mark.parametrize("few", [0, 10**6])
def test_a_filtered_selection_lists_the_same_texts_whichever_table_is_read_first(monkeypatch, few):
    """Few responses selected: their answers are read from them (SQLite); many: the answers walked in order.
    Either way the first texts of the selection, in the order of the responses' random keys."""
    from rozwoj.surveys.selectors import results as selector

    survey = _survey(n=12)
    monkeypatch.setattr(selector, "FEW_RESPONSES", few)
    result = {
        r.question.code: r for r in results_for(survey, filters={"organisation_kind": "school"}).questions
    }
    expected = list(
        Answer.objects.filter(question__code="comment", response__questionnaire=survey)
        .filter(response__organisation_kind="school")
        .exclude(text="")
        .order_by("response_id")
        .values_list("text", flat=True)
    )
    assert expected
    assert [text.text for text in result["comment"].texts] == expected
