"""Monitoring of the HDR (stage 5): the engagement's monitoring page (every action with its latest entry and
flags), one action's entries with the form of a new one, correcting and deleting an entry, and the evidence
files (served after an access check)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from rozwoj.accounts.permissions import login_required
from rozwoj.core.files import file_response, stored_filename
from rozwoj.core.forms import add_service_errors

from ..models import StageKind
from ..monitoring_forms import MonitoringEntryEditForm, MonitoringEntryForm
from ..selectors import monitoring as selectors
from ..selectors.access import access_engagement
from ..selectors.hdr import hdr_of
from ..services import monitoring as services
from ..services.engagements import stage_gate


@login_required
def monitoring_page(request, pk: int):
    engagement = access_engagement(request.user, pk)
    actions = selectors.monitored_actions(engagement)
    has_stage = any(stage.kind == StageKind.MONITORING for stage in engagement.stages.all())
    return render(
        request,
        "advisory/monitoring/page.html",
        {
            "engagement": engagement,
            "hdr": hdr_of(engagement),
            "actions": actions,
            "overdue": sum(1 for action in actions if action.is_overdue),
            "at_risk": sum(1 for action in actions if action.is_at_risk),
            "can_monitor": selectors.can_monitor(request.user, engagement),
            "gate": stage_gate(engagement, StageKind.MONITORING) if has_stage else "",
        },
    )


@login_required
def action_monitoring(request, pk: int):
    """One action's entries, newest first; those who monitor add an entry here."""
    action = selectors.access_monitored_action(request.user, pk, manage=request.method == "POST")
    engagement = action.hdr.engagement
    can_monitor = selectors.can_monitor(request.user, engagement)
    form = None
    if can_monitor:
        initial = {"date": timezone.localdate()}
        if action.latest_entry is not None:
            initial.update(status=action.latest_entry.status, percent_done=action.latest_entry.percent_done)
        form = MonitoringEntryForm(request.POST or None, request.FILES or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = {field: form.cleaned_data[field] for field in MonitoringEntryForm.Meta.fields}
            try:
                services.entry_add(
                    actor=request.user, action=action, data=data, evidence=form.cleaned_data["evidence"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The monitoring entry is saved."))
                return redirect("advisory:monitoring", engagement.pk)
    today = timezone.localdate()
    action.is_overdue = selectors.is_overdue(action, today)
    action.is_at_risk = selectors.is_at_risk(action)
    return render(
        request,
        "advisory/monitoring/action.html",
        {
            "engagement": engagement,
            "action": action,
            "entries": list(selectors.action_entries(action)),
            "form": form,
        },
    )


@login_required
def entry_edit(request, pk: int):
    """Correct an entry: its fields, and its evidence file replaced or removed."""
    entry = selectors.access_monitoring_entry(request.user, pk, manage=True)
    action = entry.action
    form = MonitoringEntryEditForm(request.POST or None, request.FILES or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in MonitoringEntryForm.Meta.fields}
        try:
            services.entry_update(
                actor=request.user,
                entry=entry,
                data=data,
                evidence=form.cleaned_data["evidence"],
                remove_evidence=form.cleaned_data.get("remove_evidence", False),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The monitoring entry is corrected."))
            return redirect("advisory:action_monitoring", action.pk)
    return render(
        request,
        "advisory/monitoring/entry_form.html",
        {"engagement": action.hdr.engagement, "action": action, "entry": entry, "form": form},
    )


@login_required
def entry_delete(request, pk: int):
    """Ask before deleting an entry (GET), delete it (POST)."""
    entry = selectors.access_monitoring_entry(request.user, pk, manage=True)
    action = entry.action
    error = None
    if request.method == "POST":
        try:
            services.entry_delete(actor=request.user, entry=entry)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("The monitoring entry is deleted."))
            return redirect("advisory:action_monitoring", action.pk)
    return render(
        request,
        "advisory/monitoring/entry_delete.html",
        {"engagement": action.hdr.engagement, "action": action, "entry": entry, "error": error},
    )


@login_required
def evidence(request, pk: int):
    entry = selectors.access_monitoring_entry(request.user, pk)
    if not entry.evidence:
        raise Http404
    return file_response(
        entry.evidence,
        filename=stored_filename(entry.evidence),
        content_type=services.EVIDENCE_CONTENT_TYPES.get(entry.evidence_type, "application/octet-stream"),
    )
