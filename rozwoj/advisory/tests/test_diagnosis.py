"""Stage 2's self-diagnosis questionnaire: sent to the local government's team as a copy of the seeded template,
shown on the diagnosis stage, needed (with findings and ranked priorities) before the stage closes."""

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from rozwoj.experts.models import Specialisation
from rozwoj.experts.tests.factories import expert_with_login
from rozwoj.surveys.models import Invitation, Questionnaire, Response

from ..models import Engagement, StageKind, StageStatus
from ..services import diagnosis, engagements
from .factories import engagement_with_team

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _answer(questionnaire, person=None):
    return Response.objects.create(
        questionnaire=questionnaire,
        wave=questionnaire.waves.first(),
        language="pl",
        submitted_on=timezone.localdate(),
        submitted_at=timezone.now(),
        person=person,
    )


def test_sending_copies_the_template_opens_it_and_invites_the_team(
    mailoutbox, django_capture_on_commit_callbacks
):
    engagement = engagement_with_team()
    adviser = engagement.ros_expert.person.user
    with django_capture_on_commit_callbacks(execute=True):
        questionnaire = diagnosis.diagnosis_send(actor=adviser, engagement=engagement)
    template = diagnosis.diagnosis_template()
    assert questionnaire.copied_from == template
    assert not questionnaire.is_template
    assert questionnaire.status == "open"
    assert questionnaire.programme_id == engagement.call.programme_id
    assert Engagement.objects.get(pk=engagement.pk).diagnosis_questionnaire == questionnaire
    with_email = [m.person for m in engagement.members.select_related("person") if m.person.email]
    assert with_email
    invited = set(
        Invitation.objects.filter(wave__questionnaire=questionnaire).values_list("person_id", flat=True)
    )
    assert invited == {person.pk for person in with_email}
    # sending again invites nobody twice and makes no second copy
    engagement.refresh_from_db()
    assert diagnosis.diagnosis_send(actor=adviser, engagement=engagement) == questionnaire
    assert Invitation.objects.filter(wave__questionnaire=questionnaire).count() == len(with_email)
    assert Questionnaire.objects.filter(copied_from=template).count() == 1


def test_only_the_advisers_and_coordinators_send_it():
    engagement = engagement_with_team()
    stranger = expert_with_login([Specialisation.ROS]).person.user
    with pytest.raises(PermissionDenied):
        diagnosis.diagnosis_send(actor=stranger, engagement=engagement)


def test_a_team_without_e_mail_addresses_is_told_so():
    engagement = engagement_with_team()
    for member in engagement.members.select_related("person"):
        member.person.email = ""
        member.person.save()
    with pytest.raises(ValidationError, match="e-mail"):
        diagnosis.diagnosis_send(actor=engagement.ros_expert.person.user, engagement=engagement)


def test_the_diagnosis_stage_needs_the_answers_findings_and_priorities():
    engagement = engagement_with_team()
    adviser = engagement.pro_expert.person.user
    stage = engagement.stages.get(kind=StageKind.DIAGNOSIS)

    def close():
        engagements.stage_update(actor=adviser, stage=stage, data={"status": StageStatus.CLOSED})

    with pytest.raises(ValidationError, match="Send the self-diagnosis"):
        close()
    questionnaire = diagnosis.diagnosis_send(actor=adviser, engagement=engagement)
    engagement.refresh_from_db()
    with pytest.raises(ValidationError, match="at least one answer"):
        close()
    _answer(questionnaire)
    with pytest.raises(ValidationError, match="finding"):
        close()
    engagements.finding_add(actor=adviser, engagement=engagement, text="Brak strategii oświatowej")
    with pytest.raises(ValidationError, match="priority"):
        close()
    engagements.priority_add(actor=adviser, engagement=engagement, title="Strategia oświatowa")
    close()
    stage.refresh_from_db()
    assert stage.status == StageStatus.CLOSED


def test_the_engagement_page_shows_the_self_diagnosis_and_sends_it(client):
    engagement = engagement_with_team()
    adviser = engagement.ros_expert.person.user
    client.force_login(adviser)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("advisory:engagement", args=[engagement.pk])).content.decode()
    assert "Not sent yet." in page
    response = client.post(reverse("advisory:diagnosis_send", args=[engagement.pk]), follow=True)
    body = response.content.decode()
    assert "The self-diagnosis questionnaire is sent" in body
    engagement.refresh_from_db()
    _answer(engagement.diagnosis_questionnaire)
    body = client.get(reverse("advisory:engagement", args=[engagement.pk])).content.decode()
    assert "1 answered" in body
    assert reverse("surveys:results", args=[engagement.diagnosis_questionnaire_id]) in body
    # a local-government member sees the counts, cannot send
    member = engagement.members.select_related("person__user").first().person.user
    if member is not None:
        client.force_login(member)
        assert client.post(reverse("advisory:diagnosis_send", args=[engagement.pk])).status_code == 403
