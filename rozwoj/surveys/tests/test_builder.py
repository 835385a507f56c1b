import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rozwoj.core.models import AuditLogEntry
from rozwoj.people.tests.factories import PersonFactory
from rozwoj.surveys.models import Question, Questionnaire
from rozwoj.surveys.services import questionnaires as services
from rozwoj.surveys.services.distribution import distribution_to_people
from rozwoj.surveys.services.responding import Respondent, response_submit

from .factories import good_answers, training_feedback

pytestmark = pytest.mark.django_db


def _answer(questionnaire, coordinator):
    person = PersonFactory()
    distribution = distribution_to_people(questionnaire, [person], None, "x", "", coordinator)
    invitation = distribution.invitations.get()
    return response_submit(
        questionnaire=questionnaire,
        wave=invitation.wave,
        respondent=Respondent(invitation=invitation),
        language="pl",
        data=good_answers(),
    )


def _data(question: Question, **changes) -> dict:
    data = {
        field: getattr(question, field)
        for field in (
            "kind",
            "text",
            "help",
            "options",
            "allow_other",
            "rows",
            "scale_points",
            "scale_labels",
            "min_value",
            "max_value",
            "required",
            "condition",
        )
    }
    data.update(changes)
    return data


def test_a_typo_fix_keeps_the_question_and_is_recorded(coordinator):
    questionnaire = training_feedback(coordinator)
    _answer(questionnaire, coordinator)
    question = questionnaire.questions.get(code="q5")
    saved = services.question_save(
        actor=coordinator,
        questionnaire=questionnaire,
        section=question.section,
        question=question,
        data=_data(question, text={"pl": "Pytanie q5 (poprawione)", "en": "Question q5"}),
        wording_only=True,
    )
    assert saved.pk == question.pk
    questionnaire.refresh_from_db()
    assert questionnaire.version == 1
    assert AuditLogEntry.objects.filter(action="surveys.question_wording_fix").exists()


def test_a_change_of_meaning_after_responses_makes_a_new_version(coordinator):
    questionnaire = training_feedback(coordinator)
    _answer(questionnaire, coordinator)
    question = questionnaire.questions.get(code="q5")
    # Declared a typo fix, but the range changed: a new version all the same.
    saved = services.question_save(
        actor=coordinator,
        questionnaire=questionnaire,
        section=question.section,
        question=question,
        data=_data(question, max_value=100),
        wording_only=True,
    )
    assert saved.pk != question.pk
    question.refresh_from_db()
    assert not question.is_active
    assert question.answers.count() == 1  # the old answers stay with the old version
    assert saved.code == "q5"
    assert saved.replaces == question
    assert saved.max_value == 100
    questionnaire.refresh_from_db()
    assert questionnaire.version == 2
    response = _answer(questionnaire, coordinator)
    assert response.questionnaire_version == 2
    assert response.answers.get(question__code="q5").question == saved


def test_without_responses_a_question_changes_in_place(coordinator):
    questionnaire = training_feedback(coordinator)
    question = questionnaire.questions.get(code="q5")
    saved = services.question_save(
        actor=coordinator,
        questionnaire=questionnaire,
        section=question.section,
        question=question,
        data=_data(question, max_value=100),
    )
    assert saved.pk == question.pk
    assert Questionnaire.objects.get(is_template=False).version == 1


def test_anonymity_is_never_weakened_once_someone_answered(coordinator):
    questionnaire = training_feedback(coordinator, anonymity="confidential")
    settings = {"languages": ["pl", "en"], "min_group_size": 5, "title": questionnaire.title}
    services.questionnaire_update(
        actor=coordinator, questionnaire=questionnaire, data={**settings, "anonymity": "named"}
    )
    services.questionnaire_update(
        actor=coordinator, questionnaire=questionnaire, data={**settings, "anonymity": "confidential"}
    )
    _answer(questionnaire, coordinator)
    with pytest.raises(ValidationError) as error:
        services.questionnaire_update(
            actor=coordinator, questionnaire=questionnaire, data={**settings, "anonymity": "named"}
        )
    assert "anonymity" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.questionnaire_update(
            actor=coordinator,
            questionnaire=questionnaire,
            data={**settings, "anonymity": "confidential", "min_group_size": 2},
        )
    services.questionnaire_update(
        actor=coordinator, questionnaire=questionnaire, data={**settings, "anonymity": "anonymous"}
    )
    questionnaire.refresh_from_db()
    assert questionnaire.anonymity == "anonymous"
    assert [value for value, _label in services.anonymity_choices_for(questionnaire)] == ["anonymous"]


def test_duplicate_copies_the_questions_not_the_answers(coordinator, expert):
    questionnaire = training_feedback(coordinator)
    _answer(questionnaire, coordinator)
    copy = services.questionnaire_duplicate(actor=coordinator, questionnaire=questionnaire)
    assert copy.status == "draft"
    assert copy.questions.count() == 5
    assert copy.responses.count() == 0
    assert copy.panel_salt != questionnaire.panel_salt
    assert copy.questions.get(code="q3").condition == {"question": "q2", "op": "equals", "value": "other"}
    with pytest.raises(PermissionDenied):
        services.questionnaire_duplicate(actor=expert, questionnaire=questionnaire)


def test_reordering_moves_a_question_and_keeps_orders_consecutive(coordinator):
    questionnaire = training_feedback(coordinator)
    question = questionnaire.questions.get(code="q5")
    services.question_move(actor=coordinator, question=question, direction=-1)
    codes = list(questionnaire.questions.order_by("order").values_list("code", flat=True))
    assert codes == ["q1", "q2", "q3", "q5", "q4"]
    assert not services.question_move(
        actor=coordinator, question=questionnaire.questions.get(code="q1"), direction=-1
    )
    assert list(questionnaire.questions.order_by("order").values_list("order", flat=True)) == [1, 2, 3, 4, 5]


def test_a_condition_may_look_only_at_earlier_questions(coordinator):
    questionnaire = training_feedback(coordinator)
    question = questionnaire.questions.get(code="q2")
    with pytest.raises(ValidationError):
        services.question_save(
            actor=coordinator,
            questionnaire=questionnaire,
            section=question.section,
            question=question,
            data=_data(question, condition={"question": "q5", "op": "equals", "value": 1}),
        )


def test_the_seeded_templates_are_copied_by_a_coordinator(coordinator):
    templates = Questionnaire.objects.filter(is_template=True)
    assert set(templates.values_list("template_key", flat=True)) == {
        "training-feedback",
        "lg-self-diagnosis",
        "advisory-cycle-evaluation",
        "partnership-needs",
    }
    for template in templates:
        assert services.missing_translations(template) == []
        copy = services.questionnaire_duplicate(actor=coordinator, questionnaire=template, title_suffix="")
        services.questionnaire_open(actor=coordinator, questionnaire=copy)
        assert copy.title == template.title
        assert not copy.is_template
    diagnosis = Questionnaire.objects.get(template_key="lg-self-diagnosis", is_template=True)
    with pytest.raises(ValidationError):
        services.questionnaire_open(actor=coordinator, questionnaire=diagnosis)


def test_the_partnership_needs_survey_is_also_in_latvian_and_greek(coordinator):
    template = Questionnaire.objects.get(template_key="partnership-needs", is_template=True)
    assert template.languages == ["pl", "en", "lv", "el"]
    assert services.missing_translations(template) == []
    assert template.title_in("lv") == "Partnerības sākotnējo vajadzību aptauja"
    assert template.waves.get().label["el"] == "Μέτρηση"
    question = template.questions.get(code="q1")
    assert question.text_in("el") == "Πόσα άτομα έχει η ομάδα σας;"
    assert [option["label"]["lv"] for option in question.options][-1] == "Vairāk nekā 15"
    copy = services.questionnaire_duplicate(actor=coordinator, questionnaire=template, title_suffix="")
    assert copy.languages == template.languages
    assert copy.questions.get(code="q5").options[0]["label"]["el"] == "Διαχείριση αλλαγών"
