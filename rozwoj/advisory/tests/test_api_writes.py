"""The advisory write API: calls, review decisions, stage updates and support-log entries with the pages' rules
and messages; bad input answers 400 naming the field; never more acceptances than places."""

import datetime
import json

import pytest
from django.utils import translation

from rozwoj.accounts.models import ApiToken
from rozwoj.accounts.tests.factories import user_with_role

from ..models import Application, Call, EngagementStage, StageKind, StageStatus, SupportLogEntry
from .factories import ApplicationFactory, CallFactory, engagement_with_team, support_form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _headers(user):
    return {"Authorization": f"Bearer {ApiToken.issue(user, 'test')[1]}", "Accept-Language": "en"}


def _send(client, user, method, url, body):
    return client.generic(
        method,
        url,
        data=json.dumps(body),
        content_type="application/json",
        headers=_headers(user),
    )


def _call(programme_id, **changes):
    body = {
        "programme": programme_id,
        "title": "Nabór 2022",
        "opens_on": "2022-09-01",
        "closes_on": "2022-09-30",
        "cycle_starts_on": "2022-10-01",
        "cycle_ends_on": "2023-05-31",
        "places": 20,
        "eligible_kinds": ["rural_gmina"],
        "is_published": True,
    }
    return body | changes


def _fields(response):
    return " ".join(str(item) for item in response.json().get("detail", response.json().get("errors", [])))


def test_a_coordinator_creates_and_changes_a_call(client):
    coordinator = user_with_role("coordinator")
    programme = CallFactory().programme
    response = _send(client, coordinator, "POST", "/api/v1/advisory/calls", _call(programme.pk))
    assert response.status_code == 201, response.content
    call = Call.objects.get(pk=response.json()["id"])
    assert call.places == 20
    response = _send(
        client, coordinator, "PUT", f"/api/v1/advisory/calls/{call.pk}", _call(programme.pk, places=25)
    )
    assert response.status_code == 200
    call.refresh_from_db()
    assert call.places == 25


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"closes_on": "2022-08-01"}, "closes_on"),
        ({"cycle_ends_on": "2022-01-01"}, "cycle_ends_on"),
        ({"places": 0}, "places"),
        ({"places": 100000}, "places"),
        ({"title": ""}, "title"),
        ({"title": "x" * 1000}, "title"),
        ({"programme": 999999}, "programme"),
        ({"eligible_kinds": ["castle"]}, "eligible_kinds"),
    ],
)
def test_bad_calls_are_refused_naming_the_field(client, changes, field):
    coordinator = user_with_role("coordinator")
    programme = CallFactory().programme
    before = Call.objects.count()
    response = _send(client, coordinator, "POST", "/api/v1/advisory/calls", _call(programme.pk, **changes))
    assert response.status_code in (400, 422), response.content
    assert field in response.content.decode()
    assert Call.objects.count() == before


def test_review_decisions_keep_the_places(client):
    coordinator = user_with_role("coordinator")
    call = CallFactory(places=1)
    first, second = ApplicationFactory(call=call), ApplicationFactory(call=call)
    url = "/api/v1/advisory/applications/{}/decision"
    response = _send(client, coordinator, "POST", url.format(first.pk), {"status": "accepted"})
    assert response.status_code == 200
    assert response.json()["engagement_id"]
    response = _send(client, coordinator, "POST", url.format(second.pk), {"status": "accepted"})
    assert response.status_code == 400
    assert Application.objects.get(pk=second.pk).status != "accepted"
    response = _send(client, coordinator, "POST", url.format(second.pk), {"status": "rejected"})
    assert response.status_code == 400  # a rejection needs its reason
    assert "reason" in response.content.decode()
    response = _send(
        client, coordinator, "POST", url.format(second.pk), {"status": "rejected", "reason": "Brak miejsc"}
    )
    assert response.status_code == 200
    response = _send(client, coordinator, "POST", url.format(second.pk), {"status": "maybe"})
    assert response.status_code in (400, 422)


def test_a_stage_closes_through_the_api_only_with_its_output(client):
    engagement = engagement_with_team()
    adviser = engagement.ros_expert.person.user
    stage = engagement.stages.get(kind=StageKind.SUPPORT_AREA)
    url = f"/api/v1/advisory/stages/{stage.pk}"
    response = _send(client, adviser, "PATCH", url, {"status": "closed"})
    assert response.status_code == 400
    assert "status" in response.content.decode()
    assert EngagementStage.objects.get(pk=stage.pk).status != StageStatus.CLOSED
    response = _send(client, adviser, "PATCH", url, {"starts_on": "2026-03-10", "ends_on": "2026-03-01"})
    assert response.status_code == 400
    assert "ends_on" in response.content.decode()
    response = _send(client, adviser, "PATCH", url, {"status": "in_progress", "starts_on": "2026-03-01"})
    assert response.status_code == 200
    assert response.json()["status"] == "in_progress"
    assert EngagementStage.objects.get(pk=stage.pk).starts_on == datetime.date(2026, 3, 1)


def test_the_stage_page_also_refuses_closing_without_output(client):
    engagement = engagement_with_team()
    stage = engagement.stages.get(kind=StageKind.DIAGNOSIS)
    client.force_login(engagement.pro_expert.person.user)
    from django.urls import reverse

    response = client.post(reverse("advisory:stage", args=[stage.pk]), {"status": "closed"})
    assert response.status_code == 200  # the form again, with the gate's message
    assert EngagementStage.objects.get(pk=stage.pk).status != StageStatus.CLOSED


def test_support_is_logged_through_the_api_with_follow_ups(client):
    engagement = engagement_with_team()
    adviser = engagement.pro_expert.person.user
    member = engagement.members.select_related("person").first()
    day = engagement.call.cycle_starts_on + datetime.timedelta(days=1)
    body = {
        "form": support_form().pk,
        "date": str(day),
        "hours": "3.5",
        "experts": [engagement.pro_expert_id],
        "attendees": [member.pk],
        "notes": "Spotkanie w urzędzie",
        "follow_ups": [
            {"text": "Dane SIO", "owner": member.person_id, "due_on": str(day + datetime.timedelta(days=7))}
        ],
    }
    url = f"/api/v1/advisory/engagements/{engagement.pk}/log"
    response = _send(client, adviser, "POST", url, body)
    assert response.status_code == 201, response.content
    entry = SupportLogEntry.objects.get(pk=response.json()["id"])
    assert entry.follow_ups.get().owner_id == member.person_id
    for changes, field in (
        ({"hours": "0"}, "hours"),
        ({"hours": "1000"}, "hours"),
        ({"date": "1990-01-01"}, "date"),
        ({"form": 999999}, "form"),
        ({"experts": [999999]}, "experts"),
        ({"follow_ups": [{"text": "x", "owner": 999999, "due_on": str(day)}]}, "owner"),
    ):
        response = _send(client, adviser, "POST", url, body | changes)
        assert response.status_code == 400, (changes, response.content)
        assert field in response.content.decode(), changes
    assert SupportLogEntry.objects.filter(engagement=engagement).count() == 1
    member_user = user_with_role("local_government_member")
    assert _send(client, member_user, "POST", url, body).status_code == 404
