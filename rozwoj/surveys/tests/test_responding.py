import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from rozwoj.organisations.tests.factories import LocalGovernmentOfficeFactory
from rozwoj.people.tests.factories import MembershipFactory, PersonFactory
from rozwoj.surveys.models import Answer, Invitation, InvitationStatus, Response, ResponseDraft
from rozwoj.surveys.services.distribution import distribution_to_people
from rozwoj.surveys.services.responding import Respondent, draft_save, response_submit

from .factories import add_question, good_answers, options, training_feedback

pytestmark = pytest.mark.django_db


def _invitation(questionnaire, coordinator, person=None):
    person = person or PersonFactory()
    distribution_to_people(questionnaire, [person], None, "Uczestnicy", "", coordinator)
    return Invitation.objects.get(person=person, wave__questionnaire=questionnaire)


def _submit(questionnaire, invitation, data, **kwargs):
    return response_submit(
        questionnaire=questionnaire,
        wave=invitation.wave,
        respondent=Respondent(invitation=invitation),
        language="pl",
        data=data,
        **kwargs,
    )


def test_a_complete_response_is_stored_with_typed_columns(coordinator):
    questionnaire = training_feedback(coordinator)
    invitation = _invitation(questionnaire, coordinator)
    response = _submit(questionnaire, invitation, good_answers())
    answers = {answer.question.code: answer for answer in response.answers.select_related("question")}
    assert answers["q1"].value == {"r1": 4, "r2": 5}
    assert answers["q2"].choice == "o1"
    assert answers["q5"].number == 7.0
    assert answers["q4"].text == "Dobre szkolenie"
    assert "q3" not in answers
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.RESPONDED
    assert response.person_id == invitation.person_id  # confidential: the platform knows
    assert response.panel_key


def test_other_reveals_the_text_question_and_its_answer_is_required(coordinator):
    questionnaire = training_feedback(coordinator)
    invitation = _invitation(questionnaire, coordinator)
    with pytest.raises(ValidationError) as error:
        _submit(questionnaire, invitation, good_answers(**{"q-q2": "other"}))
    assert set(error.value.message_dict) == {"q-q2", "q-q3"}  # what is "other", and the revealed question
    response = _submit(
        questionnaire,
        invitation,
        good_answers(**{"q-q2": "other", "q-q2-other": "Plakat", "q-q3": "Na tablicy"}),
    )
    answers = dict(response.answers.values_list("question__code", "value"))
    assert answers["q2"] == "other"
    assert answers["q3"] == "Na tablicy"
    assert response.answers.get(question__code="q2").text == "Plakat"


def test_the_answer_to_a_hidden_question_is_discarded_never_stored(coordinator):
    questionnaire = training_feedback(coordinator)
    invitation = _invitation(questionnaire, coordinator)
    # A tampered form: q3 is hidden (q2 is not "other") but carries an answer.
    response = _submit(
        questionnaire, invitation, good_answers(**{"q-q3": "tampered", "q-q2-other": "tampered"})
    )
    assert not Answer.objects.filter(question__code="q3").exists()
    assert not Answer.objects.filter(text="tampered").exists()
    assert response.answers.count() == 4


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("q-q2", "o99"),  # an option that does not exist
        ("q-q5", "11"),  # out of range
        ("q-q5", "nan"),
        ("q-q5", "1e400"),
        ("q-q1-r1", "6"),  # a point off the scale
        ("q-q1-r1", "²"),
        ("q-q4", "x" * 10_001),
        ("q-q4", "a\x00b"),
    ],
)
def test_bad_answers_are_refused_with_a_message_and_nothing_stored(coordinator, field, value):
    questionnaire = training_feedback(coordinator)
    invitation = _invitation(questionnaire, coordinator)
    with pytest.raises(ValidationError) as error:
        _submit(questionnaire, invitation, good_answers(**{field: value}))
    assert field.rsplit("-", 1)[0] if field.startswith("q-q1-") else field in error.value.message_dict
    assert not Response.objects.exists()
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING


def test_a_double_submission_is_refused_and_nothing_stored_twice(coordinator):
    questionnaire = training_feedback(coordinator)
    invitation = _invitation(questionnaire, coordinator)
    _submit(questionnaire, invitation, good_answers())
    with pytest.raises(ValidationError) as error:
        _submit(questionnaire, invitation, good_answers())
    assert error.value.code == "duplicate"
    assert Response.objects.count() == 1


def test_a_closed_questionnaire_refuses_answers(coordinator):
    questionnaire = training_feedback(coordinator, status="closed")
    invitation = _invitation(questionnaire, coordinator)
    with pytest.raises(ValidationError) as error:
        _submit(questionnaire, invitation, good_answers())
    assert error.value.code == "closed"


def test_every_kind_of_question_is_checked(coordinator):
    questionnaire = training_feedback(coordinator)
    add_question(questionnaire, "q6", "multiple", options=options("a", "b", "c"))
    add_question(questionnaire, "q7", "likert", scale_points=7)
    add_question(questionnaire, "q8", "date")
    add_question(questionnaire, "q9", "yes_no")
    add_question(questionnaire, "q10", "ranking", options=options("x", "y", "z"))
    invitation = _invitation(questionnaire, coordinator)
    base = good_answers(**{"q-q6": ["o3", "o1"], "q-q7": "7", "q-q8": "2030-05-01", "q-q9": "no"})
    bad_rank = {**base, "q-q10-o1": "1", "q-q10-o2": "1", "q-q10-o3": "2"}
    with pytest.raises(ValidationError) as error:
        _submit(questionnaire, invitation, bad_rank)
    assert list(error.value.message_dict) == ["q-q10"]
    with pytest.raises(ValidationError):
        _submit(questionnaire, invitation, {**base, "q-q8": "2030-13-01"})
    response = _submit(questionnaire, invitation, {**base, "q-q10-o1": "2", "q-q10-o2": "3", "q-q10-o3": "1"})
    answers = dict(response.answers.values_list("question__code", "value"))
    assert answers["q6"] == ["o1", "o3"]
    assert answers["q7"] == 7
    assert answers["q8"] == "2030-05-01"
    assert answers["q9"] is False
    assert answers["q10"] == ["o3", "o1", "o2"]
    assert response.answers.get(question__code="q9").choice == "no"


def test_save_and_continue_keeps_the_answers_until_submitted(coordinator):
    questionnaire = training_feedback(coordinator)
    invitation = _invitation(questionnaire, coordinator)
    respondent = Respondent(invitation=invitation)
    draft_save(
        questionnaire=questionnaire,
        wave=invitation.wave,
        respondent=respondent,
        language="en",
        data={"q-q4": "half"},
    )
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.STARTED
    assert ResponseDraft.objects.get(invitation=invitation).data == {"q-q4": ["half"]}
    _submit(questionnaire, invitation, good_answers())
    assert not ResponseDraft.objects.exists()


def test_respondent_attributes_are_copied_for_filters(coordinator):
    questionnaire = training_feedback(coordinator, anonymity="anonymous")
    office = LocalGovernmentOfficeFactory()
    person = PersonFactory()
    MembershipFactory(person=person, organisation=office)
    invitation = _invitation(questionnaire, coordinator, person)
    response = _submit(questionnaire, invitation, good_answers())
    assert response.organisation_kind == office.kind
    assert response.local_government_kind == office.local_government.kind
    assert response.voivodeship == office.local_government.terc[:2]
    assert response.role == "participant"


# --- the anonymity promise in the database rows ---------------------------------------------------------


def _rows(table: str) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 — fixed table names
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def test_an_anonymous_response_row_holds_nothing_that_joins_it_to_the_invitation(coordinator):
    questionnaire = training_feedback(coordinator, anonymity="anonymous")
    person = PersonFactory(first_name="Zofia", last_name="Anonimowa")
    invitation = _invitation(questionnaire, coordinator, person)
    draft_save(
        questionnaire=questionnaire,
        wave=invitation.wave,
        respondent=Respondent(invitation=invitation),
        language="pl",
        data={},
    )
    response = _submit(questionnaire, invitation, good_answers(), panel_code="Moja-Kod 12")
    invitation.refresh_from_db()
    assert response.person_id is None
    assert response.submitted_at is None
    assert isinstance(response.submitted_on, datetime.date)
    assert not ResponseDraft.objects.exists()
    (row,) = _rows("surveys_response")
    structural = {"questionnaire_id", "wave_id", "questionnaire_version", "is_anonymous", "is_demo"}
    for column, value in row.items():
        if column not in structural and value is not None:
            assert str(value) not in {str(person.pk), str(invitation.pk), str(invitation.distribution_id)}, (
                column
            )
    for answer_row in _rows("surveys_answer") + [row]:
        for value in answer_row.values():
            assert invitation.token not in str(value)
            assert person.email not in str(value)
            assert "Anonimowa" not in str(value)
    # The response's columns: no key but its questionnaire and wave; no time finer than the day.
    columns = {field.column for field in Response._meta.concrete_fields}
    assert not {"invitation_id", "distribution_id", "created_at", "updated_at"} & columns
    assert "responded_on" in {field.name for field in Invitation._meta.concrete_fields}
    assert "updated_at" not in {field.name for field in Invitation._meta.concrete_fields}
    assert invitation.responded_on == response.submitted_on
    # The panel key comes from the respondent's code: the same code gives the same key, a person's id does not.
    from rozwoj.surveys.services.responding import panel_key_for_person, panel_key_from_code

    assert response.panel_key == panel_key_from_code(questionnaire, "moja-kod12")
    assert response.panel_key != panel_key_for_person(questionnaire, person.pk)


def test_the_database_refuses_a_person_on_an_anonymous_response(coordinator):
    from django.db import IntegrityError, transaction

    questionnaire = training_feedback(coordinator, anonymity="anonymous")
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(
            questionnaire=questionnaire,
            wave=questionnaire.waves.get(),
            language="pl",
            submitted_on=datetime.date(2030, 1, 1),
            is_anonymous=True,
            person=PersonFactory(),
        )
