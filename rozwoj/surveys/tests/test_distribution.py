import datetime

import pytest
from django.core import mail
from django.utils import timezone

from rozwoj.core.periodic import registry
from rozwoj.people.tests.factories import PersonFactory, person_with_login
from rozwoj.surveys.models import Invitation, InvitationStatus
from rozwoj.surveys.services.distribution import (
    distribution_to_people,
    send_due_invitations,
    send_due_reminders,
)
from rozwoj.surveys.services.responding import Respondent, response_submit

from .factories import good_answers, training_feedback

pytestmark = pytest.mark.django_db


def test_invitations_leave_when_due_once_each(coordinator, participants, django_capture_on_commit_callbacks):
    questionnaire = training_feedback(coordinator)
    later = timezone.now() + datetime.timedelta(days=1)
    distribution_to_people(
        questionnaire, participants, later, "Uczestnicy szkolenia", "/events/1/", coordinator
    )
    assert send_due_invitations() == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_invitations(later) == 3
    assert send_due_invitations(later) == 0
    assert len(mail.outbox) == 3
    invitation = Invitation.objects.get(person=participants[0])
    assert invitation.token in mail.outbox[0].body or any(invitation.token in m.body for m in mail.outbox)
    assert all(m.to[0] in {p.email for p in participants} for m in mail.outbox)


def test_people_already_invited_to_the_wave_are_not_invited_twice(coordinator, participants):
    questionnaire = training_feedback(coordinator)
    distribution_to_people(questionnaire, participants[:2], None, "A", "", coordinator)
    second = distribution_to_people(questionnaire, participants, None, "B", "", coordinator)
    assert second.invitations.count() == 1
    assert Invitation.objects.count() == 3


def test_reminders_go_only_to_those_who_have_not_answered(
    coordinator, participants, django_capture_on_commit_callbacks
):
    questionnaire = training_feedback(coordinator)
    distribution_to_people(
        questionnaire, participants, None, "A", "", coordinator, reminder_every_days=3, max_reminders=1
    )
    now = timezone.now()
    send_due_invitations(now)
    answered = Invitation.objects.get(person=participants[0])
    response_submit(
        questionnaire=questionnaire,
        wave=answered.wave,
        respondent=Respondent(invitation=answered),
        language="pl",
        data=good_answers(),
    )
    mail.outbox.clear()
    assert send_due_reminders(now + datetime.timedelta(days=1)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders(now + datetime.timedelta(days=4)) == 2
    assert send_due_reminders(now + datetime.timedelta(days=8)) == 0  # at most one
    assert {m.to[0] for m in mail.outbox} == {participants[1].email, participants[2].email}
    assert Invitation.objects.get(person=participants[0]).reminders_sent == 0


def test_the_e_mail_is_in_the_recipient_language(coordinator, django_capture_on_commit_callbacks):
    questionnaire = training_feedback(coordinator)
    english = person_with_login(None)
    english.user.preferred_language = "en"
    english.user.save()
    polish = PersonFactory()
    distribution_to_people(questionnaire, [english, polish], None, "A", "", coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        send_due_invitations()
    by_address = {m.to[0]: m for m in mail.outbox}
    assert by_address[english.email].subject.startswith("Questionnaire: Questionnaire")
    assert by_address[polish.email].subject.startswith("Ankieta: Ankieta")
    assert Invitation.objects.get(person=english).language == "en"


def test_nothing_is_sent_for_a_closed_questionnaire(coordinator, participants):
    questionnaire = training_feedback(coordinator, status="closed")
    distribution_to_people(questionnaire, participants, None, "A", "", coordinator)
    assert send_due_invitations() == 0
    assert Invitation.objects.filter(status=InvitationStatus.PENDING).count() == 3


def test_the_jobs_are_registered():
    assert registry.get("surveys.send_invitations").every == datetime.timedelta(minutes=15)
    assert registry.get("surveys.send_reminders").every == datetime.timedelta(hours=1)
