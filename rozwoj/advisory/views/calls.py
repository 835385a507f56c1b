"""Calls and applications: the public list and form, the coordinator's call editing and review."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from rozwoj.accounts.permissions import coordinator_required
from rozwoj.core.forms import add_service_errors
from rozwoj.core.pagination import paginate
from rozwoj.organisations.models import LocalGovernmentKind

from ..forms import ApplicationForm, ApplicationMemberFormSet, CallForm, DecisionForm
from ..models import ApplicationStatus
from ..selectors import pages
from ..selectors.access import access_application, access_call
from ..services import calls as services


def call_list(request):
    page_obj = paginate(request, pages.calls_for(request.user))
    return render(request, "advisory/calls/list.html", {"page_obj": page_obj})


def _call_data(form) -> tuple[dict, list]:
    data = {field: value for field, value in form.cleaned_data.items() if field != "eligible_voivodeships"}
    return data, list(form.cleaned_data["eligible_voivodeships"])


@coordinator_required
def call_create(request):
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data, voivodeships = _call_data(form)
        try:
            call = services.call_create(actor=request.user, data=data, voivodeships=voivodeships)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The call is saved."))
            return redirect("advisory:call", call.pk)
    return render(request, "advisory/calls/form.html", {"form": form, "call": None})


@coordinator_required
def call_edit(request, pk: int):
    call = access_call(request.user, pk, manage=True)
    form = CallForm(request.POST or None, instance=call)
    if request.method == "POST" and form.is_valid():
        data, voivodeships = _call_data(form)
        try:
            services.call_update(actor=request.user, call=call, data=data, voivodeships=voivodeships)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The call is saved."))
            return redirect("advisory:call", call.pk)
    return render(request, "advisory/calls/form.html", {"form": form, "call": call})


def call_detail(request, pk: int):
    call = access_call(request.user, pk)
    is_coordinator = request.user.is_authenticated and request.user.is_coordinator
    status = request.GET.get("status", "")
    if status not in ApplicationStatus.values:
        status = ""
    context = {
        "call": call,
        "voivodeships": list(call.eligible_voivodeships.all()),
        "kinds": [
            LocalGovernmentKind(kind).label
            for kind in call.eligible_kinds
            if kind in LocalGovernmentKind.values
        ],
        "is_coordinator": is_coordinator,
        "statuses": ApplicationStatus.choices,
        "status": status,
        "is_open": pages.applications_open(call),
    }
    if is_coordinator:
        context["page_obj"] = paginate(request, pages.call_applications(call, status=status))
    return render(request, "advisory/calls/detail.html", context)


def apply(request, pk: int):
    call = access_call(request.user, pk)
    form = ApplicationForm(request.POST or None)
    team = ApplicationMemberFormSet(request.POST or None, prefix="members")
    if request.method == "POST" and form.is_valid() and team.is_valid():
        members = [
            row.cleaned_data for row in team if row.cleaned_data and row.cleaned_data.get("first_name")
        ]
        data = {f: v for f, v in form.cleaned_data.items() if f != "local_government"}
        try:
            services.application_submit(
                call=call, local_government=form.cleaned_data["local_government"], data=data, members=members
            )
        except ValidationError as error:
            if "members" in getattr(error, "message_dict", {}):
                team._non_form_errors = team.error_class(error.message_dict.pop("members"))
                error = ValidationError(error.message_dict) if error.message_dict else None
            if error is not None:
                add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Thank you: the application is sent. A confirmation is on its way to the contact person."),
            )
            return redirect("advisory:call", call.pk)
    return render(request, "advisory/calls/apply.html", {"call": call, "form": form, "team": team})


@coordinator_required
def application_detail(request, pk: int):
    application = pages.application_detail(access_application(request.user, pk))
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_decide(
                actor=request.user,
                application=application,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The decision is saved and the contact person informed."))
            return redirect("advisory:call", application.call_id)
    return render(request, "advisory/calls/application.html", {"application": application, "form": form})
