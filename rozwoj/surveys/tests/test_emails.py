"""The invitation and the reminder, sent by the real jobs to a reader of each language, against their snapshots
in tests/snapshots/emails/ (regenerate: ROZWOJ_UPDATE_SNAPSHOTS=1, then read the diff)."""

import datetime

import pytest
from django.utils import timezone

from rozwoj.notifications.tests.email_snapshots import assert_email_matches_snapshot, languages
from rozwoj.people.tests.factories import person_with_login
from rozwoj.surveys.models import Invitation
from rozwoj.surveys.services.distribution import (
    distribution_to_people,
    send_due_invitations,
    send_due_reminders,
)

from .factories import training_feedback

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _public_address(settings):
    settings.SITE_URL = "https://rozwoj.example.org"


def _invited(language, coordinator, anonymity):
    questionnaire = training_feedback(coordinator, anonymity=anonymity)
    questionnaire.title = {"pl": "Ocena szkolenia PRO", "en": "PRO training feedback"}
    questionnaire.closes_at = timezone.make_aware(datetime.datetime(2030, 7, 1, 12))
    questionnaire.save()
    person = person_with_login(first_name="Anna", last_name="Nowak", email=f"anna.{language}@example.org")
    person.user.preferred_language = language
    person.user.save(update_fields=["preferred_language"])
    distribution_to_people(
        questionnaire, [person], None, "Uczestnicy", "", coordinator, reminder_every_days=7
    )
    Invitation.objects.filter(person=person).update(token=f"personal-link-{language}")
    return person


@pytest.mark.parametrize("language", languages())
@pytest.mark.parametrize(
    ("kind", "anonymity"), [("surveys.invitation", "anonymous"), ("surveys.reminder", "confidential")]
)
def test_email_matches_its_snapshot(
    kind, anonymity, language, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    person = _invited(language, coordinator, anonymity)
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        send_due_invitations(now)
        if kind == "surveys.reminder":
            send_due_reminders(now + datetime.timedelta(days=8))
    mail = [m for m in mailoutbox if m.to == [person.email]][-1]
    assert f"/surveys/answer/personal-link-{language}/" in mail.body
    assert_email_matches_snapshot(mail, kind, language)
