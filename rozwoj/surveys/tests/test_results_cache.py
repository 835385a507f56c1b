"""The rendered results (page) and the API's results are kept in the cache under a key that changes whenever a
response is added or removed, or a question is reworded: the numbers shown are never those of before a change."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from rozwoj.accounts.models import Role
from rozwoj.people.tests.factories import PersonFactory, person_with_login
from rozwoj.surveys.models import Anonymity, Answer, Response
from rozwoj.surveys.services import responding
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
