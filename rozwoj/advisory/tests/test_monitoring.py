"""Monitoring of the HDR (stage 5): the rules of an entry, the latest entry of an action, the overdue and
at-risk flags, the stage gate, evidence files checked by their content and served only to those who see the
engagement, the weekly digest, the pages within their budgets and the API."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.core.models import AuditLogEntry
from rozwoj.core.periodic import registry
from rozwoj.core.testing import assert_page

from ..models import EngagementStatus, HdrAction, MonitoringDigest, MonitoringStatus, StageKind
from ..selectors import dashboards
from ..selectors.monitoring import engagement_flagged, flagged_actions
from ..services import engagements
from ..services import hdr as hdr_services
from ..services import monitoring as services
from .hdr_helpers import drafted_hdr, lg_member_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
BUDGET = 14


def approved_hdr(actions: int = 2):
    """An approved HDR of `actions` actions, its adviser and its local-government member."""
    hdr = drafted_hdr(actions=actions)
    engagement = hdr.engagement
    adviser = engagement.ros_expert.person.user
    hdr_services.hdr_submit(actor=adviser, hdr=hdr)
    lg_user = lg_member_of(engagement)
    hdr_services.hdr_approve(actor=lg_user, hdr=hdr)
    return hdr, adviser, lg_user


def _entry(status=MonitoringStatus.ON_TRACK, percent=40, date=None, **extra):
    return {
        "date": date or timezone.localdate(),
        "status": status,
        "percent_done": percent,
        "indicator_value": "2",
        "comment": "Pierwsze spotkanie sieci odbyło się.",
        **extra,
    }


def _actions(hdr):
    return list(hdr.actions.order_by("order", "id"))


def test_an_entry_becomes_the_latest_unless_a_later_one_exists():
    hdr, adviser, _lg = approved_hdr()
    action = _actions(hdr)[0]
    today = timezone.localdate()
    first = services.entry_add(actor=adviser, action=action, data=_entry(date=today))
    services.entry_add(
        actor=adviser, action=action, data=_entry(date=today - datetime.timedelta(days=10), percent=10)
    )
    action.refresh_from_db()
    assert action.latest_entry_id == first.pk  # an older-dated entry does not replace it
    later = services.entry_add(actor=adviser, action=action, data=_entry(MonitoringStatus.AT_RISK, 50))
    action.refresh_from_db()
    assert action.latest_entry_id == later.pk


def test_the_rules_of_an_entry():
    hdr, adviser, lg_user = approved_hdr()
    action = _actions(hdr)[0]
    with pytest.raises(ValidationError) as error:
        services.entry_add(
            actor=adviser,
            action=action,
            data=_entry(MonitoringStatus.DONE, 80, date=timezone.localdate() + datetime.timedelta(days=1)),
        )
    assert set(error.value.message_dict) == {"percent_done", "date"}
    with pytest.raises(PermissionDenied):
        services.entry_add(actor=user_with_role("expert"), action=action, data=_entry())
    # the local government's team writes entries of its own engagement
    services.entry_add(actor=lg_user, action=action, data=_entry())
    assert action.monitoring_entries.count() == 1


def test_no_monitoring_before_approval_nor_after_the_engagement_closed():
    hdr = drafted_hdr()
    adviser = hdr.engagement.ros_expert.person.user
    with pytest.raises(ValidationError):
        services.entry_add(actor=adviser, action=hdr.actions.first(), data=_entry())
    hdr, adviser, _lg = approved_hdr()
    hdr.engagement.status = EngagementStatus.CLOSED
    hdr.engagement.save()
    with pytest.raises(ValidationError):
        services.entry_add(actor=adviser, action=hdr.actions.first(), data=_entry())


def test_overdue_and_at_risk_actions():
    hdr, adviser, _lg = approved_hdr(actions=3)
    late, risky, fine = _actions(hdr)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    HdrAction.objects.filter(pk__in=[late.pk, fine.pk]).update(ends_on=yesterday)
    HdrAction.objects.filter(pk=risky.pk).update(ends_on=yesterday + datetime.timedelta(days=30))
    services.entry_add(actor=adviser, action=risky, data=_entry(MonitoringStatus.AT_RISK))
    services.entry_add(actor=adviser, action=fine, data=_entry(MonitoringStatus.DONE, 100))
    flagged = {a.pk: a for a in engagement_flagged(hdr.engagement)}
    assert set(flagged) == {late.pk, risky.pk}
    assert flagged[late.pk].is_overdue
    assert not flagged[late.pk].is_at_risk
    assert flagged[risky.pk].is_at_risk
    assert not flagged[risky.pk].is_overdue
    coordinator = user_with_role("coordinator")
    scope = dashboards.scope(coordinator)
    assert {a.pk for a in dashboards.overdue_actions(scope)} == {late.pk, risky.pk}
    # a closed engagement's actions are no longer flagged
    hdr.engagement.status = EngagementStatus.CLOSED
    hdr.engagement.save()
    assert not flagged_actions(scope).exists()


def test_the_monitoring_stage_closes_only_when_every_action_has_an_entry():
    hdr, adviser, _lg = approved_hdr(actions=2)
    stage = hdr.engagement.stages.get(kind=StageKind.MONITORING)
    with pytest.raises(ValidationError) as error:
        engagements.stage_update(actor=adviser, stage=stage, data={"status": "closed"})
    assert "1 of 2" not in str(error.value)
    assert "2 of 2" in str(error.value)
    for action in _actions(hdr):
        services.entry_add(actor=adviser, action=action, data=_entry())
    engagements.stage_update(actor=adviser, stage=stage, data={"status": "closed"})
    stage.refresh_from_db()
    assert stage.status == "closed"


def test_evidence_is_checked_by_its_content():
    assert services.check_evidence(SimpleUploadedFile("raport.pdf", PDF)) == "pdf"
    assert services.check_evidence(SimpleUploadedFile("zdjecie.png", PNG)) == "png"
    for name, content in [
        ("raport.pdf", b"MZ\x90\x00 not a pdf"),
        ("zdjecie.jpg", PNG),
        ("skrypt.exe", PDF),
        ("pusty.pdf", b""),
    ]:
        with pytest.raises(ValidationError):
            services.check_evidence(SimpleUploadedFile(name, content))


def test_the_evidence_is_served_only_to_those_who_see_the_engagement(client):
    hdr, adviser, lg_user = approved_hdr()
    entry = services.entry_add(
        actor=adviser,
        action=hdr.actions.first(),
        data=_entry(),
        evidence=SimpleUploadedFile("lista obecności.pdf", PDF),
    )
    url = reverse("advisory:monitoring_evidence", args=[entry.pk])
    client.force_login(lg_user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    client.force_login(user_with_role("expert"))
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_the_form_adds_an_entry_with_evidence_and_refuses_a_fake_file(client):
    hdr, _adviser, lg_user = approved_hdr()
    action = hdr.actions.first()
    client.force_login(lg_user)
    url = reverse("advisory:action_monitoring", args=[action.pk])
    data = {"date": timezone.localdate().isoformat(), "status": "on_track", "percent_done": "30"}
    response = client.post(url, {**data, "evidence": SimpleUploadedFile("a.pdf", b"not a pdf")})
    assert response.status_code == 200
    assert not action.monitoring_entries.exists()
    response = client.post(url, {**data, "percent_done": "130"})
    assert response.status_code == 200
    assert not action.monitoring_entries.exists()
    response = client.post(url, {**data, "evidence": SimpleUploadedFile("a.pdf", PDF)})
    assert response.status_code == 302
    assert action.monitoring_entries.get().evidence_type == "pdf"


@pytest.mark.parametrize("count", [2, 12])
def test_the_monitoring_pages_within_their_budget(client, count):
    hdr, adviser, _lg = approved_hdr(actions=count)
    for action in _actions(hdr):
        services.entry_add(actor=adviser, action=action, data=_entry(MonitoringStatus.AT_RISK))
    action = hdr.actions.first()
    for _ in range(count):
        earlier = timezone.localdate() - datetime.timedelta(days=3)
        services.entry_add(actor=adviser, action=action, data=_entry(date=earlier))
    engagement = hdr.engagement
    client.force_login(adviser)
    assert_page(
        client,
        reverse("advisory:monitoring", args=[engagement.pk]),
        queries=BUDGET,
        template="advisory/monitoring/page.html",
        contains=action.title,
    )
    assert_page(
        client,
        reverse("advisory:action_monitoring", args=[action.pk]),
        queries=BUDGET,
        template="advisory/monitoring/action.html",
        contains="Pierwsze spotkanie",
    )
    assert_page(
        client, reverse("advisory:engagement", args=[engagement.pk]), queries=30, contains=action.title
    )
    client.force_login(user_with_role("coordinator"))
    assert_page(client, reverse("advisory:dashboard"), queries=30, contains=action.title)


def test_the_weekly_digest_goes_once_to_the_team_and_the_advisers(
    mailoutbox, django_capture_on_commit_callbacks
):
    hdr, adviser, lg_user = approved_hdr()
    action = hdr.actions.first()
    services.entry_add(actor=adviser, action=action, data=_entry(MonitoringStatus.AT_RISK))
    engagement = hdr.engagement
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.send_monitoring_digests()
    recipients = {address for mail in mailoutbox for address in mail.to}
    assert engagement.ros_expert.person.email in recipients
    assert engagement.pro_expert.person.email in recipients
    assert lg_user.email in recipients or lg_user.person.email in recipients
    assert sent == len(mailoutbox)
    assert action.title in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_monitoring_digests() == 0  # the same week: nobody twice
    assert MonitoringDigest.objects.count() == sent
    assert registry.get("advisory.send_monitoring_digest").every == datetime.timedelta(days=7)


def test_the_api_lists_and_writes_entries(client):
    hdr, adviser, lg_user = approved_hdr()
    action = hdr.actions.first()
    url = f"/api/v1/advisory/engagements/{hdr.engagement_id}/monitoring"
    client.force_login(lg_user)
    body = {
        "action_id": action.pk,
        "date": timezone.localdate().isoformat(),
        "status": "delayed",
        "percent_done": 20,
    }
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "delayed"
    response = client.post(url, {**body, "percent_done": 101}, content_type="application/json")
    assert response.status_code == 422
    response = client.post(url, {**body, "status": "done"}, content_type="application/json")
    assert response.status_code == 400
    other, _a, _l = approved_hdr()
    response = client.post(
        url, {**body, "action_id": other.actions.first().pk}, content_type="application/json"
    )
    assert response.status_code == 404
    items = client.get(url).json()["items"]
    assert [item["action_id"] for item in items] == [action.pk]


# --- correcting and deleting an entry -------------------------------------------------------------------


def test_correcting_or_deleting_entries_keeps_the_latest_entry_and_the_flags_right():
    hdr, adviser, lg_user = approved_hdr()
    action = _actions(hdr)[0]
    today = timezone.localdate()
    HdrAction.objects.filter(pk=action.pk).update(ends_on=today - datetime.timedelta(days=1))
    older = services.entry_add(
        actor=adviser,
        action=action,
        data=_entry(MonitoringStatus.AT_RISK, 50, date=today - datetime.timedelta(5)),
    )
    newer = services.entry_add(
        actor=adviser, action=action, data=_entry(MonitoringStatus.DONE, 100, date=today)
    )
    flagged = {a.pk for a in engagement_flagged(hdr.engagement)}
    assert action.pk not in flagged  # done
    # the local government's team corrects the newer entry: not done after all
    services.entry_update(
        actor=lg_user, entry=newer, data=_entry(MonitoringStatus.DELAYED, 70, date=today, comment="Poprawka")
    )
    action.refresh_from_db()
    assert action.latest_entry_id == newer.pk
    flagged = {a.pk: a for a in engagement_flagged(hdr.engagement)}
    assert flagged[action.pk].is_overdue
    assert not flagged[action.pk].is_at_risk
    newer.refresh_from_db()
    assert (newer.status, newer.percent_done, newer.comment) == ("delayed", 70, "Poprawka")
    # moving the newer entry's date before the older one makes the older one the latest
    services.entry_update(
        actor=adviser,
        entry=newer,
        data=_entry(MonitoringStatus.DELAYED, 70, date=today - datetime.timedelta(days=9)),
    )
    action.refresh_from_db()
    assert action.latest_entry_id == older.pk
    assert engagement_flagged(hdr.engagement)[0].is_at_risk
    # deleting the latest entry falls back on the one left; deleting that one leaves none
    services.entry_delete(actor=adviser, entry=older)
    action.refresh_from_db()
    assert action.latest_entry_id == newer.pk
    flagged = {a.pk: a for a in engagement_flagged(hdr.engagement)}
    assert not flagged[action.pk].is_at_risk
    assert flagged[action.pk].is_overdue
    services.entry_delete(actor=lg_user, entry=newer)
    action.refresh_from_db()
    assert action.latest_entry is None
    assert engagement_flagged(hdr.engagement)[0].is_overdue  # no entry counts as not done
    assert not action.monitoring_entries.exists()
    logged = list(
        AuditLogEntry.objects.filter(action__startswith="advisory.monitoring.").values_list(
            "action", flat=True
        )
    )
    assert logged.count("advisory.monitoring.update") == 2
    assert logged.count("advisory.monitoring.delete") == 2


def test_the_rules_of_a_correction():
    hdr, adviser, lg_user = approved_hdr()
    action = _actions(hdr)[0]
    entry = services.entry_add(actor=adviser, action=action, data=_entry())
    with pytest.raises(ValidationError) as error:
        services.entry_update(
            actor=adviser,
            entry=entry,
            data=_entry(MonitoringStatus.DONE, 80, date=timezone.localdate() + datetime.timedelta(days=1)),
        )
    assert set(error.value.message_dict) == {"percent_done", "date"}
    with pytest.raises(ValidationError) as error:
        services.entry_update(
            actor=adviser, entry=entry, data=_entry(), evidence=SimpleUploadedFile("a.pdf", b"MZ fake")
        )
    assert set(error.value.message_dict) == {"evidence"}
    for stranger in (user_with_role("expert"), user_with_role("local_government_member")):
        with pytest.raises(PermissionDenied):
            services.entry_update(actor=stranger, entry=entry, data=_entry(percent=99))
        with pytest.raises(PermissionDenied):
            services.entry_delete(actor=stranger, entry=entry)
    entry.refresh_from_db()
    assert entry.percent_done == 40
    # a closed engagement's entries stay as they are
    hdr.engagement.status = EngagementStatus.CLOSED
    hdr.engagement.save()
    with pytest.raises(ValidationError, match="closed"):
        services.entry_update(actor=adviser, entry=entry, data=_entry(percent=99))
    with pytest.raises(ValidationError, match="closed"):
        services.entry_delete(actor=user_with_role("coordinator"), entry=entry)
    assert action.monitoring_entries.get().percent_done == 40


def test_the_evidence_is_replaced_or_removed_and_the_old_file_deleted(django_capture_on_commit_callbacks):
    hdr, adviser, _lg = approved_hdr()
    entry = services.entry_add(
        actor=adviser, action=hdr.actions.first(), data=_entry(), evidence=SimpleUploadedFile("a.pdf", PDF)
    )
    first = entry.evidence.name
    storage = entry.evidence.storage
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_update(
            actor=adviser, entry=entry, data=_entry(), evidence=SimpleUploadedFile("zdjecie.png", PNG)
        )
    entry.refresh_from_db()
    assert entry.evidence_type == "png"
    assert not storage.exists(first)
    second = entry.evidence.name
    assert storage.exists(second)
    with pytest.raises(ValidationError):
        services.entry_update(
            actor=adviser,
            entry=entry,
            data=_entry(),
            evidence=SimpleUploadedFile("b.pdf", PDF),
            remove_evidence=True,
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_update(actor=adviser, entry=entry, data=_entry(), remove_evidence=True)
    entry.refresh_from_db()
    assert not entry.evidence
    assert entry.evidence_type == ""
    assert not storage.exists(second)
    entry = services.entry_add(
        actor=adviser, action=hdr.actions.first(), data=_entry(), evidence=SimpleUploadedFile("c.pdf", PDF)
    )
    third = entry.evidence.name
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_delete(actor=adviser, entry=entry)
    assert not storage.exists(third)


def test_the_correction_form_and_the_deletion_page(client):
    hdr, _adviser, lg_user = approved_hdr()
    action = hdr.actions.first()
    entry = services.entry_add(
        actor=lg_user, action=action, data=_entry(), evidence=SimpleUploadedFile("a.pdf", PDF)
    )
    client.force_login(lg_user)
    body = client.get(reverse("advisory:action_monitoring", args=[action.pk])).content.decode()
    assert reverse("advisory:monitoring_entry_edit", args=[entry.pk]) in body
    assert reverse("advisory:monitoring_entry_delete", args=[entry.pk]) in body
    url = reverse("advisory:monitoring_entry_edit", args=[entry.pk])
    data = {"date": timezone.localdate().isoformat(), "status": "done", "percent_done": "60"}
    for bad in (
        data,  # done but not 100 percent
        {**data, "status": "on_track", "percent_done": "130"},
        {**data, "status": "on_track", "evidence": SimpleUploadedFile("b.pdf", b"not a pdf")},
        {**data, "status": "on_track", "date": "9999-12-31"},
    ):
        response = client.post(url, bad)
        assert response.status_code == 200
        assert response.context["form"].errors
    entry.refresh_from_db()
    assert (entry.status, entry.percent_done, entry.evidence_type) == ("on_track", 40, "pdf")
    response = client.post(url, {**data, "percent_done": "100", "remove_evidence": "on"})
    assert response.status_code == 302
    assert response.url == reverse("advisory:action_monitoring", args=[action.pk])
    entry.refresh_from_db()
    assert (entry.status, entry.percent_done, entry.evidence.name) == ("done", 100, "")
    delete_url = reverse("advisory:monitoring_entry_delete", args=[entry.pk])
    page = client.get(delete_url)
    assert page.status_code == 200
    assert action.monitoring_entries.exists()  # a GET only asks
    response = client.post(delete_url)
    assert response.status_code == 302
    assert not action.monitoring_entries.exists()
    action.refresh_from_db()
    assert action.latest_entry is None


def test_a_closed_engagement_refuses_corrections_with_a_message(client):
    hdr, adviser, _lg = approved_hdr()
    entry = services.entry_add(actor=adviser, action=hdr.actions.first(), data=_entry())
    hdr.engagement.status = EngagementStatus.CLOSED
    hdr.engagement.save()
    client.force_login(adviser)
    data = {"date": timezone.localdate().isoformat(), "status": "on_track", "percent_done": "90"}
    with translation.override("pl"):
        response = client.post(reverse("advisory:monitoring_entry_edit", args=[entry.pk]), data)
        assert response.status_code == 200
        assert "zakończon" in response.content.decode() or "zamknięt" in response.content.decode()
        response = client.post(reverse("advisory:monitoring_entry_delete", args=[entry.pk]))
        assert response.status_code == 200
        assert "zakończon" in response.content.decode() or "zamknięt" in response.content.decode()
    entry.refresh_from_db()
    assert entry.percent_done == 40


@pytest.mark.parametrize("count", [2, 12])
def test_the_correction_pages_within_their_budget(client, count):
    hdr, adviser, _lg = approved_hdr(actions=count)
    action = hdr.actions.first()
    for _ in range(count):
        entry = services.entry_add(
            actor=adviser, action=action, data=_entry(), evidence=SimpleUploadedFile("a.pdf", PDF)
        )
    client.force_login(adviser)
    assert_page(
        client,
        reverse("advisory:monitoring_entry_edit", args=[entry.pk]),
        queries=BUDGET,
        template="advisory/monitoring/entry_form.html",
        contains=action.title,
    )
    assert_page(
        client,
        reverse("advisory:monitoring_entry_delete", args=[entry.pk]),
        queries=BUDGET,
        template="advisory/monitoring/entry_delete.html",
        contains=action.title,
    )
