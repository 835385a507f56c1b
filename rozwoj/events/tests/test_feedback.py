"""A training's feedback questionnaire: attached on the management page, sent to the confirmed participants once
the last session has ended (through the questionnaires app), its response rate shown there."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from rozwoj.core.periodic import registry
from rozwoj.events.models import EventFeedback, RegistrationStatus
from rozwoj.events.services.feedback import feedback_attach, send_due_feedback
from rozwoj.surveys.models import Invitation
from rozwoj.surveys.services.responding import Respondent, response_submit
from rozwoj.surveys.tests.factories import good_answers, training_feedback

from .factories import RegistrationFactory, SessionFactory, coordinator, trainer_of

pytestmark = pytest.mark.django_db


def _training():
    first = SessionFactory(starts_at=timezone.now() + datetime.timedelta(days=1))
    last = SessionFactory(event=first.event, starts_at=timezone.now() + datetime.timedelta(days=3))
    confirmed = [RegistrationFactory(event=first.event) for _ in range(3)]
    RegistrationFactory(event=first.event, status=RegistrationStatus.CANCELLED)
    return first.event, last, confirmed


def test_sent_after_the_last_session_to_confirmed_participants_once():
    event, last, confirmed = _training()
    actor = coordinator()
    questionnaire = training_feedback(actor)
    feedback_attach(actor=actor, event=event, questionnaire=questionnaire)
    assert send_due_feedback(timezone.now()) == 0  # the training has not ended
    after = last.ends_at + datetime.timedelta(minutes=1)
    assert send_due_feedback(after) == 1
    assert send_due_feedback(after) == 0
    invited = set(
        Invitation.objects.filter(wave__questionnaire=questionnaire).values_list("person_id", flat=True)
    )
    assert invited == {registration.person_id for registration in confirmed}
    feedback = EventFeedback.objects.get(event=event)
    assert feedback.distribution.source_url == reverse("events:detail", args=[event.pk])
    assert registry.get("events.send_feedback_questionnaires").every == datetime.timedelta(hours=1)


def test_the_management_page_attaches_and_shows_the_response_rate(client):
    event, last, confirmed = _training()
    actor = coordinator()
    questionnaire = training_feedback(actor)
    client.force_login(actor)
    url = reverse("events:feedback", args=[event.pk])
    assert client.post(url, {"questionnaire": "999999"}).status_code == 400
    assert client.post(url, {"questionnaire": questionnaire.pk}).status_code == 302
    send_due_feedback(last.ends_at + datetime.timedelta(minutes=1))
    invitation = Invitation.objects.filter(wave__questionnaire=questionnaire).first()
    response_submit(
        questionnaire=questionnaire,
        wave=invitation.wave,
        respondent=Respondent(invitation=invitation),
        language="pl",
        data=good_answers(),
    )
    page = client.get(url).content.decode()
    assert "1 z 3" in page or "1 of 3" in page


def test_a_trainer_cannot_attach_a_questionnaire_they_do_not_own():
    event, _last, _confirmed = _training()
    trainer = trainer_of(event)
    questionnaire = training_feedback(coordinator())
    with pytest.raises(PermissionDenied):
        feedback_attach(actor=trainer, event=event, questionnaire=questionnaire)


def test_the_management_page_shows_a_summary_of_the_results_from_the_minimum_group_size(client):
    event, last, confirmed = _training()
    actor = coordinator()
    questionnaire = training_feedback(actor)
    feedback_attach(actor=actor, event=event, questionnaire=questionnaire)
    send_due_feedback(last.ends_at + datetime.timedelta(minutes=1))
    client.force_login(actor)
    client.cookies["rozwoj_language"] = "en"
    url = reverse("events:feedback", args=[event.pk])
    wave = questionnaire.waves.get()
    for invitation in Invitation.objects.filter(wave=wave):
        response_submit(
            questionnaire=questionnaire,
            wave=wave,
            respondent=Respondent(invitation=invitation),
            language="pl",
            data=good_answers(),
        )
    page = client.get(url).content.decode()
    assert "3 responses so far: results are shown from 5 responses" in page
    assert "Content: 4.00" not in page
    for _number in range(2):
        response_submit(
            questionnaire=questionnaire,
            wave=wave,
            respondent=Respondent(),
            language="en",
            data=good_answers(),
        )
    page = client.get(url).content.decode()
    assert "All 5 responses to the questionnaire." in page
    assert "Content: 4.00; Trainer: 5.00" in page
    assert "most often: INTERNET (100%)" in page
    assert "mean 7.00, median 7.0" in page
    assert reverse("surveys:results", args=[questionnaire.pk]) in page
    detail = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "3 of 3 participants answered" in detail
