"""Engagements: the list, one engagement's page (team, stages, diagnosis, support log, timeline) and its forms."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from rozwoj.accounts.permissions import coordinator_required, login_required
from rozwoj.core.forms import add_service_errors
from rozwoj.core.pagination import paginate

from ..forms import (
    FindingForm,
    FollowUpFormSet,
    LogEntryForm,
    PriorityForm,
    StageForm,
    SupportAreaChoiceForm,
    TeamForm,
)
from ..models import StageKind
from ..selectors import pages
from ..selectors.access import (
    access_engagement,
    access_follow_up,
    access_log_entry,
    access_priority,
    access_stage,
    can_work_on,
)
from ..selectors.monitoring import engagement_flagged
from ..services import diagnosis, support_log
from ..services import engagements as services

ACTION_LABELS = {
    "advisory.engagement.start": gettext_lazy("Engagement started"),
    "advisory.engagement.team": gettext_lazy("Advisory team set"),
    "advisory.stage.update": gettext_lazy("Stage changed"),
    "advisory.support_area": gettext_lazy("Support area chosen"),
    "advisory.finding.add": gettext_lazy("Finding recorded"),
    "advisory.priority.add": gettext_lazy("Priority added"),
    "advisory.priority.move": gettext_lazy("Priorities reordered"),
    "advisory.log.create": gettext_lazy("Support logged"),
    "advisory.log.update": gettext_lazy("Support-log entry changed"),
    "advisory.log.delete": gettext_lazy("Support-log entry deleted"),
    "advisory.follow_up.done": gettext_lazy("Follow-up done"),
    "advisory.monitoring.add": gettext_lazy("Monitoring entry recorded"),
    "advisory.monitoring.update": gettext_lazy("Monitoring entry corrected"),
    "advisory.monitoring.delete": gettext_lazy("Monitoring entry deleted"),
    "advisory.evaluation.save": gettext_lazy("Evaluation saved"),
    "advisory.evaluation.questionnaire": gettext_lazy("Evaluation questionnaire sent"),
    "advisory.evaluation.close": gettext_lazy("Evaluation closed"),
    "advisory.diagnosis.send": gettext_lazy("Self-diagnosis questionnaire sent"),
    "advisory.teams.accept": gettext_lazy("Proposed advisory team accepted"),
    "advisory.teams.swap": gettext_lazy("Expert swapped in the proposed team"),
    "advisory.hdr.start": gettext_lazy("HDR started"),
    "advisory.hdr.update": gettext_lazy("HDR edited"),
    "advisory.hdr.action.add": gettext_lazy("HDR action added"),
    "advisory.hdr.action.update": gettext_lazy("HDR action changed"),
    "advisory.hdr.action.delete": gettext_lazy("HDR action deleted"),
    "advisory.hdr.version": gettext_lazy("HDR version saved"),
    "advisory.hdr.comment": gettext_lazy("HDR commented on"),
    "advisory.hdr.submit": gettext_lazy("HDR submitted for approval"),
    "advisory.hdr.return": gettext_lazy("HDR returned for changes"),
    "advisory.hdr.approve": gettext_lazy("HDR approved"),
    "advisory.hdr.publish": gettext_lazy("HDR published"),
    "advisory.hdr.unpublish": gettext_lazy("HDR withdrawn from the gallery"),
    "advisory.debate.create": gettext_lazy("Dialogue meeting recorded"),
    "advisory.debate.update": gettext_lazy("Dialogue meeting changed"),
    "advisory.debate.delete": gettext_lazy("Dialogue meeting deleted"),
    "advisory.debate.recommendation_to_action": gettext_lazy("Recommendation turned into an HDR action"),
}

# kept for the audit trail only: ids of records, meaningless to a reader of the timeline
AUDIT_ONLY_KEYS = {"application", "questionnaire"}
AUDIT_ONLY_ACTIONS = {"advisory.teams.accept", "advisory.teams.swap"}


def _detail(value) -> str:
    """One value of an audit entry's changes as the timeline shows it: a [before, after] pair as "before → after",
    each side a value or a list of values (the two advisers of a team)."""
    if isinstance(value, list) and len(value) == 2:
        before, after = (
            ", ".join(str(v) for v in side if v) if isinstance(side, list) else side for side in value
        )
        return f"{before or '—'} → {after or '—'}"
    return str(value)


def _timeline(engagement) -> list[dict]:
    items = []
    for entry in pages.engagement_timeline(engagement):
        details = []
        changes = {} if entry.action in AUDIT_ONLY_ACTIONS else (entry.changes or {})
        for key, value in changes.items():
            if key not in AUDIT_ONLY_KEYS and value not in (None, "", []):
                details.append(_detail(value))
        items.append(
            {"entry": entry, "label": ACTION_LABELS.get(entry.action, entry.action), "details": details}
        )
    return items


@login_required
def engagement_list(request):
    page_obj = paginate(request, pages.engagement_list(request.user))
    return render(request, "advisory/engagements/list.html", {"page_obj": page_obj})


@login_required
def engagement_detail(request, pk: int):
    engagement = access_engagement(request.user, pk)
    can_work = can_work_on(request.user, engagement)
    context = {
        "engagement": engagement,
        "can_work": can_work,
        "is_coordinator": request.user.is_coordinator,
        "role_names": pages.role_names(engagement.call.programme),
        "members": list(engagement.members.select_related("person")),
        "stages": pages.engagement_stages(engagement),
        "findings": list(engagement.findings.all()),
        "priorities": list(engagement.priorities.order_by("rank", "id")),
        "log_count": engagement.log_entries.count(),
        "diagnosis": pages.diagnosis_summary(request.user, engagement),
        "timeline": _timeline(engagement),
        "flagged": engagement_flagged(engagement),
    }
    if can_work:
        context["finding_form"] = FindingForm()
        context["priority_form"] = PriorityForm()
    return render(request, "advisory/engagements/detail.html", context)


@require_POST
@login_required
def diagnosis_send(request, pk: int):
    engagement = access_engagement(request.user, pk, manage=True)
    try:
        diagnosis.diagnosis_send(actor=request.user, engagement=engagement)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("The self-diagnosis questionnaire is sent to the local government's team.")
        )
    return _back(engagement, "#diagnosis")


@login_required
def engagement_log(request, pk: int):
    engagement = access_engagement(request.user, pk)
    page_obj = paginate(request, pages.engagement_log(engagement))
    return render(
        request,
        "advisory/engagements/log.html",
        {"engagement": engagement, "page_obj": page_obj, "can_work": can_work_on(request.user, engagement)},
    )


@coordinator_required
def engagement_team(request, pk: int):
    engagement = access_engagement(request.user, pk, manage=True)
    form = TeamForm(
        request.POST or None,
        initial={"ros_expert": engagement.ros_expert_id, "pro_expert": engagement.pro_expert_id},
        role_names=pages.role_names(engagement.call.programme),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.engagement_set_team(
                actor=request.user,
                engagement=engagement,
                ros=form.cleaned_data["ros_expert"],
                pro=form.cleaned_data["pro_expert"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The advisory team is saved."))
            return redirect("advisory:engagement", engagement.pk)
    return render(request, "advisory/engagements/team.html", {"engagement": engagement, "form": form})


def _back(engagement, anchor: str = ""):
    if anchor == "#log":
        return redirect("advisory:log", engagement.pk)
    response = redirect("advisory:engagement", engagement.pk)
    response["Location"] += anchor
    return response


def _report(request, form, error: ValidationError) -> None:
    add_service_errors(form, error)
    for message in [*form.non_field_errors(), *[m for field in form.errors.values() for m in field]]:
        messages.error(request, message)


@require_POST
@login_required
def support_area_choose(request, pk: int):
    engagement = access_engagement(request.user, pk, manage=True)
    form = SupportAreaChoiceForm(request.POST)
    if form.is_valid():
        try:
            services.support_area_choose(
                actor=request.user, engagement=engagement, area=form.cleaned_data["support_area"]
            )
            messages.success(request, _("The support area is saved."))
        except ValidationError as error:
            _report(request, form, error)
    else:
        _report(request, form, ValidationError({}))
    return _back(engagement, "#stages")


@login_required
def stage_edit(request, pk: int):
    stage = access_stage(request.user, pk, manage=True)
    engagement = access_engagement(request.user, stage.engagement_id)
    form = StageForm(request.POST or None, instance=stage)
    if request.method == "POST" and form.is_valid():
        try:
            services.stage_update(actor=request.user, stage=stage, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The stage is saved."))
            return _back(engagement, "#stages")
    stage.display_name = next(s.display_name for s in pages.engagement_stages(engagement) if s.pk == stage.pk)
    area_form = (
        SupportAreaChoiceForm(initial={"support_area": engagement.support_area_id})
        if stage.kind == StageKind.SUPPORT_AREA
        else None
    )
    return render(
        request,
        "advisory/engagements/stage.html",
        {"engagement": engagement, "stage": stage, "form": form, "area_form": area_form},
    )


@require_POST
@login_required
def finding_add(request, pk: int):
    engagement = access_engagement(request.user, pk, manage=True)
    form = FindingForm(request.POST)
    if form.is_valid():
        try:
            services.finding_add(actor=request.user, engagement=engagement, text=form.cleaned_data["text"])
            messages.success(request, _("The finding is saved."))
        except ValidationError as error:
            _report(request, form, error)
    else:
        _report(request, form, ValidationError({}))
    return _back(engagement, "#diagnosis")


@require_POST
@login_required
def priority_add(request, pk: int):
    engagement = access_engagement(request.user, pk, manage=True)
    form = PriorityForm(request.POST)
    if form.is_valid():
        services.priority_add(actor=request.user, engagement=engagement, **form.cleaned_data)
        messages.success(request, _("The priority is saved."))
    else:
        _report(request, form, ValidationError({}))
    return _back(engagement, "#diagnosis")


@require_POST
@login_required
def priority_move(request, pk: int):
    priority = access_priority(request.user, pk, manage=True)
    direction = -1 if request.POST.get("direction") == "up" else 1
    services.priority_move(actor=request.user, priority=priority, direction=direction)
    return _back(priority.engagement, "#diagnosis")


def _owners_and_forms(request, engagement, entry=None):
    owners = list(pages.follow_up_owners(engagement))
    form = LogEntryForm(
        request.POST or None, instance=entry, engagement=engagement, events=pages.events_for_log(engagement)
    )
    follow_ups = FollowUpFormSet(request.POST or None, prefix="follow_ups", form_kwargs={"owners": owners})
    return form, follow_ups


def _save_entry(request, engagement, entry=None):
    form, follow_ups = _owners_and_forms(request, engagement, entry)
    if request.method == "POST" and form.is_valid() and follow_ups.is_valid():
        data = {f: form.cleaned_data[f] for f in ("form", "date", "hours", "event", "notes")}
        rows = [
            {
                "text": row.cleaned_data["text"],
                "owner": row.cleaned_data["owner"],
                "due_on": row.cleaned_data["due_on"],
            }
            for row in follow_ups
            if row.cleaned_data.get("text")
        ]
        try:
            support_log.entry_save(
                actor=request.user,
                engagement=engagement,
                data=data,
                experts=form.cleaned_data["experts"],
                attendees=form.cleaned_data["attendees"],
                follow_ups=rows,
                entry=entry,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The support-log entry is saved."))
            return _back(engagement, "#log")
    return render(
        request,
        "advisory/engagements/log_form.html",
        {"engagement": engagement, "entry": entry, "form": form, "follow_ups": follow_ups},
    )


@login_required
def log_create(request, pk: int):
    engagement = access_engagement(request.user, pk, manage=True)
    return _save_entry(request, engagement)


@login_required
def log_edit(request, pk: int):
    entry = access_log_entry(request.user, pk, manage=True)
    return _save_entry(request, entry.engagement, entry)


@require_POST
@login_required
def log_delete(request, pk: int):
    entry = access_log_entry(request.user, pk, manage=True)
    engagement = entry.engagement
    support_log.entry_delete(actor=request.user, entry=entry)
    messages.success(request, _("The support-log entry is deleted."))
    return _back(engagement, "#log")


@require_POST
@login_required
def follow_up_done(request, pk: int):
    follow_up = access_follow_up(request.user, pk, manage=True)
    support_log.follow_up_done(actor=request.user, follow_up=follow_up)
    messages.success(request, _("The follow-up is marked done."))
    return _back(follow_up.entry.engagement, "#log")
