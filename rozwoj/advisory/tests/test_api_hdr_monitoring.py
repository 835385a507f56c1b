"""The API of an HDR's comments, versions, return to drafting and withdrawal from the gallery, of correcting and
deleting monitoring entries, and of reading debates: the pages' rules and what the pages then show."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from rozwoj.accounts.models import ApiToken
from rozwoj.accounts.tests.factories import user_with_role

from ..models import HdrComment, HdrStatus, HdrVersion, MonitoringEntry, MonitoringStatus
from ..services import debates as debate_services
from ..services import hdr as hdr_services
from ..services import monitoring as monitoring_services
from .hdr_helpers import drafted_hdr, lg_member_of, published_hdr

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _send(client, user, method, url, body=None):
    headers = {"Accept-Language": "en"}
    if user is not None:
        headers["Authorization"] = f"Bearer {ApiToken.issue(user, 'test')[1]}"
    if method == "GET":
        return client.get(url, headers=headers)
    return client.generic(
        method, url, data=json.dumps(body or {}), content_type="application/json", headers=headers
    )


def _fields(response) -> set:
    return {item["field"] for item in response.json().get("errors", [])}


def _approved(actions: int = 2):
    hdr = drafted_hdr(actions=actions)
    adviser = hdr.engagement.ros_expert.person.user
    hdr_services.hdr_submit(actor=adviser, hdr=hdr)
    lg_user = lg_member_of(hdr.engagement)
    hdr_services.hdr_approve(actor=lg_user, hdr=hdr)
    return hdr, adviser, lg_user


# --- HDR comments, versions, return, withdrawal ---------------------------------------------------------


def test_a_comment_posted_through_the_api_shows_on_the_hdr_page(client):
    hdr = drafted_hdr()
    lg_user = lg_member_of(hdr.engagement)
    response = _send(
        client, lg_user, "POST", f"/api/v1/advisory/hdr/{hdr.pk}/comments", {"text": "Dodać szkoły"}
    )
    assert response.status_code == 201, response.content
    assert response.json()["text"] == "Dodać szkoły"
    listed = _send(client, lg_user, "GET", f"/api/v1/advisory/hdr/{hdr.pk}/comments").json()
    assert [comment["text"] for comment in listed] == ["Dodać szkoły"]
    client.force_login(hdr.engagement.ros_expert.person.user)
    assert "Dodać szkoły" in client.get(reverse("advisory:hdr", args=[hdr.engagement_id])).content.decode()


def test_a_bad_comment_is_refused_and_nothing_is_stored(client):
    hdr = drafted_hdr()
    adviser = hdr.engagement.ros_expert.person.user
    url = f"/api/v1/advisory/hdr/{hdr.pk}/comments"
    blank = _send(client, adviser, "POST", url, {"text": "   "})
    assert blank.status_code == 400
    assert _fields(blank) == {"text"}
    assert _send(client, adviser, "POST", url, {"text": "x" * 5001}).status_code == 422
    assert _send(client, adviser, "POST", url, {}).status_code == 422
    assert not HdrComment.objects.filter(hdr=hdr).exists()


def test_comments_and_versions_are_only_for_those_who_see_the_engagement(client):
    hdr = published_hdr()
    hdr_services.comment_add(actor=hdr.engagement.ros_expert.person.user, hdr=hdr, text="Wewnętrzna uwaga")
    stranger = lg_member_of(drafted_hdr().engagement)
    for path in ("comments", "versions"):
        assert _send(client, None, "GET", f"/api/v1/advisory/hdr/{hdr.pk}/{path}").status_code == 401
        assert _send(client, stranger, "GET", f"/api/v1/advisory/hdr/{hdr.pk}/{path}").status_code == 404
    # The HDR itself is public.
    assert _send(client, None, "GET", f"/api/v1/advisory/hdr/{hdr.pk}").status_code == 200


def test_a_version_is_saved_and_listed(client):
    hdr = drafted_hdr()
    lg_user = lg_member_of(hdr.engagement)
    url = f"/api/v1/advisory/hdr/{hdr.pk}/versions"
    response = _send(client, lg_user, "POST", url, {"comment": "Po spotkaniu z radą"})
    assert response.status_code == 201, response.content
    assert response.json()["number"] == 1
    assert _send(client, lg_user, "POST", url, {"comment": "x" * 2001}).status_code == 422
    listed = _send(client, lg_user, "GET", url).json()
    assert [(version["number"], version["comment"]) for version in listed] == [(1, "Po spotkaniu z radą")]
    assert HdrVersion.objects.filter(hdr=hdr).count() == 1


def test_a_returned_hdr_is_a_draft_again_with_the_reason_as_a_comment(client):
    hdr = drafted_hdr()
    adviser = hdr.engagement.ros_expert.person.user
    lg_user = lg_member_of(hdr.engagement)
    url = f"/api/v1/advisory/hdr/{hdr.pk}/return"
    refused = _send(client, lg_user, "POST", url, {"comment": "Za wcześnie"})
    assert refused.status_code == 400
    assert refused.json()["errors"]
    assert not HdrComment.objects.filter(hdr=hdr).exists()

    hdr_services.hdr_submit(actor=adviser, hdr=hdr)
    response = _send(client, lg_user, "POST", url, {"comment": "Uzupełnić budżet"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == HdrStatus.DRAFT
    hdr.refresh_from_db()
    assert hdr.status == HdrStatus.DRAFT
    assert list(hdr.comments.values_list("text", flat=True)) == ["Uzupełnić budżet"]


def test_an_unpublished_hdr_leaves_the_gallery(client):
    hdr = published_hdr()
    coordinator = user_with_role("coordinator")
    gallery = [item["id"] for item in _send(client, None, "GET", "/api/v1/advisory/hdr").json()["items"]]
    assert hdr.pk in gallery
    # The local government's own team may not withdraw it (as on the page).
    lg_user = hdr.engagement.members.filter(person__user__isnull=False).first().person.user
    url = f"/api/v1/advisory/hdr/{hdr.pk}/unpublish"
    assert _send(client, lg_user, "POST", url).status_code == 403
    response = _send(client, coordinator, "POST", url)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == HdrStatus.APPROVED
    gallery = [item["id"] for item in _send(client, None, "GET", "/api/v1/advisory/hdr").json()["items"]]
    assert hdr.pk not in gallery
    assert _send(client, None, "GET", f"/api/v1/advisory/hdr/{hdr.pk}").status_code == 404
    assert client.get(reverse("advisory:hdr_public", args=[hdr.pk])).status_code == 404
    again = _send(client, coordinator, "POST", url)
    assert again.status_code == 400


# --- monitoring entries ---------------------------------------------------------------------------------


def test_a_corrected_entry_changes_the_actions_latest_entry(client):
    hdr, adviser, lg_user = _approved()
    action = hdr.actions.order_by("order", "id").first()
    today = timezone.localdate()
    older = monitoring_services.entry_add(
        actor=adviser,
        action=action,
        data={"date": today - datetime.timedelta(days=10), "status": "on_track", "percent_done": 20},
    )
    newer = monitoring_services.entry_add(
        actor=adviser,
        action=action,
        data={"date": today - datetime.timedelta(days=2), "status": "at_risk", "percent_done": 30},
    )
    action.refresh_from_db()
    assert action.latest_entry_id == newer.pk
    # The local government's team corrects the older entry's date: it becomes the latest.
    response = _send(
        client,
        lg_user,
        "PATCH",
        f"/api/v1/advisory/monitoring-entries/{older.pk}",
        {"date": str(today), "percent_done": 50, "comment": "Po radzie gminy"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["date"], body["status"], body["percent_done"]) == (str(today), "on_track", 50)
    action.refresh_from_db()
    assert action.latest_entry_id == older.pk
    assert action.latest_entry.comment == "Po radzie gminy"


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"percent_done": 150}, 422, None),
        ({"status": "finished"}, 422, None),
        ({"date": "wczoraj"}, 422, None),
        ({"comment": "x" * 5001}, 422, None),
        ({"status": MonitoringStatus.DONE, "percent_done": 60}, 400, "percent_done"),
        ({"date": "2999-01-01"}, 400, "date"),
    ],
)
def test_a_bad_correction_is_refused_and_changes_nothing(client, body, status, field):
    hdr, adviser, _lg = _approved(actions=1)
    action = hdr.actions.get()
    entry = monitoring_services.entry_add(
        actor=adviser,
        action=action,
        data={"date": timezone.localdate(), "status": "delayed", "percent_done": 40},
    )
    response = _send(client, adviser, "PATCH", f"/api/v1/advisory/monitoring-entries/{entry.pk}", body)
    assert response.status_code == status, response.content
    if field:
        assert field in _fields(response)
    entry.refresh_from_db()
    assert (entry.status, entry.percent_done, entry.date) == ("delayed", 40, timezone.localdate())


def test_a_deleted_entry_is_gone_and_the_previous_one_is_the_latest_again(client):
    hdr, adviser, lg_user = _approved(actions=1)
    action = hdr.actions.get()
    today = timezone.localdate()
    first = monitoring_services.entry_add(
        actor=adviser,
        action=action,
        data={"date": today - datetime.timedelta(days=5), "status": "on_track", "percent_done": 20},
    )
    second = monitoring_services.entry_add(
        actor=adviser, action=action, data={"date": today, "status": "at_risk", "percent_done": 25}
    )
    url = f"/api/v1/advisory/monitoring-entries/{second.pk}"
    stranger = lg_member_of(drafted_hdr().engagement)
    assert _send(client, stranger, "DELETE", url).status_code == 404
    assert _send(client, lg_user, "DELETE", url).status_code == 204
    assert not MonitoringEntry.objects.filter(pk=second.pk).exists()
    action.refresh_from_db()
    assert action.latest_entry_id == first.pk
    assert _send(client, lg_user, "DELETE", url).status_code == 404
    listed = _send(
        client, lg_user, "GET", f"/api/v1/advisory/engagements/{hdr.engagement_id}/monitoring"
    ).json()
    assert [item["id"] for item in listed["items"]] == [first.pk]


def test_entries_of_a_closed_engagement_cannot_be_changed(client):
    hdr, adviser, _lg = _approved(actions=1)
    entry = monitoring_services.entry_add(
        actor=adviser,
        action=hdr.actions.get(),
        data={"date": timezone.localdate(), "status": "on_track", "percent_done": 10},
    )
    type(hdr.engagement).objects.filter(pk=hdr.engagement_id).update(status="closed")
    url = f"/api/v1/advisory/monitoring-entries/{entry.pk}"
    assert _send(client, adviser, "PATCH", url, {"percent_done": 90}).status_code == 400
    assert _send(client, adviser, "DELETE", url).status_code == 400
    entry.refresh_from_db()
    assert entry.percent_done == 10


# --- debates --------------------------------------------------------------------------------------------


def test_a_debate_is_read_with_its_recommendations_and_their_actions(client):
    hdr = drafted_hdr()
    engagement = hdr.engagement
    coordinator = user_with_role("coordinator")
    debate = debate_services.debate_save(
        actor=coordinator,
        engagement=engagement,
        data={"kind": "dialogue", "topic": "Sieć szkół", "date": timezone.localdate(), "place": "Urząd"},
        recommendations=["Powołać zespół", "Konsultować z rodzicami"],
    )
    first = debate.recommendations.order_by("order", "id").first()
    action = debate_services.recommendation_to_action(actor=coordinator, recommendation=first)
    lg_user = lg_member_of(engagement)
    listed = _send(client, lg_user, "GET", f"/api/v1/advisory/engagements/{engagement.pk}/debates").json()
    assert [(item["id"], item["recommendation_count"]) for item in listed["items"]] == [(debate.pk, 2)]
    detail = _send(client, lg_user, "GET", f"/api/v1/advisory/debates/{debate.pk}").json()
    assert detail["topic"] == "Sieć szkół"
    assert [item["text"] for item in detail["recommendations"]] == [
        "Powołać zespół",
        "Konsultować z rodzicami",
    ]
    assert detail["recommendations"][0]["hdr_actions"] == [
        {"id": action.pk, "hdr_id": hdr.pk, "title": action.title}
    ]
    stranger = lg_member_of(drafted_hdr().engagement)
    assert _send(client, stranger, "GET", f"/api/v1/advisory/debates/{debate.pk}").status_code == 404
