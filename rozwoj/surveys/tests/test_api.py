import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rozwoj.people.tests.factories import PersonFactory
from rozwoj.surveys import conditions
from rozwoj.surveys.models import Invitation, Response
from rozwoj.surveys.services.answers import parse_answers
from rozwoj.surveys.services.distribution import distribution_to_people
from rozwoj.surveys.services.responding import active_questions

from .factories import good_answers, training_feedback

pytestmark = pytest.mark.django_db


def _post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_the_operations_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/surveys/questionnaires" in paths
    assert "/api/v1/surveys/invitations/{token}/response" in paths


def test_answering_through_the_api_checks_every_answer_and_takes_one_response(client, coordinator):
    questionnaire = training_feedback(coordinator)
    person = PersonFactory()
    distribution_to_people(questionnaire, [person], None, "API", "", coordinator)
    url = f"/api/v1/surveys/invitations/{Invitation.objects.get().token}/response"
    for body in (
        {"answers": "nope"},
        {"answers": {"q-q2": {"nested": 1}}},
        {"answers": good_answers(**{"q-q2": "o99"})},
        {"answers": good_answers(**{"q-q5": "-1"})},
        {"answers": good_answers(), "panel_code": "x" * 101},
        {"answers": good_answers(), "language": "x" * 50},
    ):
        response = _post(client, url, body)
        assert response.status_code in (400, 422), (body, response.content)
        assert response.json()["errors"], body
    errors = _post(client, url, {"answers": good_answers(**{"q-q2": "o99"})}).json()["errors"]
    assert errors[0]["field"] == "q-q2"
    assert not Response.objects.exists()
    assert _post(client, url, {"answers": good_answers(), "language": "en"}).status_code == 201
    assert _post(client, url, {"answers": good_answers()}).status_code == 409
    assert Response.objects.count() == 1
    assert _post(client, "/api/v1/surveys/invitations/unknown/response", {"answers": {}}).status_code == 404


def test_sending_through_the_api_refuses_unknown_people_and_foreign_waves(client, coordinator):
    questionnaire = training_feedback(coordinator)
    other = training_feedback(coordinator)
    client.force_login(coordinator)
    url = f"/api/v1/surveys/questionnaires/{questionnaire.pk}/distributions"
    assert _post(client, url, {"kind": "people", "person_ids": [999999]}).status_code == 404
    assert _post(client, url, {"kind": "people", "person_ids": [2**40]}).status_code == 404
    assert _post(client, url, {"kind": "people", "person_ids": []}).status_code == 422
    assert _post(client, url, {"kind": "nonsense"}).status_code == 422
    assert _post(client, url, {"kind": "public_link", "wave_id": other.waves.get().pk}).status_code == 404
    person = PersonFactory()
    response = _post(client, url, {"kind": "people", "person_ids": [person.pk]})
    assert response.status_code == 201
    assert response.json()["invited"] == 1


@pytest.mark.parametrize("send_at", ["0001-01-01T10:00:00Z", "9999-12-31T10:00:00Z", "1899-12-31T23:00:00Z"])
def test_a_sending_time_outside_1900_to_2100_answers_422_naming_the_field(client, coordinator, send_at):
    questionnaire = training_feedback(coordinator)
    client.force_login(coordinator)
    url = f"/api/v1/surveys/questionnaires/{questionnaire.pk}/distributions"
    body = {"kind": "people", "person_ids": [PersonFactory().pk], "send_at": send_at}
    client.cookies["rozwoj_language"] = "en"
    response = _post(client, url, body)
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "payload.send_at", "message": "Enter a date between 1900 and 2100."}
    ]
    assert not Invitation.objects.exists()
    body["send_at"] = "2100-06-01T10:00:00Z"
    assert _post(client, url, body).status_code == 201


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.dictionaries(
        st.sampled_from(["q-q1-r1", "q-q1-r2", "q-q2", "q-q2-other", "q-q3", "q-q4", "q-q5", "q-x", "q-q1"]),
        st.one_of(st.text(max_size=30), st.lists(st.text(max_size=5), max_size=3)),
        max_size=8,
    )
)
def test_any_form_is_checked_without_an_exception(coordinator, data):
    questionnaire = training_feedback(coordinator)
    parsed = parse_answers(active_questions(questionnaire), conditions.structure_of(questionnaire), data)
    assert set(parsed.values) <= parsed.visible
    assert all(key.startswith("q-") for key in parsed.errors)


def test_api_lists_run_a_bounded_number_of_queries(client, coordinator, django_assert_max_num_queries):
    questionnaire = training_feedback(coordinator)
    client.force_login(coordinator)

    def answer(count):
        people = [PersonFactory() for _ in range(count)]
        distribution = distribution_to_people(questionnaire, people, None, "API", "", coordinator)
        for invitation in distribution.invitations.all():
            _post(
                client,
                f"/api/v1/surveys/invitations/{invitation.token}/response",
                {"answers": good_answers()},
            )

    for count in (2, 10):
        answer(count)
        training_feedback(coordinator)
        with django_assert_max_num_queries(12):
            assert (
                client.get(f"/api/v1/surveys/questionnaires/{questionnaire.pk}/responses").status_code == 200
            )
        with django_assert_max_num_queries(10):
            assert client.get("/api/v1/surveys/questionnaires").status_code == 200
        with django_assert_max_num_queries(10):
            assert client.get(f"/api/v1/surveys/questionnaires/{questionnaire.pk}").status_code == 200
