"""The rendered results (page) and the API's results are kept in the cache under a key that changes whenever a
response is added or removed, or a question is reworded: the numbers shown are never those of before a change."""

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection, models, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rozwoj.accounts.models import Role
from rozwoj.people.tests.factories import PersonFactory, person_with_login
from rozwoj.surveys.models import Anonymity, Answer, Response, ResultsStamp, Wave
from rozwoj.surveys.selectors.tallies import results_stamp
from rozwoj.surveys.services import responding, tallies
from rozwoj.surveys.views import results as results_views

from . import results_world as world

pytestmark = pytest.mark.django_db

LOCAL_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "results"}}


@pytest.fixture(autouse=True)
def local_cache():
    with override_settings(CACHES=LOCAL_CACHE):
        cache.clear()
        yield
        cache.clear()


@pytest.fixture
def coordinator(client):
    client.force_login(person_with_login(Role.COORDINATOR).user)
    return client


@pytest.fixture
def built(monkeypatch):
    """How many times the page built its results (instead of taking them from the cache)."""
    calls = []
    real = results_views.results_for

    def counting(*args, **kwargs):
        calls.append(kwargs.get("filters"))
        return real(*args, **kwargs)

    monkeypatch.setattr(results_views, "results_for", counting)
    return calls


def _survey(n=6, anonymity=Anonymity.ANONYMOUS):
    survey = world.questionnaire(anonymity=anonymity)
    for index in range(n):
        world.respond(survey, world.full_answer(index), organisation_kind="school", voivodeship="14")
    return survey


def _submit(survey, index):
    """A response through the respondent page's service (what the public link's page calls)."""
    useful = survey.questions.get(code="useful")
    return responding.response_submit(
        questionnaire=survey,
        wave=survey.waves.get(),
        respondent=responding.Respondent(),
        language="pl",
        data={f"q-{useful.code}": str(1 + index % 5)},
    )


def test_the_page_keeps_its_rendered_results_and_shows_each_new_response_at_once(coordinator, built):
    survey = _survey(n=6)
    url = reverse("surveys:results", args=[survey.pk])
    first = coordinator.get(url).context["results_html"]
    assert "6 odpowiedzi" in first
    assert coordinator.get(url).context["results_html"] == first
    assert len(built) == 1  # the second request came from the cache
    _submit(survey, 1)
    assert "7 odpowiedzi" in coordinator.get(url).content.decode()
    assert len(built) == 2
    assert "7 odpowiedzi" in coordinator.get(url).content.decode()
    assert len(built) == 2


def test_a_deleted_response_or_one_swapped_by_other_means_is_never_shown_from_the_cache(coordinator, built):
    survey = _survey(n=7)
    url = reverse("surveys:results", args=[survey.pk])
    assert "7 odpowiedzi" in coordinator.get(url).content.decode()
    Response.objects.filter(questionnaire=survey).order_by("pk").first().delete()
    assert "6 odpowiedzi" in coordinator.get(url).content.decode()
    # One response goes and another comes outside the services: the count stays 6, the numbers do not.
    useful = survey.questions.get(code="useful")
    before = coordinator.get(url).context
    Response.objects.filter(questionnaire=survey).order_by("pk").first().delete()
    extra = Response.objects.create(
        questionnaire=survey,
        wave=survey.waves.get(),
        language="pl",
        submitted_on="2026-06-01",
        is_anonymous=True,
    )
    Answer.objects.create(response=extra, question=useful, value=1, number=1.0)
    calls = len(built)
    after = coordinator.get(url)
    assert len(built) == calls + 1  # recounted and rebuilt, not taken from the cache
    assert after.context["results_html"] != before["results_html"]
    numbers = list(Answer.objects.filter(question=useful).values_list("number", flat=True))
    mean = {r.question.code: r for r in after.context["results"].questions}["useful"].summary.mean
    assert mean == pytest.approx(sum(numbers) / len(numbers))


def test_filters_waves_languages_and_a_reworded_question_have_their_own_results(coordinator, built):
    survey = _survey(n=6)
    world.respond(survey, world.full_answer(9), organisation_kind="ngo", voivodeship="14")
    url = reverse("surveys:results", args=[survey.pk])
    assert "7 odpowiedzi" in coordinator.get(url).content.decode()
    assert "6 odpowiedzi" in coordinator.get(url, {"organisation_kind": "school"}).content.decode()
    assert "6 odpowiedzi" in coordinator.get(url, {"organisation_kind": "school"}).content.decode()
    assert "7 odpowiedzi" in coordinator.get(url, {"voivodeship": "14"}).content.decode()
    assert len(built) == 3
    coordinator.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "7 responses" in coordinator.get(url).content.decode()
    del coordinator.cookies[settings.LANGUAGE_COOKIE_NAME]
    useful = survey.questions.get(code="useful")
    useful.text = {"pl": "Czy szkolenie było przydatne (poprawione)?", "en": "Useful?"}
    useful.save(update_fields=["text"])
    assert "(poprawione)" in coordinator.get(url).content.decode()


def test_the_api_keeps_its_results_and_shows_each_new_response_at_once(coordinator, monkeypatch):
    from rozwoj.surveys.api import results as api

    calls = []
    real = api.results_for
    monkeypatch.setattr(api, "results_for", lambda *a, **k: calls.append(1) or real(*a, **k))
    survey = _survey(n=6)
    url = f"/api/v1/surveys/questionnaires/{survey.pk}/results"
    first = coordinator.get(url).json()
    assert first["responses"] == 6
    assert coordinator.get(url).json() == first
    assert len(calls) == 1
    _submit(survey, 2)
    assert coordinator.get(url).json()["responses"] == 7
    Response.objects.filter(questionnaire=survey).order_by("pk").first().delete()
    assert coordinator.get(url).json()["responses"] == 6
    assert len(calls) == 3


def test_a_named_questionnaire_is_never_kept(coordinator, built):
    """Its free texts carry names, which change (a correction, an erasure) without any response changing."""
    survey = world.questionnaire(anonymity=Anonymity.NAMED)
    for index in range(6):
        values = world.full_answer(index)
        world.respond(survey, values, person=PersonFactory(first_name="Imię", last_name=f"Nazwisko{index}"))
    url = reverse("surveys:results", args=[survey.pk])
    coordinator.get(url)
    coordinator.get(url)
    assert len(built) == 2


def _queries_of_responses(queries) -> list[str]:
    """The statements that read the responses or answers tables (a scan of 100,000 rows at scale)."""
    return [
        q["sql"] for q in queries.captured_queries if re.search(r"\bsurveys_(response|answer)\b", q["sql"])
    ]


def test_a_kept_result_is_checked_by_one_row_of_its_stamp_never_by_reading_the_responses(coordinator, built):
    survey = _survey(n=6)
    url = reverse("surveys:results", args=[survey.pk])
    api = f"/api/v1/surveys/questionnaires/{survey.pk}/results"
    coordinator.get(url)
    coordinator.get(api)
    with CaptureQueriesContext(connection) as page_queries:
        assert "6 odpowiedzi" in coordinator.get(url).context["results_html"]
    with CaptureQueriesContext(connection) as api_queries:
        assert coordinator.get(api).json()["responses"] == 6
    assert len(built) == 1
    assert _queries_of_responses(page_queries) == []
    assert _queries_of_responses(api_queries) == []
    stamps = [q["sql"] for q in page_queries.captured_queries if "surveys_resultsstamp" in q["sql"]]
    assert len(stamps) == 1


def _reword(survey):
    useful = survey.questions.get(code="useful")
    useful.text = {"pl": "Czy szkolenie było przydatne (poprawione)?", "en": "Useful?"}
    useful.save(update_fields=["text"])


def _edit_answer(survey):
    """An answer corrected outside the services (the admin, a repair): same responses, other numbers."""
    answer = (
        Answer.objects.filter(question__questionnaire=survey, question__code="useful").order_by("pk").first()
    )
    answer.value, answer.number = 1, 1.0
    answer.save()


def _move_response(survey):
    """A response's attributes corrected outside the services: it leaves the schools."""
    response = Response.objects.filter(questionnaire=survey).order_by("pk").first()
    response.organisation_kind = "ngo"
    response.save()


def _delete_responses(survey):
    """Responses deleted (an erasure, a cleanup): by the queryset, as the admin's bulk action does."""
    first = list(
        Response.objects.filter(questionnaire=survey).order_by("pk").values_list("pk", flat=True)[:2]
    )
    Response.objects.filter(pk__in=first).delete()


def _delete_wave(survey):
    """A second wave with its responses deleted (the cascade deletes its responses)."""
    wave = Wave.objects.create(questionnaire=survey, order=2)
    for index in range(5):
        world.respond(
            survey, world.full_answer(index), wave=wave, organisation_kind="school", voivodeship="14"
        )
    return wave


def _mean(context, code="useful"):
    return {r.question.code: r for r in context["results"].questions}[code].summary.mean


@pytest.mark.parametrize(
    "change",
    [
        "submission",
        "reworded question",
        "answer edited",
        "response moved",
        "responses deleted",
        "wave deleted",
    ],
)
def test_every_change_to_the_results_shows_on_the_next_request(coordinator, built, change):
    """Each way the results change: the next request builds them anew and shows the change (never the kept
    result of before), and the numbers equal those of the answers now stored."""
    survey = _survey(n=8)
    wave = _delete_wave(survey) if change == "wave deleted" else None
    url = reverse("surveys:results", args=[survey.pk])
    # A submission through the public link has no attributes: it shows on the page of everyone.
    school = {} if change == "submission" else {"organisation_kind": "school"}
    before = coordinator.get(url, school)
    coordinator.get(url, school)
    assert len(built) == 1
    if change == "submission":
        _submit(survey, 0)
    elif change == "reworded question":
        _reword(survey)
    elif change == "answer edited":
        _edit_answer(survey)
    elif change == "response moved":
        _move_response(survey)
    elif change == "responses deleted":
        _delete_responses(survey)
    elif change == "wave deleted":
        wave.delete()
    after = coordinator.get(url, school)
    assert len(built) == 2  # built again, not served from the cache
    expected = Response.objects.filter(questionnaire=survey, **school).count()
    assert f"{expected} odpowiedzi" in after.context["results_html"]
    if change == "reworded question":
        assert "(poprawione)" in after.context["results_html"]
    else:
        numbers = list(
            Answer.objects.filter(question__code="useful", response__questionnaire=survey)
            .filter(**{f"response__{name}": value for name, value in school.items()})
            .values_list("number", flat=True)
        )
        assert _mean(after.context) == pytest.approx(sum(numbers) / len(numbers))
        assert after.context["results_html"] != before.context["results_html"]
    coordinator.get(url, school)
    assert len(built) == 2  # and kept again under the new stamp


def test_the_stamp_grows_with_every_change_and_holds_no_time():
    survey = _survey(n=6)
    seen = [results_stamp(survey)[0]]
    _submit(survey, 1)
    seen.append(results_stamp(survey)[0])
    _edit_answer(survey)
    assert results_stamp(survey)[1]  # stale: the tallies missed that change
    tallies.tallies_rebuild(survey)
    seen.append(results_stamp(survey)[0])
    assert not results_stamp(survey)[1]
    assert len(set(seen)) == len(seen)
    # Anonymity: a count of changes and a random number; no time, no response key (issue 9, part 3).
    fields = {field.name: field for field in ResultsStamp._meta.get_fields()}
    assert set(fields) == {"questionnaire", "version", "salt", "stale"}
    assert not any(isinstance(field, models.DateField | models.UUIDField) for field in fields.values())


def test_a_rolled_back_submission_leaves_the_stamp_as_it_was():
    survey = _survey(n=6)
    stamp = results_stamp(survey)

    def submit_and_fail():
        with transaction.atomic():
            _submit(survey, 1)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        submit_and_fail()
    assert results_stamp(survey) == stamp


def test_rows_written_by_raw_sql_are_caught_by_the_periodic_check(coordinator, built):
    survey = _survey(n=6)
    url = reverse("surveys:results", args=[survey.pk])
    assert "6 odpowiedzi" in coordinator.get(url).context["results_html"]
    extra = Response(
        questionnaire=survey,
        wave=survey.waves.get(),
        language="pl",
        submitted_on="2026-06-01",
        is_anonymous=True,
    )
    Response.objects.bulk_create([extra])  # no signal: as a raw import
    assert tallies.tallies_verify() == 1
    assert "7 odpowiedzi" in coordinator.get(url).context["results_html"]
    assert tallies.tallies_verify() == 0
