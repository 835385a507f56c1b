"""A coordinator adds a question in the builder and previews; a participant answers in English through the
personal link: the "other" answer reveals a text question (live, in the browser), they save halfway and finish
later; an answer typed into a question that ends up hidden is not sent and not stored. axe-core on every page."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rozwoj.accounts.models import Role
from rozwoj.people.tests.factories import PersonFactory, person_with_login
from rozwoj.surveys.models import Answer, Invitation, InvitationStatus, Response
from rozwoj.surveys.services.distribution import distribution_to_people, send_due_invitations
from rozwoj.surveys.tests.factories import training_feedback


@pytest.mark.django_db(transaction=True)
def test_build_answer_save_halfway_and_finish(page, axe, login_as):
    coordinator = person_with_login(Role.COORDINATOR).user
    questionnaire = training_feedback(coordinator)
    login_as(coordinator)

    page.goto(f"/surveys/manage/{questionnaire.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(str(questionnaire))
    axe(page)
    page.locator(
        f"a[href='/surveys/manage/{questionnaire.pk}/questions/new/?section={questionnaire.sections.get().pk}']"
    ).click()
    page.locator("select[name=kind]").select_option("yes_no")
    page.locator("textarea[name=text_pl]").fill("Czy polecisz szkolenie?")
    page.locator("textarea[name=text_en]").fill("Would you recommend the training?")
    axe(page)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Czy polecisz szkolenie?")
    page.goto(f"/surveys/manage/{questionnaire.pk}/preview/?lang=en")
    expect(page.locator("legend").first).to_be_visible()
    axe(page)

    participant = PersonFactory(first_name="Ewa", last_name="Uczestniczka")
    distribution_to_people(questionnaire, [participant], None, "Uczestnicy", "", coordinator)
    send_due_invitations(timezone.now())
    invitation = Invitation.objects.get(person=participant)
    page.context.clear_cookies()

    page.goto(f"/surveys/answer/{invitation.token}/?lang=en")
    where = page.locator("#question-q3")
    expect(where).to_be_hidden()
    axe(page)
    page.locator("#question-q1-r1-4").check()
    page.locator("#question-q1-r2-5").check()
    page.locator("#question-q2-other").check()
    expect(where).to_be_visible()  # revealed live by the browser
    page.locator("#question-q2-other-text").fill("A poster")
    where.locator("input").fill("On the noticeboard")
    page.locator("#question-q4-input").fill("Half of my thoughts")
    page.get_by_role("button", name=re.compile("Save and continue later")).click()
    expect(page.locator(".messages")).to_contain_text("saved")
    assert Invitation.objects.get(pk=invitation.pk).status == InvitationStatus.STARTED

    # The next day: the answers are there; the participant changes their mind about "other".
    page.goto(f"/surveys/answer/{invitation.token}/")
    expect(page.locator("#question-q4-input")).to_have_value("Half of my thoughts")
    expect(where).to_be_visible()
    page.locator("#question-q2-o1").check()
    expect(where).to_be_hidden()  # its typed answer stays in the field but is not sent
    page.locator("#question-q5-input").fill("42")
    page.get_by_role("button", name=re.compile("Send my answers")).click()
    expect(page.locator("#error-summary")).to_be_visible()
    axe(page)
    page.locator("#error-summary a[href='#question-q5']").click()
    page.locator("#question-q5-input").fill("8")
    page.locator("#question-q6-yes").check()
    page.get_by_role("button", name=re.compile("Send my answers")).click()
    expect(page).to_have_url(re.compile(r"/surveys/thanks/\?lang=en"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    axe(page)

    response = Response.objects.get()
    answers = dict(Answer.objects.filter(response=response).values_list("question__code", "value"))
    assert answers == {"q1": {"r1": 4, "r2": 5}, "q2": "o1", "q4": "Half of my thoughts", "q5": 8, "q6": True}
    assert response.language == "en"
    assert not Answer.objects.filter(text__in=["A poster", "On the noticeboard"]).exists()
