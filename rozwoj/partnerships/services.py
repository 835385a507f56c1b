"""Writes of the partnership: report periods, partners' reports (write, submit, comment, return, accept), the
synthesis and its quotations, unit costs per call, and the participants of a meeting's cost table."""

import datetime
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rozwoj.accounts.models import Role
from rozwoj.accounts.permissions import require_coordinator
from rozwoj.core.audit import changed_fields, log_action
from rozwoj.notifications.services import notify
from rozwoj.organisations.models import Organisation
from rozwoj.people.models import Person
from rozwoj.programmes.models import Programme, ProgrammePartner

from .models import (
    EDITABLE_STATUSES,
    MAX_UNIT_COST,
    SECTION_KEYS,
    CostCall,
    DistanceBand,
    MeetingCosting,
    MeetingParticipant,
    PartnerReport,
    Quotation,
    ReportComment,
    ReportPeriod,
    ReportStatus,
    Synthesis,
    UnitCost,
)
from .selectors.access import can_write_report
from .selectors.figures import pilot_group_figures
from .selectors.pages import overdue_reports_for_reminder

PERIOD_FIELDS = ("title", "starts_on", "ends_on", "due_on", "meeting", "instructions")
REMINDER_INTERVAL = datetime.timedelta(days=7)


def _check_period(data: dict[str, Any], programme: Programme) -> None:
    errors = {}
    if data["ends_on"] < data["starts_on"]:
        errors["ends_on"] = _("The period cannot end before it starts.")
    if data["due_on"] < data["starts_on"]:
        errors["due_on"] = _("Reports cannot be due before the period starts.")
    meeting = data.get("meeting")
    if meeting is not None and (
        meeting.programme_id != programme.pk or meeting.kind.code != "transnational_meeting"
    ):
        errors["meeting"] = _("Choose a transnational meeting of this programme.")
    if errors:
        raise ValidationError(errors)


def programme_organisations(programme: Programme) -> list[Organisation]:
    """The organisations that report in a programme: its lead institution and its partners."""
    ids = set(ProgrammePartner.objects.filter(programme=programme).values_list("organisation_id", flat=True))
    if programme.lead_institution_id:
        ids.add(programme.lead_institution_id)
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


@transaction.atomic
def period_create(*, actor, programme: Programme, data: dict[str, Any]) -> ReportPeriod:
    """A report period and an empty report for each organisation of the programme."""
    require_coordinator(actor)
    _check_period(data, programme)
    try:
        with transaction.atomic():
            period = ReportPeriod.objects.create(
                programme=programme,
                **{
                    name: data.get(name) or "" if name == "instructions" else data.get(name)
                    for name in PERIOD_FIELDS
                },
            )
    except IntegrityError as error:
        raise ValidationError({"title": _("This programme already has a period of this title.")}) from error
    PartnerReport.objects.bulk_create(
        PartnerReport(period=period, organisation=organisation)
        for organisation in programme_organisations(programme)
    )
    log_action(actor, period, "partnerships.period.create", {name: data.get(name) for name in PERIOD_FIELDS})
    return period


@transaction.atomic
def period_update(*, actor, period: ReportPeriod, data: dict[str, Any]) -> ReportPeriod:
    require_coordinator(actor)
    _check_period(data, period.programme)
    changes = changed_fields(period, {name: data.get(name) for name in PERIOD_FIELDS})
    for name in PERIOD_FIELDS:
        setattr(period, name, data.get(name) if name != "instructions" else data.get(name) or "")
    try:
        with transaction.atomic():
            period.save()
    except IntegrityError as error:
        raise ValidationError({"title": _("This programme already has a period of this title.")}) from error
    # An organisation that joined the programme since gets its report too.
    existing = set(period.reports.values_list("organisation_id", flat=True))
    PartnerReport.objects.bulk_create(
        PartnerReport(period=period, organisation=organisation)
        for organisation in programme_organisations(period.programme)
        if organisation.pk not in existing
    )
    log_action(actor, period, "partnerships.period.update", changes)
    return period


# --- reports -------------------------------------------------------------------------------------------------


def _require_writer(actor, report: PartnerReport) -> None:
    if not can_write_report(actor, report):
        raise PermissionDenied


@transaction.atomic
def report_update(*, actor, report: PartnerReport, data: dict[str, Any]) -> PartnerReport:
    """The report's own organisation writes its sections while it is a draft or returned for changes."""
    _require_writer(actor, report)
    report = PartnerReport.objects.select_for_update().select_related("period__programme").get(pk=report.pk)
    if not report.is_editable:
        raise ValidationError(_("A submitted or accepted report can no longer be changed."))
    values = {key: (data.get(key) or "").strip() for key in SECTION_KEYS if key in data}
    changes = changed_fields(report, values)
    for key, value in values.items():
        setattr(report, key, value)
    report.save(update_fields=[*values, "updated_at"])
    log_action(actor, report, "partnerships.report.update", {key: "…" for key in changes})
    return report


@transaction.atomic
def report_submit(*, actor, report: PartnerReport) -> PartnerReport:
    """Submit the report: every section written; the figures of the pilot groups are kept with it."""
    _require_writer(actor, report)
    report = PartnerReport.objects.select_for_update().select_related("period__programme").get(pk=report.pk)
    if not report.is_editable:
        raise ValidationError(_("This report has already been submitted."))
    empty = {
        key: _("Write this section before submitting the report.")
        for key in SECTION_KEYS
        if not getattr(report, key).strip()
    }
    if empty:
        raise ValidationError(empty)
    period = report.period
    report.figures = pilot_group_figures(
        period.programme_id, report.organisation_id, period.starts_on, period.ends_on
    )
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = timezone.now()
    report.save(update_fields=["figures", "status", "submitted_at", "updated_at"])
    log_action(actor, report, "partnerships.report.submit", {"figures": report.figures})
    return report


def _organisation_members(organisation_id: int):
    """People with a login acting for the organisation as partner members (current memberships)."""
    today = timezone.localdate()
    return (
        Person.objects.filter(
            Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gte=today),
            memberships__organisation_id=organisation_id,
            user__roles__role=Role.PARTNER_MEMBER,
        )
        .select_related("user")
        .distinct()
    )


@transaction.atomic
def report_comment(*, actor, report: PartnerReport, text: str, section: str = "") -> ReportComment:
    """Coordinators comment on a report; its own organisation answers."""
    if not (actor.is_coordinator or can_write_report(actor, report)):
        raise PermissionDenied
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the comment.")})
    if section and section not in SECTION_KEYS:
        raise ValidationError({"section": _("Choose a section of the report.")})
    comment = ReportComment.objects.create(report=report, author=actor, section=section, text=text)
    log_action(actor, report, "partnerships.report.comment", {"section": section})
    return comment


@transaction.atomic
def report_return(*, actor, report: PartnerReport, text: str) -> PartnerReport:
    """A coordinator returns a submitted report for changes, saying what to change (a comment)."""
    require_coordinator(actor)
    report = (
        PartnerReport.objects.select_for_update()
        .select_related("period__programme", "organisation")
        .get(pk=report.pk)
    )
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be returned for changes."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Say what should be changed.")})
    ReportComment.objects.create(report=report, author=actor, text=text)
    report.status = ReportStatus.RETURNED
    report.figures = {}
    report.save(update_fields=["status", "figures", "updated_at"])
    log_action(actor, report, "partnerships.report.return", {"status": report.status})
    url = reverse("partnerships:report", args=[report.pk])
    for person in _organisation_members(report.organisation_id):
        notify(
            to=person,
            kind="partnerships.report_returned",
            context={"report": report, "period": report.period, "comment": text, "person": person},
            url=url,
        )
    return report


@transaction.atomic
def report_accept(*, actor, report: PartnerReport) -> PartnerReport:
    require_coordinator(actor)
    report = PartnerReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be accepted."))
    report.status = ReportStatus.ACCEPTED
    report.accepted_at = timezone.now()
    report.save(update_fields=["status", "accepted_at", "updated_at"])
    log_action(actor, report, "partnerships.report.accept", {"status": report.status})
    return report


def send_overdue_reminders(now: datetime.datetime | None = None) -> int:
    """E-mail the members of each organisation whose report is overdue; again a week later while it stays
    overdue. Each report is claimed (reminder_sent_at) in the same transaction as its e-mails."""
    now = now or timezone.now()
    sent = 0
    for report in overdue_reports_for_reminder(now, resend_after=REMINDER_INTERVAL):
        with transaction.atomic():
            claimed = (
                PartnerReport.objects.filter(pk=report.pk, status__in=EDITABLE_STATUSES)
                .filter(Q(reminder_sent_at__isnull=True) | Q(reminder_sent_at__lt=now - REMINDER_INTERVAL))
                .update(reminder_sent_at=now)
            )
            if not claimed:
                continue
            url = reverse("partnerships:report", args=[report.pk])
            for person in _organisation_members(report.organisation_id):
                notify(
                    to=person,
                    kind="partnerships.report_overdue",
                    context={"report": report, "period": report.period, "person": person},
                    url=url,
                )
                sent += 1
    return sent


# --- synthesis -----------------------------------------------------------------------------------------------


def _normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip().casefold()


@transaction.atomic
def synthesis_save(*, actor, period: ReportPeriod, data: dict[str, Any]) -> Synthesis:
    require_coordinator(actor)
    synthesis, _created = Synthesis.objects.get_or_create(period=period)
    synthesis.introduction = data.get("introduction") or ""
    synthesis.conclusions = data.get("conclusions") or ""
    synthesis.save()
    log_action(actor, synthesis, "partnerships.synthesis.save", {})
    return synthesis


@transaction.atomic
def quotation_add(
    *, actor, period: ReportPeriod, report: PartnerReport, section: str, text: str
) -> Quotation:
    """Quote a passage of a section of a submitted national report of the period; the passage must be found in
    that section (spaces and letter case aside), so every quotation stays true to its source."""
    require_coordinator(actor)
    errors = {}
    if report.period_id != period.pk or report.status not in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED):
        errors["report"] = _("Choose a submitted report of this period.")
    if section not in SECTION_KEYS:
        errors["section"] = _("Choose a section of the report.")
    text = (text or "").strip()
    if not text:
        errors["text"] = _("Paste the passage to quote.")
    elif not errors and _normalised(text) not in _normalised(report.section_text(section)):
        errors["text"] = _("This passage is not in the chosen section of the report: copy it from there.")
    if errors:
        raise ValidationError(errors)
    synthesis, _created = Synthesis.objects.get_or_create(period=period)
    order = synthesis.quotations.count()
    quotation = Quotation.objects.create(
        synthesis=synthesis, report=report, section=section, text=text, order=order
    )
    log_action(actor, synthesis, "partnerships.quotation.add", {"report": report.pk, "section": section})
    return quotation


@transaction.atomic
def quotation_remove(*, actor, quotation: Quotation) -> None:
    require_coordinator(actor)
    synthesis = quotation.synthesis
    quotation.delete()
    log_action(actor, synthesis, "partnerships.quotation.remove", {})


# --- meeting costs -------------------------------------------------------------------------------------------


def _amount(value) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError) as error:
        raise ValidationError(_("Enter an amount in euro.")) from error
    if not amount.is_finite() or amount < 0 or amount > MAX_UNIT_COST:
        raise ValidationError(_("Enter an amount between 0 and 100,000 euro."))
    return amount.quantize(Decimal("0.01"))


@transaction.atomic
def call_save(*, actor, call: CostCall | None, data: dict[str, Any], amounts: dict[str, Any]) -> CostCall:
    """A call's name, its to-verify flag and its unit cost per distance band (bands left empty: no unit cost)."""
    require_coordinator(actor)
    errors = {}
    clean: dict[str, Decimal | None] = {}
    for band in (DistanceBand.FROM_100, DistanceBand.FROM_2000):
        value = amounts.get(band)
        if value in (None, ""):
            clean[band] = None
            continue
        try:
            clean[band] = _amount(value)
        except ValidationError as error:
            errors[f"amount_{band}"] = error.messages[0]
    if errors:
        raise ValidationError(errors)
    others = CostCall.objects.all() if call is None else CostCall.objects.exclude(pk=call.pk)
    if others.filter(name__iexact=data["name"].strip()).exists():
        raise ValidationError({"name": _("A call of this name already exists.")})
    if call is None:
        call = CostCall()
    call.name = data["name"].strip()
    call.to_verify = bool(data.get("to_verify"))
    call.note = data.get("note") or ""
    call.save()
    for band_code, amount in clean.items():
        if amount is None:
            UnitCost.objects.filter(call=call, band=band_code).delete()
        else:
            UnitCost.objects.update_or_create(call=call, band=band_code, defaults={"amount": amount})
    log_action(actor, call, "partnerships.call.save", {band: str(v) for band, v in clean.items()})
    return call


def _require_meeting(event) -> None:
    if event.kind.code != "transnational_meeting":
        raise ValidationError(_("Costs by distance band are kept for transnational meetings only."))


@transaction.atomic
def costing_set_call(*, actor, event, call: CostCall) -> MeetingCosting:
    require_coordinator(actor)
    _require_meeting(event)
    costing, _created = MeetingCosting.objects.update_or_create(event=event, defaults={"call": call})
    log_action(actor, event, "partnerships.costing.call", {"call": call.name})
    return costing


@transaction.atomic
def participant_add(*, actor, event, data: dict[str, Any]) -> MeetingParticipant:
    """A participant of the meeting's cost table; the meeting must have a call chosen first."""
    require_coordinator(actor)
    _require_meeting(event)
    costing = MeetingCosting.objects.filter(event=event).first()
    if costing is None:
        raise ValidationError(_("Choose the call whose unit costs apply first."))
    if data["band"] not in DistanceBand.values:
        raise ValidationError({"band": _("Choose a distance band.")})
    participant = MeetingParticipant.objects.create(
        costing=costing,
        organisation=data["organisation"],
        name=data["name"].strip(),
        sending_city=data["sending_city"].strip(),
        band=data["band"],
        online=bool(data.get("online")),
    )
    log_action(
        actor, event, "partnerships.participant.add", {"name": participant.name, "band": participant.band}
    )
    return participant


@transaction.atomic
def participant_remove(*, actor, participant: MeetingParticipant) -> None:
    require_coordinator(actor)
    event = participant.costing.event
    name = participant.name
    participant.delete()
    log_action(actor, event, "partnerships.participant.remove", {"name": name})
