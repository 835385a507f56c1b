"""Writes of the monitoring of an HDR (stage 5): a monitoring entry per action (with its evidence file checked by
its content), the stage-5 gate (every action has an entry), and the weekly digest of overdue and at-risk actions
sent to each engagement's local-government team and advisers."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rozwoj.core.audit import log_action
from rozwoj.core.files import stored_filename
from rozwoj.documents.filetypes import detect_type, extension_of
from rozwoj.notifications.services import notify

from ..models import (
    Engagement,
    EngagementMember,
    EngagementStatus,
    Hdr,
    HdrAction,
    MonitoringDigest,
    MonitoringEntry,
    MonitoringStatus,
    StageKind,
)
from ..selectors.monitoring import MONITORED_HDR_STATUSES, can_monitor, flagged_actions, with_flags
from .engagements import register_stage_output

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
IMAGE_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpg"}
EVIDENCE_EXTENSIONS = {"pdf": "pdf", "docx": "docx", "xlsx": "xlsx", "odt": "odt", "ods": "ods"}
EVIDENCE_EXTENSIONS.update({"png": "png", "jpg": "jpg", "jpeg": "jpg"})
EVIDENCE_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "png": "image/png",
    "jpg": "image/jpeg",
}


# --- the stage-5 gate -----------------------------------------------------------------------------------


def monitoring_gap(engagement: Engagement) -> str:
    """Why monitoring cannot close yet ("" when every action of the approved HDR has an entry)."""
    hdr = Hdr.objects.filter(engagement=engagement).first()
    if hdr is None or hdr.status not in MONITORED_HDR_STATUSES:
        return _("The local government's team must approve the HDR first.")
    actions = hdr.actions.all()
    if not actions.exists():
        return _("The HDR has no actions to monitor.")
    unmonitored = actions.filter(latest_entry__isnull=True).count()
    if unmonitored:
        return _(
            "Every action needs at least one monitoring entry first: %(count)s of %(total)s have none."
        ) % {"count": unmonitored, "total": actions.count()}
    return ""


register_stage_output(StageKind.MONITORING, monitoring_gap)


# --- entries --------------------------------------------------------------------------------------------


def check_evidence(upload) -> str:
    """The evidence file's type (pdf, docx, xlsx, odt, ods, png, jpg) read from its content; ValidationError
    when it is empty, too large, another type, or not what its name says."""
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(EVIDENCE_MAX_BYTES)}
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."))
    claimed = EVIDENCE_EXTENSIONS.get(extension_of(upload.name))
    if claimed is None:
        raise ValidationError(
            _("Evidence can be a PDF, DOCX, XLSX, ODT or ODS document, or a PNG or JPEG picture.")
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    actual = next((kind for signature, kind in IMAGE_SIGNATURES.items() if head.startswith(signature)), None)
    if actual is None:
        detected = detect_type(upload)
        actual = detected.value if detected is not None else None
    if actual != claimed:
        raise ValidationError(_("The file's content is not what its name says: choose another file."))
    return actual


def _validate(action: HdrAction, data: dict[str, Any], today: datetime.date) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    status = data.get("status")
    if status not in MonitoringStatus.values:
        errors["status"] = [_("Choose a status.")]
    percent = data.get("percent_done")
    if percent is None or not 0 <= percent <= 100:
        errors["percent_done"] = [_("Give a percentage from 0 to 100.")]
    elif status == MonitoringStatus.DONE and percent != 100:
        errors["percent_done"] = [_("An action marked done must be 100 percent done.")]
    date = data.get("date")
    if date is None:
        errors["date"] = [_("Give the date of the entry.")]
    elif date > today:
        errors["date"] = [_("A monitoring entry cannot be dated in the future.")]
    return errors


def entry_add(*, actor, action: HdrAction, data: dict[str, Any], evidence=None) -> MonitoringEntry:
    """Record what was seen of an action; it becomes the action's latest entry unless a later-dated one
    exists. The action is locked while it is decided which entry is the latest."""
    engagement = action.hdr.engagement
    if not can_monitor(actor, engagement):
        raise PermissionDenied
    if engagement.status != EngagementStatus.ACTIVE:
        raise ValidationError(_("The engagement is closed."))
    if action.hdr.status not in MONITORED_HDR_STATUSES:
        raise ValidationError(_("Monitoring starts once the local government's team has approved the HDR."))
    errors = _validate(action, data, timezone.localdate())
    evidence_type = ""
    if evidence is not None:
        try:
            evidence_type = check_evidence(evidence)
        except ValidationError as error:
            errors["evidence"] = error.messages
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = (
            HdrAction.objects.select_for_update(of=("self",)).select_related("latest_entry").get(pk=action.pk)
        )
        entry = MonitoringEntry(
            action=locked,
            date=data["date"],
            status=data["status"],
            percent_done=data["percent_done"],
            indicator_value=(data.get("indicator_value") or "").strip(),
            comment=(data.get("comment") or "").strip(),
            evidence_type=evidence_type,
            author=actor,
        )
        if evidence is not None:
            entry.evidence.save(evidence.name, evidence, save=False)
        entry.save()
        latest = locked.latest_entry
        if latest is None or (entry.date, entry.pk) >= (latest.date, latest.pk):
            HdrAction.objects.filter(pk=locked.pk).update(latest_entry=entry)
            action.latest_entry = entry
        log_action(
            actor,
            engagement,
            "advisory.monitoring.add",
            {
                "action": locked.title[:200],
                "status": str(MonitoringStatus(entry.status).label),
                "percent_done": entry.percent_done,
            },
        )
    return entry


def _require_changeable(actor, entry: MonitoringEntry) -> Engagement:
    """Who may add an entry may correct or delete one (coordinators, the two advisers, the local government's
    team), while the engagement is active and its HDR monitored."""
    engagement = entry.action.hdr.engagement
    if not can_monitor(actor, engagement):
        raise PermissionDenied
    if engagement.status != EngagementStatus.ACTIVE:
        raise ValidationError(
            _("The engagement is closed: its monitoring entries can no longer be changed or deleted.")
        )
    if entry.action.hdr.status not in MONITORED_HDR_STATUSES:
        raise ValidationError(_("Monitoring starts once the local government's team has approved the HDR."))
    return engagement


def _refresh_latest(action_id: int) -> MonitoringEntry | None:
    """Point the (locked) action at its latest entry again: the latest date, then the latest written."""
    latest = MonitoringEntry.objects.filter(action_id=action_id).order_by("-date", "-id").first()
    HdrAction.objects.filter(pk=action_id).update(latest_entry=latest)
    return latest


def _delete_file_on_commit(field_file) -> None:
    """Delete a stored file once the transaction commits (a rolled-back change keeps it)."""
    if field_file:
        storage, name = field_file.storage, field_file.name
        transaction.on_commit(lambda: storage.delete(name))


def _check_correction(entry: MonitoringEntry, data: dict[str, Any], evidence, remove_evidence: bool) -> str:
    """The rules of a new entry, and a new evidence file checked by its content: its type ("" without one)."""
    errors = _validate(entry.action, data, timezone.localdate())
    evidence_type = ""
    if evidence is not None and remove_evidence:
        errors["remove_evidence"] = [_("Either choose a new file or remove the evidence, not both.")]
    elif evidence is not None:
        try:
            evidence_type = check_evidence(evidence)
        except ValidationError as error:
            errors["evidence"] = error.messages
    if errors:
        raise ValidationError(errors)
    return evidence_type


def _corrections(before: dict[str, Any], saved: MonitoringEntry) -> dict[str, Any]:
    """What a correction changed, as [before, after] pairs for the timeline (statuses by their names)."""
    changes: dict[str, Any] = {}
    for field in ("date", "status", "percent_done"):
        old, new = before[field], getattr(saved, field)
        if new == old:
            continue
        if field == "status":
            old, new = str(MonitoringStatus(old).label), str(MonitoringStatus(new).label)
        changes[field] = [old, new]
    if saved.evidence.name != before["evidence"].name:
        changes["evidence"] = [
            stored_filename(before["evidence"]) if before["evidence"] else "",
            stored_filename(saved.evidence) if saved.evidence else "",
        ]
    return changes


def entry_update(
    *, actor, entry: MonitoringEntry, data: dict[str, Any], evidence=None, remove_evidence: bool = False
) -> MonitoringEntry:
    """Correct an entry (date, status, percent done, indicator value, comment), replace its evidence file
    (checked by its content as on creation) or remove it; the action's latest entry is decided again. The old
    file is deleted once the change is committed."""
    engagement = _require_changeable(actor, entry)
    evidence_type = _check_correction(entry, data, evidence, remove_evidence)
    with transaction.atomic():
        HdrAction.objects.select_for_update(of=("self",)).filter(pk=entry.action_id).first()
        saved = MonitoringEntry.objects.select_for_update().filter(pk=entry.pk).first()
        if saved is None:
            raise ValidationError(_("This monitoring entry no longer exists."))
        before = {field: getattr(saved, field) for field in ("date", "status", "percent_done", "evidence")}
        for field in ("date", "status", "percent_done"):
            setattr(saved, field, data[field])
        saved.indicator_value = (data.get("indicator_value") or "").strip()
        saved.comment = (data.get("comment") or "").strip()
        if evidence is not None or remove_evidence:
            _delete_file_on_commit(before["evidence"])
            saved.evidence, saved.evidence_type = "", ""
        if evidence is not None:
            saved.evidence.save(evidence.name, evidence, save=False)
            saved.evidence_type = evidence_type
        saved.save()
        _refresh_latest(saved.action_id)
        log_action(
            actor,
            engagement,
            "advisory.monitoring.update",
            {"action": entry.action.title[:200], **_corrections(before, saved)},
        )
    return saved


def entry_delete(*, actor, entry: MonitoringEntry) -> None:
    """Delete an entry (and, once committed, its evidence file); the action's latest entry becomes the latest of
    those left (none: the action has no entry again, and counts as not done)."""
    engagement = _require_changeable(actor, entry)
    with transaction.atomic():
        HdrAction.objects.select_for_update(of=("self",)).filter(pk=entry.action_id).first()
        saved = MonitoringEntry.objects.filter(pk=entry.pk).first()
        if saved is None:
            return  # deleted meanwhile
        _delete_file_on_commit(saved.evidence)
        saved.delete()
        _refresh_latest(entry.action_id)
        log_action(
            actor,
            engagement,
            "advisory.monitoring.delete",
            {
                "action": entry.action.title[:200],
                "date": saved.date,
                "status": str(MonitoringStatus(saved.status).label),
                "percent_done": saved.percent_done,
            },
        )


# --- the weekly digest ----------------------------------------------------------------------------------


def _week_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _recipients(flagged: list[HdrAction]) -> tuple[dict[int, Any], dict[int, list[dict]]]:
    """Who hears of the flagged actions (the team's members and the two advisers of each engagement), and for
    each of them the engagements with their flagged actions."""
    by_engagement: dict[int, list[HdrAction]] = defaultdict(list)
    engagements: dict[int, Engagement] = {}
    for action in flagged:
        engagements[action.hdr.engagement_id] = action.hdr.engagement
        by_engagement[action.hdr.engagement_id].append(action)
    people: dict[int, Any] = {}
    groups: dict[int, dict[int, dict]] = defaultdict(dict)
    pairs = [
        (member.person, member.engagement_id)
        for member in EngagementMember.objects.filter(engagement_id__in=list(engagements)).select_related(
            "person"
        )
    ]
    pairs += [
        (expert.person, engagement.pk)
        for engagement in engagements.values()
        for expert in (engagement.ros_expert, engagement.pro_expert)
        if expert is not None
    ]
    for person, engagement_id in pairs:
        people[person.pk] = person
        groups[person.pk][engagement_id] = {
            "engagement": engagements[engagement_id],
            "actions": by_engagement[engagement_id],
        }
    ordered = {
        pk: sorted(found.values(), key=lambda group: group["engagement"].local_government.name)
        for pk, found in groups.items()
    }
    return people, ordered


def send_monitoring_digests(today: datetime.date | None = None) -> int:
    """E-mail each member of a local government's team and each adviser the overdue and at-risk actions of
    their active engagements, once a week: every person is claimed for the week (MonitoringDigest) in the
    transaction of their e-mail, so a job run twice sends nothing twice. Returns the e-mails sent."""
    today = today or timezone.localdate()
    week = _week_of(today)
    flagged = with_flags(
        flagged_actions(Engagement.objects.all(), today).select_related(
            "hdr__engagement__ros_expert__person", "hdr__engagement__pro_expert__person"
        ),
        today,
    )
    if not flagged:
        return 0
    people, groups = _recipients(flagged)
    already = set(
        MonitoringDigest.objects.filter(person_id__in=list(people), week=week).values_list(
            "person_id", flat=True
        )
    )
    sent = 0
    url = reverse("advisory:dashboard")
    for person_id, person in people.items():
        if person_id in already:
            continue
        count = sum(len(group["actions"]) for group in groups[person_id])
        try:
            with transaction.atomic():
                MonitoringDigest.objects.create(person=person, week=week, actions=count)
                notification = notify(
                    to=person,
                    kind="advisory.monitoring_digest",
                    context={"person": person, "groups": groups[person_id], "count": count, "today": today},
                    url=url,
                )
        except IntegrityError:
            continue  # another run claimed this person for the week
        if notification is not None or person.email:
            sent += 1
    return sent
