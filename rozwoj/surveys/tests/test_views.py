import pytest
from django.urls import reverse

from rozwoj.accounts.models import Role
from rozwoj.people.tests.factories import PersonFactory, person_with_login
from rozwoj.surveys.models import (
    Answer,
    Distribution,
    Invitation,
    InvitationStatus,
    Question,
    Questionnaire,
    Response,
)
from rozwoj.surveys.services.distribution import distribution_public_link, distribution_to_people

from .factories import QuestionnaireFactory, add_question, good_answers, training_feedback

pytestmark = pytest.mark.django_db


def _invite(questionnaire, coordinator, person=None):
    person = person or PersonFactory()
    distribution_to_people(questionnaire, [person], None, "Uczestnicy", "", coordinator)
    return Invitation.objects.get(person=person, wave__questionnaire=questionnaire)


def test_a_coordinator_builds_a_questionnaire_in_two_languages(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("surveys:create"),
        {
            "languages": ["pl", "en"],
            "anonymity": "confidential",
            "min_group_size": "5",
            "title_pl": "Ocena szkolenia",
            "title_en": "Training feedback",
        },
    )
    questionnaire = Questionnaire.objects.get(is_template=False)
    assert response.status_code == 302
    assert questionnaire.title == {"pl": "Ocena szkolenia", "en": "Training feedback"}
    section = questionnaire.sections.get()
    response = client.post(
        reverse("surveys:question_create", args=[questionnaire.pk]) + f"?section={section.pk}",
        {
            "kind": "single",
            "required": "on",
            "allow_other": "on",
            "scale_points": "5",
            "text_pl": "Skąd wiesz o szkoleniu?",
            "text_en": "How did you hear of the training?",
            "options_pl": "Internet\nKoleżanka",
            "options_en": "Internet\nA colleague",
            "combine": "all",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    response = client.post(
        reverse("surveys:question_create", args=[questionnaire.pk]) + f"?section={section.pk}",
        {
            "kind": "short_text",
            "text_pl": "Jakie inne źródło?",
            "text_en": "Which other source?",
            "combine": "all",
            "rule1_question": "q1",
            "rule1_op": "equals",
            "rule1_value": "other",
        },
    )
    assert response.status_code == 302
    first, second = Question.objects.filter(questionnaire=questionnaire).order_by("order")
    assert first.options == [
        {"code": "o1", "label": {"pl": "Internet", "en": "Internet"}},
        {"code": "o2", "label": {"pl": "Koleżanka", "en": "A colleague"}},
    ]
    assert second.condition == {"all": [{"question": "q1", "op": "equals", "value": "other"}]}
    page = client.get(reverse("surveys:builder", args=[questionnaire.pk])).content.decode()
    assert "Skąd wiesz o szkoleniu?" in page
    assert client.post(reverse("surveys:open", args=[questionnaire.pk])).status_code == 302
    questionnaire.refresh_from_db()
    assert questionnaire.status == "open"
    preview = client.get(reverse("surveys:preview", args=[questionnaire.pk]) + "?lang=en").content.decode()
    assert "A colleague" in preview
    assert "<legend>How did you hear of the training?" in preview


def test_a_missing_translation_is_shown_and_keeps_the_questionnaire_closed(client, coordinator):
    questionnaire = QuestionnaireFactory(owner=coordinator, title={"pl": "Tylko po polsku"})
    add_question(questionnaire, "q1", "long_text", text={"pl": "Uwagi"})
    client.force_login(coordinator)
    page = client.get(reverse("surveys:builder", args=[questionnaire.pk])).content.decode()
    assert "Pytanie q1 — en" in page
    client.post(reverse("surveys:open", args=[questionnaire.pk]))
    questionnaire.refresh_from_db()
    assert questionnaire.status == "draft"


def test_bad_builder_input_is_a_field_error(client, coordinator):
    questionnaire = QuestionnaireFactory(owner=coordinator)
    client.force_login(coordinator)
    url = reverse("surveys:question_create", args=[questionnaire.pk])
    for data in (
        {"kind": "single", "text_pl": "A", "options_pl": "tylko jedna"},
        {"kind": "likert", "text_pl": "A", "scale_points": "40"},
        {"kind": "number", "text_pl": "A", "min_value": "5", "max_value": "1"},
        {"kind": "nonsense", "text_pl": "A"},
        {
            "kind": "short_text",
            "text_pl": "A",
            "rule1_question": "q9",
            "rule1_op": "equals",
            "rule1_value": "x",
        },
        {"kind": "single", "text_pl": "A", "options_pl": "a\nb", "options_en": "a"},
    ):
        response = client.post(url, data)
        assert response.status_code == 400, data
    assert client.get(url + "?section=99999999999999999999").status_code == 200
    assert not Question.objects.filter(questionnaire=questionnaire).exists()


def test_a_participant_answers_through_the_personal_link_saving_halfway(client, coordinator):
    questionnaire = training_feedback(coordinator)
    invitation = _invite(questionnaire, coordinator)
    url = reverse("surveys:respond", args=[invitation.token])
    page = client.get(url + "?lang=en").content.decode()
    assert "<legend>Where exactly?" in page
    assert 'data-code="q3"' in page
    response = client.post(url, {"language": "en", "action": "save", "q-q4": "Half done"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Half done" in page
    assert 'lang="en"' in page
    # An error is named and linked to its question.
    response = client.post(url, {"language": "en", "action": "submit", **good_answers(**{"q-q5": "99"})})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#question-q5"' in page
    assert "at most 10" in page
    assert not Response.objects.exists()
    response = client.post(url, {"language": "en", "action": "submit", **good_answers()})
    assert response.status_code == 302
    stored = Response.objects.get()
    assert stored.language == "en"
    assert client.get(url).status_code == 200
    assert (
        "already answered" in client.get(url).content.decode().lower() or client.get(url).status_code == 200
    )
    response = client.post(url, {"action": "submit", **good_answers()})
    assert response.status_code == 200
    assert Response.objects.count() == 1


def test_without_javascript_the_server_shows_the_questions_that_apply(client, coordinator):
    questionnaire = training_feedback(coordinator)
    invitation = _invite(questionnaire, coordinator)
    url = reverse("surveys:respond", args=[invitation.token])
    page = client.get(url).content.decode()
    assert 'id="question-q3" class="survey-question" tabindex="-1" data-question data-code="q3"' in page
    assert "hidden disabled" in page.split('id="question-q3"')[1].split(">")[0]
    page = client.post(url, {"action": "refresh", "q-q2": "other"}).content.decode()
    assert "hidden disabled" not in page.split('id="question-q3"')[1].split(">")[0]


def test_a_closed_questionnaire_answers_with_a_message_not_an_error(client, coordinator):
    questionnaire = training_feedback(coordinator, status="closed")
    invitation = _invite(questionnaire, coordinator)
    url = reverse("surveys:respond", args=[invitation.token])
    for response in (client.get(url), client.post(url, {"action": "submit", **good_answers()})):
        assert response.status_code == 200
        assert "closed" in response.content.decode() or "zamknięta" in response.content.decode()
    assert client.get(reverse("surveys:respond", args=["x" * 500])).status_code == 404


def test_a_public_link_takes_one_response_per_browser(client, coordinator):
    questionnaire = training_feedback(coordinator, anonymity="anonymous")
    distribution = distribution_public_link(actor=coordinator, questionnaire=questionnaire)
    url = reverse("surveys:respond_public", args=[distribution.public_token])
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "submit", **good_answers()}).status_code == 302
    assert client.post(url, {"action": "submit", **good_answers()}).status_code == 200
    assert Response.objects.count() == 1
    assert Response.objects.get().person is None


def test_my_questionnaires_lists_what_waits_and_my_own_answers_only(client, coordinator):
    person = person_with_login(None)
    other = person_with_login(None)
    named = training_feedback(coordinator, anonymity="named")
    anonymous = training_feedback(coordinator, anonymity="anonymous")
    waiting = training_feedback(coordinator)
    for questionnaire in (named, anonymous, waiting):
        _invite(questionnaire, coordinator, person)
    from rozwoj.surveys.services.distribution import send_due_invitations

    send_due_invitations()
    for questionnaire in (named, anonymous):
        invitation = Invitation.objects.get(person=person, wave__questionnaire=questionnaire)
        client.post(
            reverse("surveys:respond", args=[invitation.token]), {"action": "submit", **good_answers()}
        )
    client.force_login(person.user)
    page = client.get(reverse("surveys:mine")).content.decode()
    assert str(waiting) in page
    mine = Response.objects.get(person=person)
    assert reverse("surveys:my_response", args=[mine.pk]) in page
    assert client.get(reverse("surveys:my_response", args=[mine.pk])).status_code == 200
    anonymous_response = Response.objects.get(questionnaire=anonymous)
    assert client.get(reverse("surveys:my_response", args=[anonymous_response.pk])).status_code == 404
    client.force_login(other.user)
    assert client.get(reverse("surveys:my_response", args=[mine.pk])).status_code == 404


def test_the_list_runs_a_bounded_number_of_queries(client, coordinator, django_assert_max_num_queries):
    client.force_login(coordinator)
    for _ in range(3):
        training_feedback(coordinator)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("surveys:list")).status_code == 200
    for _ in range(12):
        training_feedback(coordinator)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("surveys:list")).status_code == 200


def test_the_builder_and_respondent_pages_run_a_bounded_number_of_queries(
    client, coordinator, django_assert_max_num_queries
):
    questionnaire = training_feedback(coordinator)
    for number in range(6, 30):
        add_question(questionnaire, f"q{number}", "likert", scale_points=5)
    invitation = _invite(questionnaire, coordinator)
    with django_assert_max_num_queries(15):
        client.get(reverse("surveys:respond", args=[invitation.token]))
    with django_assert_max_num_queries(25):
        assert (
            client.post(
                reverse("surveys:respond", args=[invitation.token]), {"action": "submit", **good_answers()}
            ).status_code
            == 302
        )
    assert Answer.objects.count() == 4
    client.force_login(coordinator)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("surveys:builder", args=[questionnaire.pk])).status_code == 200


def test_distribution_page_sends_to_listed_addresses_and_refuses_unknown_ones(client, coordinator):
    questionnaire = training_feedback(coordinator)
    people = [PersonFactory() for _ in range(2)]
    client.force_login(coordinator)
    url = reverse("surveys:distributions", args=[questionnaire.pk])
    wave = questionnaire.waves.get()
    data = {"target": "people", "wave": wave.pk, "reminder_every_days": "7", "max_reminders": "2"}
    response = client.post(url, {**data, "addresses": f"{people[0].email}\nnobody@example.org"})
    assert response.status_code == 400
    assert "nobody@example.org" in response.content.decode()
    assert not Distribution.objects.exists()
    response = client.post(url, {**data, "addresses": "\n".join(person.email.upper() for person in people)})
    assert response.status_code == 302
    assert Invitation.objects.filter(status=InvitationStatus.PENDING).count() == 2
    response = client.post(url, {**data, "target": "public_link"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert Distribution.objects.get(kind="public_link").public_token in page


def test_an_expert_builds_their_own_and_not_others(client, coordinator, expert):
    mine = training_feedback(expert)
    theirs = training_feedback(coordinator)
    client.force_login(expert)
    assert client.get(reverse("surveys:builder", args=[mine.pk])).status_code == 200
    assert client.get(reverse("surveys:builder", args=[theirs.pk])).status_code == 404
    page = client.get(reverse("surveys:list")).content.decode()
    assert str(mine) in page
    assert str(theirs) not in page
    member = person_with_login(Role.LOCAL_GOVERNMENT_MEMBER)
    client.force_login(member.user)
    assert client.get(reverse("surveys:list")).status_code == 403
