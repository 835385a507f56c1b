"""The evaluation (stage 6): what each role writes, the evaluation questionnaire sent as the second wave of the
self-diagnosis questionnaire, closing refused with every reason while something is missing, closing that closes
stage 6 and the engagement, the page within its budget and the API."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.core.testing import assert_page
from rozwoj.surveys.models import Invitation, Response

from ..models import Engagement, EngagementStage, Evaluation, MonitoringStatus, StageKind
from ..services import diagnosis, engagements, monitoring
from ..services import evaluation as services
from .test_monitoring import approved_hdr

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


BUDGET = 16


def _answer(wave):
    return Response.objects.create(
        questionnaire=wave.questionnaire,
        wave=wave,
        language="pl",
        submitted_on=timezone.localdate(),
        submitted_at=timezone.now(),
    )


def monitored(actions: int = 2):
    """An approved HDR whose every action is done and whose monitoring stage is closed, the diagnosis sent and
    answered once."""
    hdr, adviser, lg_user = approved_hdr(actions=actions)
    engagement = hdr.engagement
    for action in hdr.actions.all():
        monitoring.entry_add(
            actor=adviser,
            action=action,
            data={
                "date": timezone.localdate(),
                "status": MonitoringStatus.DONE,
                "percent_done": 100,
                "indicator_value": "6",
            },
        )
    stage = engagement.stages.get(kind=StageKind.MONITORING)
    engagements.stage_update(actor=adviser, stage=stage, data={"status": "closed"})
    questionnaire = diagnosis.diagnosis_send(actor=adviser, engagement=engagement)
    _answer(questionnaire.waves.first())
    engagement = Engagement.objects.get(pk=engagement.pk)
    return engagement, hdr, adviser, lg_user


def test_the_whole_evaluation_closes_the_engagement():
    engagement, hdr, adviser, lg_user = monitored()
    with pytest.raises(ValidationError) as refused:
        services.evaluation_close(actor=adviser, engagement=engagement)
    reasons = " ".join(refused.value.messages)
    for words in (
        "value achieved",
        "local government's assessment",
        "experts' rating",
        "evaluation questionnaire",
    ):
        assert words in reasons
    services.evaluation_save(
        actor=lg_user,
        engagement=engagement,
        data={"local_government_assessment": "Sieć szkół działa.", "local_government_rating": 4},
    )
    wave = services.evaluation_send_questionnaire(actor=adviser, engagement=engagement)
    assert wave.order == 2
    assert wave.questionnaire_id == engagement.diagnosis_questionnaire_id
    assert Invitation.objects.filter(wave=wave).exists()
    _answer(wave)
    services.evaluation_save(
        actor=adviser,
        engagement=engagement,
        data={
            "experts_assessment": "Cele osiągnięte.",
            "experts_rating": 5,
            "lessons_learned": "Wcześniej dane.",
        },
        results={action.pk: {"achieved_value": "6"} for action in hdr.actions.all()},
    )
    evaluation = services.evaluation_close(actor=adviser, engagement=engagement)
    assert evaluation.closed_at is not None
    engagement.refresh_from_db()
    assert engagement.status == "closed"
    assert EngagementStage.objects.get(engagement=engagement, kind=StageKind.EVALUATION).status == "closed"
    with pytest.raises(ValidationError):
        services.evaluation_save(actor=adviser, engagement=engagement, data={"lessons_learned": "x"})
    with pytest.raises(ValidationError):
        services.evaluation_close(actor=adviser, engagement=engagement)


def test_who_writes_what():
    engagement, hdr, adviser, lg_user = monitored()
    action = hdr.actions.first()
    with pytest.raises(PermissionDenied):
        services.evaluation_save(
            actor=user_with_role("expert"), engagement=engagement, data={"experts_rating": 3}
        )
    # the local government's team writes its own assessment only
    services.evaluation_save(
        actor=lg_user,
        engagement=engagement,
        data={"experts_assessment": "Nie nasze", "local_government_rating": 3},
    )
    evaluation = Evaluation.objects.get(engagement=engagement)
    assert evaluation.experts_assessment == ""
    assert evaluation.local_government_rating == 3
    with pytest.raises(PermissionDenied):
        services.evaluation_save(
            actor=lg_user, engagement=engagement, data={}, results={action.pk: {"achieved_value": "1"}}
        )
    with pytest.raises(PermissionDenied):
        services.evaluation_close(actor=lg_user, engagement=engagement)
    with pytest.raises(ValidationError):
        services.evaluation_save(actor=adviser, engagement=engagement, data={"experts_rating": 7})


def test_the_evaluation_stage_closes_only_with_the_evaluation():
    engagement, _hdr, adviser, _lg = monitored()
    stage = engagement.stages.get(kind=StageKind.EVALUATION)
    with pytest.raises(ValidationError):
        engagements.stage_update(actor=adviser, stage=stage, data={"status": "closed"})


@pytest.mark.parametrize("actions", [1, 8])
def test_the_evaluation_page_within_its_budget(client, actions):
    engagement, hdr, adviser, lg_user = monitored(actions=actions)
    services.evaluation_send_questionnaire(actor=adviser, engagement=engagement)
    url = reverse("advisory:evaluation", args=[engagement.pk])
    client.force_login(adviser)
    assert_page(
        client,
        url,
        queries=BUDGET,
        template="advisory/evaluation/page.html",
        contains=hdr.actions.first().title,
    )
    client.force_login(user_with_role("coordinator"))
    response = assert_page(client, url, queries=BUDGET, contains="results/changes/")
    assert reverse("advisory:evaluation_close", args=[engagement.pk]).encode() in response.content
    client.force_login(lg_user)
    assert_page(client, url, queries=BUDGET, template="advisory/evaluation/page.html")


def test_the_page_saves_and_refuses_to_close_with_the_reasons(client):
    engagement, hdr, adviser, lg_user = monitored()
    url = reverse("advisory:evaluation", args=[engagement.pk])
    client.force_login(lg_user)
    response = client.post(url, {"local_government_assessment": "Dobrze", "local_government_rating": "4"})
    assert response.status_code == 302
    assert Evaluation.objects.get(engagement=engagement).local_government_rating == 4
    response = client.post(url, {"local_government_rating": "9"})
    assert response.status_code == 200
    assert client.post(reverse("advisory:evaluation_close", args=[engagement.pk])).status_code == 403
    client.force_login(adviser)
    response = client.post(reverse("advisory:evaluation_close", args=[engagement.pk]))
    assert response.status_code == 302
    engagement.refresh_from_db()
    assert engagement.status == "active"


def test_the_api_reads_and_writes_the_evaluation(client):
    engagement, hdr, adviser, lg_user = monitored()
    url = f"/api/v1/advisory/engagements/{engagement.pk}/evaluation"
    client.force_login(adviser)
    body = client.get(url).json()
    assert len(body["indicators"]) == 2
    assert body["missing"]
    action = hdr.actions.first()
    response = client.patch(
        url,
        {"experts_rating": 4, "indicators": [{"action_id": action.pk, "achieved_value": "5"}]},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["experts_rating"] == 4
    assert client.patch(url, {"experts_rating": 6}, content_type="application/json").status_code == 422
    response = client.patch(url, {"close": True}, content_type="application/json")
    assert response.status_code == 400
    client.force_login(user_with_role("expert"))
    assert client.get(url).status_code == 404
