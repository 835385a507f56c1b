"""Thin views of the partnership workspace: load through access_*, check, call a service, render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rozwoj.accounts.permissions import coordinator_required, login_required
from rozwoj.core.exports import export_response
from rozwoj.core.forms import add_service_errors
from rozwoj.core.markup import render_markdown

from . import exports, services
from .forms import (
    CallForm,
    CommentForm,
    CostingCallForm,
    ParticipantForm,
    PeriodForm,
    QuotationForm,
    ReportForm,
    ReturnForm,
    SynthesisForm,
)
from .selectors import pages
from .selectors.access import (
    access_meeting,
    access_period,
    access_report,
    access_workspace,
    can_write_report,
    is_staff,
    own_organisation_ids,
    programmes_with_workspace,
)


def _saved(form, call):
    try:
        return call()
    except ValidationError as error:
        add_service_errors(form, error)
        return None


def _status(request, form) -> int:
    return 400 if request.method == "POST" and form.errors else 200


# --- workspace -----------------------------------------------------------------------------------------------


@login_required
def home(request):
    programmes = list(
        programmes_with_workspace(request.user).select_related("lead_institution").order_by("name")
    )
    if not programmes and not is_staff(request.user):
        raise PermissionDenied
    return render(request, "partnerships/home.html", {"programmes": programmes})


@login_required
def workspace(request, pk: int):
    programme = access_workspace(request.user, pk)
    own = own_organisation_ids(request.user, programme)
    return render(
        request,
        "partnerships/workspace.html",
        {
            "programme": programme,
            "periods": list(pages.periods_of(request.user, programme)),
            "own_reports": pages.own_reports(request.user, programme, own),
            "meetings": list(pages.meetings_of(programme)),
            "is_staff": is_staff(request.user),
        },
    )


@coordinator_required
def period_create(request, pk: int):
    programme = access_workspace(request.user, pk)
    form = PeriodForm(request.POST or None, meetings=pages.meetings_of(programme))
    if request.method == "POST" and form.is_valid():
        period = _saved(
            form,
            lambda: services.period_create(actor=request.user, programme=programme, data=form.cleaned_data),
        )
        if period is not None:
            messages.success(
                request, _("The report period has been set up; each partner has a report to write.")
            )
            return redirect("partnerships:period", pk=period.pk)
    return render(
        request,
        "partnerships/period_form.html",
        {"form": form, "programme": programme},
        status=_status(request, form),
    )


@login_required
def period_edit(request, pk: int):
    period = access_period(request.user, pk, manage=True)
    form = PeriodForm(request.POST or None, instance=period, meetings=pages.meetings_of(period.programme))
    if (
        request.method == "POST"
        and form.is_valid()
        and _saved(
            form, lambda: services.period_update(actor=request.user, period=period, data=form.cleaned_data)
        )
    ):
        messages.success(request, _("The report period has been saved."))
        return redirect("partnerships:period", pk=period.pk)
    return render(
        request,
        "partnerships/period_form.html",
        {"form": form, "programme": period.programme, "period": period},
        status=_status(request, form),
    )


@login_required
def period_detail(request, pk: int):
    period = access_period(request.user, pk)
    return render(
        request,
        "partnerships/period.html",
        {
            "period": period,
            "programme": period.programme,
            "reports": pages.period_reports(request.user, period),
            "instructions": render_markdown(period.instructions),
            "is_staff": is_staff(request.user),
        },
    )


# --- reports -------------------------------------------------------------------------------------------------


def _report_page(request, report, *, comment_form=None, return_form=None, status=200):
    period = report.period
    return render(
        request,
        "partnerships/report.html",
        {
            "report": report,
            "period": period,
            "programme": period.programme,
            "sections": pages.report_sections(report),
            "figures": pages.shown_figures(report),
            "comments": pages.report_comments(report),
            "overdue": pages.is_overdue(report),
            "can_write": can_write_report(request.user, report),
            "can_review": is_staff(request.user),
            "comment_form": comment_form or CommentForm(),
            "return_form": return_form or ReturnForm(),
        },
        status=status,
    )


@login_required
def report_detail(request, pk: int):
    return _report_page(request, access_report(request.user, pk))


@login_required
def report_edit(request, pk: int):
    report = access_report(request.user, pk, manage=True)
    if not report.is_editable:
        messages.error(request, _("A submitted or accepted report can no longer be changed."))
        return redirect("partnerships:report", pk=report.pk)
    form = ReportForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        saved = _saved(
            form, lambda: services.report_update(actor=request.user, report=report, data=form.cleaned_data)
        )
        if saved is not None:
            if "submit" in request.POST:
                submitted = _saved(form, lambda: services.report_submit(actor=request.user, report=saved))
                if submitted is not None:
                    messages.success(request, _("The report has been submitted to the coordinator."))
                    return redirect("partnerships:report", pk=report.pk)
            else:
                messages.success(request, _("The report has been saved as a draft."))
                return redirect("partnerships:report", pk=report.pk)
    return render(
        request,
        "partnerships/report_form.html",
        {
            "form": form,
            "report": report,
            "period": report.period,
            "programme": report.period.programme,
            "figures": pages.shown_figures(report),
            "overdue": pages.is_overdue(report),
        },
        status=_status(request, form),
    )


@require_POST
@login_required
def report_submit(request, pk: int):
    report = access_report(request.user, pk, manage=True)
    try:
        services.report_submit(actor=request.user, report=report)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("partnerships:report_edit", pk=report.pk)
    messages.success(request, _("The report has been submitted to the coordinator."))
    return redirect("partnerships:report", pk=report.pk)


@require_POST
@login_required
def report_comment(request, pk: int):
    report = access_report(request.user, pk)
    if not (is_staff(request.user) or can_write_report(request.user, report)):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid() and _saved(
        form,
        lambda: services.report_comment(
            actor=request.user,
            report=report,
            text=form.cleaned_data["text"],
            section=form.cleaned_data["section"],
        ),
    ):
        messages.success(request, _("The comment has been added."))
        return redirect("partnerships:report", pk=report.pk)
    return _report_page(request, report, comment_form=form, status=400)


@require_POST
@login_required
def report_return(request, pk: int):
    report = access_report(request.user, pk, review=True)
    form = ReturnForm(request.POST)
    if form.is_valid() and _saved(
        form,
        lambda: services.report_return(actor=request.user, report=report, text=form.cleaned_data["text"]),
    ):
        messages.success(request, _("The report has been returned for changes."))
        return redirect("partnerships:report", pk=report.pk)
    if form.non_field_errors():
        messages.error(request, " ".join(form.non_field_errors()))
    return _report_page(request, report, return_form=form, status=400)


@require_POST
@login_required
def report_accept(request, pk: int):
    report = access_report(request.user, pk, review=True)
    try:
        services.report_accept(actor=request.user, report=report)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The report has been accepted."))
    return redirect("partnerships:report", pk=report.pk)


# --- synthesis -----------------------------------------------------------------------------------------------


@login_required
def synthesis(request, pk: int):
    period = access_period(request.user, pk)
    view = pages.synthesis_view(request.user, period)
    staff = is_staff(request.user)
    return render(
        request,
        "partnerships/synthesis.html",
        {
            "period": period,
            "programme": period.programme,
            "view": view,
            "is_staff": staff,
            "quotation_form": QuotationForm(reports=view.reports) if staff and view.reports else None,
        },
    )


@login_required
def synthesis_edit(request, pk: int):
    period = access_period(request.user, pk, manage=True)
    view = pages.synthesis_view(request.user, period)
    form = SynthesisForm(request.POST or None, instance=view.synthesis)
    if (
        request.method == "POST"
        and form.is_valid()
        and _saved(
            form, lambda: services.synthesis_save(actor=request.user, period=period, data=form.cleaned_data)
        )
    ):
        messages.success(request, _("The synthesis has been saved."))
        return redirect("partnerships:synthesis", pk=period.pk)
    return render(
        request,
        "partnerships/synthesis_form.html",
        {"form": form, "period": period, "programme": period.programme},
        status=_status(request, form),
    )


@require_POST
@login_required
def quotation_add(request, pk: int):
    period = access_period(request.user, pk, manage=True)
    view = pages.synthesis_view(request.user, period)
    form = QuotationForm(request.POST, reports=view.reports)
    if form.is_valid() and _saved(
        form,
        lambda: services.quotation_add(
            actor=request.user,
            period=period,
            report=form.cleaned_data["report"],
            section=form.cleaned_data["section"],
            text=form.cleaned_data["text"],
        ),
    ):
        messages.success(request, _("The quotation has been added."))
        return redirect("partnerships:synthesis", pk=period.pk)
    return render(
        request,
        "partnerships/synthesis.html",
        {
            "period": period,
            "programme": period.programme,
            "view": view,
            "is_staff": True,
            "quotation_form": form,
        },
        status=400,
    )


@require_POST
@login_required
def quotation_remove(request, pk: int, quotation_pk: int):
    period = access_period(request.user, pk, manage=True)
    services.quotation_remove(actor=request.user, quotation=pages.access_quotation(period, quotation_pk))
    messages.success(request, _("The quotation has been removed."))
    return redirect("partnerships:synthesis", pk=period.pk)


@login_required
def synthesis_export(request, pk: int, fmt: str):
    if fmt not in {"pdf", "docx"}:
        raise Http404
    period = access_period(request.user, pk)
    view = pages.synthesis_view(request.user, period)
    if fmt == "pdf":
        data, content_type = exports.synthesis_pdf(view, request), "application/pdf"
    else:
        data = exports.synthesis_docx(view, request)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="synthesis-{period.pk}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- meeting costs -------------------------------------------------------------------------------------------


@login_required
def meeting_costs(request, pk: int):
    event = access_meeting(request.user, pk)
    table = pages.cost_table(event)
    staff = is_staff(request.user)
    return render(
        request,
        "partnerships/costs.html",
        {
            "event": event,
            "programme": event.programme,
            "table": table,
            "is_staff": staff,
            "call_form": CostingCallForm(initial={"call": table.costing.call_id if table.costing else None})
            if staff
            else None,
            "participant_form": ParticipantForm(
                organisations=pages.programme_organisations_queryset(event.programme)
            )
            if staff and table.costing
            else None,
        },
    )


@require_POST
@login_required
def meeting_call(request, pk: int):
    event = access_meeting(request.user, pk, manage=True)
    form = CostingCallForm(request.POST)
    if form.is_valid():
        try:
            services.costing_set_call(actor=request.user, event=event, call=form.cleaned_data["call"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The unit costs of the call apply to this meeting."))
    else:
        messages.error(request, _("Choose the call whose unit costs apply."))
    return redirect("partnerships:meeting_costs", pk=event.pk)


@login_required
def participant_add(request, pk: int):
    event = access_meeting(request.user, pk, manage=True)
    form = ParticipantForm(
        request.POST or None, organisations=pages.programme_organisations_queryset(event.programme)
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _saved(
            form, lambda: services.participant_add(actor=request.user, event=event, data=form.cleaned_data)
        )
    ):
        messages.success(request, _("The participant has been added to the cost table."))
        return redirect("partnerships:meeting_costs", pk=event.pk)
    return render(
        request,
        "partnerships/participant_form.html",
        {"form": form, "event": event, "programme": event.programme},
        status=_status(request, form),
    )


@require_POST
@login_required
def participant_remove(request, pk: int, participant_pk: int):
    event = access_meeting(request.user, pk, manage=True)
    services.participant_remove(
        actor=request.user, participant=pages.access_participant(event, participant_pk)
    )
    messages.success(request, _("The participant has been removed from the cost table."))
    return redirect("partnerships:meeting_costs", pk=event.pk)


@login_required
def meeting_costs_export(request, pk: int, fmt: str):
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    event = access_meeting(request.user, pk)
    table = pages.cost_table(event)
    header, rows = exports.cost_rows(table)
    return export_response(
        fmt, name=f"meeting-costs-{event.pk}", title=_("Meeting costs"), header=header, rows=rows
    )


@login_required
def participant_list_pdf(request, pk: int):
    event = access_meeting(request.user, pk)
    response = HttpResponse(
        exports.participant_list_pdf(pages.cost_table(event)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="participants-{event.pk}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@coordinator_required
def calls(request):
    return render(request, "partnerships/calls.html", {"calls": list(pages.calls())})


@coordinator_required
def call_create(request):
    return _call_form(request, None)


@coordinator_required
def call_edit(request, pk: int):
    return _call_form(request, pages.access_call(pk))


def _call_form(request, call):
    initial = {}
    if call is not None:
        costs = pages.unit_costs_of(call)
        initial = {"amount_100_1999": costs.get("100_1999"), "amount_2000_plus": costs.get("2000_plus")}
    form = CallForm(request.POST or None, instance=call, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and _saved(
            form,
            lambda: services.call_save(
                actor=request.user, call=call, data=form.cleaned_data, amounts=form.amounts()
            ),
        )
    ):
        messages.success(request, _("The unit costs have been saved."))
        return redirect("partnerships:calls")
    return render(
        request, "partnerships/call_form.html", {"form": form, "call": call}, status=_status(request, form)
    )


urlpatterns = [
    path("", home, name="home"),
    path("programme/<int:pk>/", workspace, name="workspace"),
    path("programme/<int:pk>/periods/new/", period_create, name="period_create"),
    path("periods/<int:pk>/", period_detail, name="period"),
    path("periods/<int:pk>/edit/", period_edit, name="period_edit"),
    path("periods/<int:pk>/synthesis/", synthesis, name="synthesis"),
    path("periods/<int:pk>/synthesis/edit/", synthesis_edit, name="synthesis_edit"),
    path("periods/<int:pk>/synthesis/quotations/", quotation_add, name="quotation_add"),
    path(
        "periods/<int:pk>/synthesis/quotations/<int:quotation_pk>/remove/",
        quotation_remove,
        name="quotation_remove",
    ),
    path("periods/<int:pk>/synthesis.<str:fmt>", synthesis_export, name="synthesis_export"),
    path("reports/<int:pk>/", report_detail, name="report"),
    path("reports/<int:pk>/edit/", report_edit, name="report_edit"),
    path("reports/<int:pk>/submit/", report_submit, name="report_submit"),
    path("reports/<int:pk>/comment/", report_comment, name="report_comment"),
    path("reports/<int:pk>/return/", report_return, name="report_return"),
    path("reports/<int:pk>/accept/", report_accept, name="report_accept"),
    path("meetings/<int:pk>/costs/", meeting_costs, name="meeting_costs"),
    path("meetings/<int:pk>/costs/call/", meeting_call, name="meeting_call"),
    path("meetings/<int:pk>/costs/participants/new/", participant_add, name="participant_add"),
    path(
        "meetings/<int:pk>/costs/participants/<int:participant_pk>/remove/",
        participant_remove,
        name="participant_remove",
    ),
    path("meetings/<int:pk>/costs.<str:fmt>", meeting_costs_export, name="meeting_costs_export"),
    path("meetings/<int:pk>/participants.pdf", participant_list_pdf, name="participant_list"),
    path("unit-costs/", calls, name="calls"),
    path("unit-costs/new/", call_create, name="call_create"),
    path("unit-costs/<int:pk>/edit/", call_edit, name="call_edit"),
]
