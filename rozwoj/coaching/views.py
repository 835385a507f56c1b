"""Thin views of coaching: load through access_*, check, call a service, render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rozwoj.accounts.permissions import coordinator_required, login_required
from rozwoj.core.exports import XLSX_CONTENT_TYPE, export_response
from rozwoj.core.files import file_response
from rozwoj.core.forms import add_service_errors
from rozwoj.core.markup import render_markdown
from rozwoj.core.pagination import paginate

from . import services
from .forms import (
    AgreementForm,
    MemberForm,
    PilotGroupForm,
    ProgressForm,
    SessionForm,
    SupervisionForm,
    SupervisionRequirementForm,
    TechniqueForm,
)
from .models import TECHNIQUE_LANGUAGES
from .selectors import pages
from .selectors.access import (
    access_agreement,
    access_log_export,
    access_pilot_group,
    access_session,
    access_technique,
    can_manage_agreement,
    can_manage_pilot_groups,
    can_manage_techniques,
    coach_profile,
    is_agreement_coach,
    is_agreement_coachee,
    pilot_groups_visible_to,
)
from .selectors.members import access_member, person_by_email


def _saved(request, form, call):
    """Run a service; a ValidationError goes onto the form (and None is returned)."""
    try:
        return call()
    except ValidationError as error:
        add_service_errors(form, error)
        return None


def _status(request, form) -> int:
    return 400 if request.method == "POST" and form.errors else 200


# --- agreements ----------------------------------------------------------------------------------------------


@login_required
def home(request):
    profile = coach_profile(request.user)
    agreements = paginate(request, pages.agreements_for_list(request.user))
    return render(
        request,
        "coaching/home.html",
        {
            "page_obj": agreements,
            "agreements": agreements.object_list,
            "is_coach": profile is not None,
            "can_manage_groups": can_manage_pilot_groups(request.user),
        },
    )


@login_required
def agreement_create(request):
    if not (request.user.is_coordinator or coach_profile(request.user) is not None):
        raise PermissionDenied
    form = AgreementForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        agreement = _saved(
            request,
            form,
            lambda: services.agreement_create(
                actor=request.user,
                data=form.cleaned_data,
                goals=form.goal_list(),
                coach=form.cleaned_data.get("coach"),
            ),
        )
        if agreement is not None:
            messages.success(request, _("The agreement has been recorded."))
            return redirect("coaching:agreement", pk=agreement.pk)
    return render(request, "coaching/agreement_form.html", {"form": form}, status=_status(request, form))


@login_required
def agreement_detail(request, pk: int):
    agreement = access_agreement(request.user, pk)
    return render(
        request,
        "coaching/agreement.html",
        {
            "agreement": agreement,
            "goals": pages.agreement_goals(agreement),
            "sessions": pages.agreement_sessions(agreement),
            "can_manage": can_manage_agreement(request.user, agreement),
            "is_coach": is_agreement_coach(request.user, agreement),
        },
    )


@login_required
def agreement_edit(request, pk: int):
    agreement = access_agreement(request.user, pk, manage=True)
    form = AgreementForm(request.POST or None, instance=agreement, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = _saved(
            request,
            form,
            lambda: services.agreement_update(
                actor=request.user, agreement=agreement, data=form.cleaned_data, goals=form.goal_list()
            ),
        )
        if saved is not None:
            messages.success(request, _("The agreement has been saved."))
            return redirect("coaching:agreement", pk=agreement.pk)
    return render(
        request,
        "coaching/agreement_form.html",
        {"form": form, "agreement": agreement},
        status=_status(request, form),
    )


# --- sessions ------------------------------------------------------------------------------------------------


def _session_form(request, agreement, session=None):
    initial = {}
    if session is not None:
        initial = {
            "private_notes": services.session_private_notes(actor=request.user, session=session),
            "techniques": list(session.techniques.values_list("pk", flat=True)),
        }
    return SessionForm(
        request.POST or None,
        instance=session,
        initial=initial,
        techniques=pages.techniques_for_list(request.user),
    )


def _session_call(request, form, agreement, session=None):
    arguments = {
        "actor": request.user,
        "data": form.cleaned_data,
        "techniques": form.cleaned_data["techniques"],
        "private_notes": form.cleaned_data["private_notes"],
    }
    if session is None:
        return lambda: services.session_create(agreement=agreement, **arguments)
    return lambda: services.session_update(session=session, **arguments)


@login_required
def session_create(request, pk: int):
    agreement = access_agreement(request.user, pk)
    if not is_agreement_coach(request.user, agreement):
        raise PermissionDenied
    form = _session_form(request, agreement)
    if request.method == "POST" and form.is_valid():
        session = _saved(request, form, _session_call(request, form, agreement))
        if session is not None:
            messages.success(request, _("The session has been recorded."))
            return redirect("coaching:session", pk=session.pk)
    return render(
        request,
        "coaching/session_form.html",
        {"form": form, "agreement": agreement},
        status=_status(request, form),
    )


@login_required
def session_detail(request, pk: int):
    session = access_session(request.user, pk)
    coach = is_agreement_coach(request.user, session.agreement)
    return render(
        request,
        "coaching/session.html",
        {
            "session": session,
            "agreement": session.agreement,
            "techniques": list(session.techniques.order_by("name")),
            "progress": list(session.progress.select_related("goal").order_by("goal__order")),
            "is_coach": coach,
            "is_coachee": is_agreement_coachee(request.user, session.agreement),
            "private_notes": services.session_private_notes(actor=request.user, session=session)
            if coach
            else "",
        },
    )


@login_required
def session_edit(request, pk: int):
    session = access_session(request.user, pk, manage=True)
    form = _session_form(request, session.agreement, session)
    if request.method == "POST" and form.is_valid():
        saved = _saved(request, form, _session_call(request, form, session.agreement, session))
        if saved is not None:
            messages.success(request, _("The session has been saved."))
            return redirect("coaching:session", pk=session.pk)
    return render(
        request,
        "coaching/session_form.html",
        {"form": form, "agreement": session.agreement, "session": session},
        status=_status(request, form),
    )


@login_required
def session_rate(request, pk: int):
    """The coachee rates their progress on each goal after the session; the coach reads the ratings."""
    session = access_session(request.user, pk)
    if not is_agreement_coachee(request.user, session.agreement):
        raise PermissionDenied
    ratings = {progress.goal_id: progress.rating for progress in session.progress.all()}
    form = ProgressForm(request.POST or None, goals=pages.agreement_goals(session.agreement), ratings=ratings)
    if request.method == "POST" and form.is_valid():
        saved = _saved(
            request,
            form,
            lambda: services.session_rate_progress(
                actor=request.user, session=session, ratings=form.ratings()
            ),
        )
        if saved is not None:
            messages.success(request, _("Your progress has been saved; your coach sees it."))
            return redirect("coaching:session", pk=session.pk)
    return render(
        request,
        "coaching/progress_form.html",
        {"form": form, "session": session, "agreement": session.agreement},
        status=_status(request, form),
    )


# --- the coach's log -----------------------------------------------------------------------------------------


def _coach(request):
    profile = coach_profile(request.user)
    if profile is None:
        raise PermissionDenied
    return profile


@login_required
def log(request):
    profile = _coach(request)
    totals = pages.coach_log_totals(profile)
    requirement = services.supervision_requirement()
    rows = paginate(request, pages.coach_log_rows(profile), count=None)
    exports = pages.prepared_log_exports(profile)
    return render(
        request,
        "coaching/log.html",
        {
            "totals": totals,
            "page_obj": rows,
            "rows": [pages.log_row(values) for values in rows.object_list],
            "supervision": pages.supervision_status(profile, totals.hours, requirement),
            "can_edit_requirement": request.user.is_coordinator,
            "exports": exports,
            "exports_in_progress": any(export.in_progress for export in exports),
        },
    )


@login_required
def log_export(request, fmt: str):
    """The log as CSV, streamed (the XLSX is prepared in the background: log_export_request)."""
    profile = _coach(request)
    if fmt != "csv":
        raise Http404
    return export_response(
        fmt,
        name="coaching-log",
        title=_("Coaching log"),
        header=pages.log_header(),
        rows=pages.log_cells(profile),
    )


@require_POST
@login_required
def log_export_request(request):
    _coach(request)
    services.log_export_request(actor=request.user, language=translation.get_language() or "pl")
    messages.success(request, _("The export is being prepared. Its progress is shown below."))
    return redirect(reverse("coaching:log") + "#prepared")


@login_required
def log_export_file(request, pk: int):
    export = access_log_export(request.user, pk)
    return file_response(
        export.file, filename=services.log_export_filename(export), content_type=XLSX_CONTENT_TYPE
    )


@login_required
def supervision_create(request):
    _coach(request)
    form = SupervisionForm(request.POST or None)
    call = lambda: services.supervision_add(actor=request.user, data=form.cleaned_data)  # noqa: E731
    if request.method == "POST" and form.is_valid() and _saved(request, form, call):
        messages.success(request, _("The supervision has been recorded."))
        return redirect("coaching:log")
    return render(request, "coaching/supervision_form.html", {"form": form}, status=_status(request, form))


@coordinator_required
def requirement_edit(request):
    requirement = services.supervision_requirement()
    form = SupervisionRequirementForm(request.POST or None, instance=requirement)
    if request.method == "POST" and form.is_valid():
        call = lambda: services.supervision_requirement_update(actor=request.user, data=form.cleaned_data)  # noqa: E731
        if _saved(request, form, call):
            messages.success(request, _("The supervision requirement has been saved."))
            return redirect("coaching:requirement")
    return render(request, "coaching/requirement_form.html", {"form": form}, status=_status(request, form))


# --- techniques ----------------------------------------------------------------------------------------------


def techniques(request):
    language = request.GET.get("language", "")
    if language not in dict(TECHNIQUE_LANGUAGES):
        language = ""
    page_obj = paginate(request, pages.techniques_for_list(request.user, language=language))
    return render(
        request,
        "coaching/techniques.html",
        {
            "page_obj": page_obj,
            "techniques": page_obj.object_list,
            "language": language,
            "languages": TECHNIQUE_LANGUAGES,
            "can_manage": can_manage_techniques(request.user),
        },
    )


def technique_detail(request, pk: int):
    technique = access_technique(request.user, pk)
    versions, uses = pages.technique_details(technique, request.user)
    return render(
        request,
        "coaching/technique.html",
        {
            "technique": technique,
            "steps": render_markdown(technique.steps),
            "versions": versions,
            "uses": uses,
            "can_manage": can_manage_techniques(request.user),
        },
    )


@coordinator_required
def technique_create(request):
    return _technique_form(request, None)


@login_required
def technique_edit(request, pk: int):
    return _technique_form(request, access_technique(request.user, pk, manage=True))


def _technique_form(request, technique):
    form = TechniqueForm(request.POST or None, instance=technique)
    if request.method == "POST" and form.is_valid():
        saved = _saved(
            request,
            form,
            lambda: services.technique_save(actor=request.user, data=form.cleaned_data, technique=technique),
        )
        if saved is not None:
            messages.success(request, _("The technique has been saved."))
            return redirect("coaching:technique", pk=saved.pk)
    return render(
        request,
        "coaching/technique_form.html",
        {"form": form, "technique": technique},
        status=_status(request, form),
    )


# --- pilot groups --------------------------------------------------------------------------------------------


@login_required
def groups(request):
    page_obj = paginate(request, pages.pilot_groups_for_list(pilot_groups_visible_to(request.user)))
    return render(
        request,
        "coaching/groups.html",
        {
            "page_obj": page_obj,
            "groups": page_obj.object_list,
            "can_manage": can_manage_pilot_groups(request.user),
        },
    )


@login_required
def group_detail(request, pk: int):
    group = access_pilot_group(request.user, pk)
    can_manage = can_manage_pilot_groups(request.user)
    members = pages.pilot_group_members(group)
    return render(
        request,
        "coaching/group.html",
        {
            "group": group,
            "figures": pages.pilot_group_figures(group, len(members)),
            "coaches": pages.pilot_group_coaches(group),
            "members": members,
            "sessions": pages.pilot_group_recent_sessions(group),
            "can_manage": can_manage,
            "member_form": MemberForm() if can_manage else None,
        },
    )


@coordinator_required
def group_create(request):
    return _group_form(request, None)


@login_required
def group_edit(request, pk: int):
    return _group_form(request, access_pilot_group(request.user, pk, manage=True))


def _group_form(request, group):
    form = PilotGroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        saved = _saved(
            request,
            form,
            lambda: services.pilot_group_save(
                actor=request.user, data=form.cleaned_data, coaches=form.cleaned_data["coaches"], group=group
            ),
        )
        if saved is not None:
            messages.success(request, _("The pilot group has been saved."))
            return redirect("coaching:group", pk=saved.pk)
    return render(
        request, "coaching/group_form.html", {"form": form, "group": group}, status=_status(request, form)
    )


@require_POST
@login_required
def group_member_add(request, pk: int):
    group = access_pilot_group(request.user, pk, manage=True)
    form = MemberForm(request.POST)
    if form.is_valid():
        person = person_by_email(form.cleaned_data["email"])
        if person is None:
            form.add_error(
                "email", _("Nobody with this e-mail address is recorded. Add the person under People first.")
            )
        elif _saved(
            request,
            form,
            lambda: services.pilot_group_member_add(actor=request.user, group=group, person=person),
        ):
            messages.success(request, _("%(person)s has joined the group.") % {"person": person.full_name})
            return redirect("coaching:group", pk=group.pk)
    for error in form.errors.get("email", []) + form.errors.get("person", []) + form.non_field_errors():
        messages.error(request, error)
    return redirect("coaching:group", pk=group.pk)


@require_POST
@login_required
def group_member_remove(request, pk: int, member_pk: int):
    group = access_pilot_group(request.user, pk, manage=True)
    member = access_member(group, member_pk)
    services.pilot_group_member_remove(actor=request.user, member=member)
    messages.success(request, _("%(person)s has left the group.") % {"person": member.person.full_name})
    return redirect("coaching:group", pk=group.pk)


urlpatterns = [
    path("", home, name="home"),
    path("agreements/new/", agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", agreement_detail, name="agreement"),
    path("agreements/<int:pk>/edit/", agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/sessions/new/", session_create, name="session_create"),
    path("sessions/<int:pk>/", session_detail, name="session"),
    path("sessions/<int:pk>/edit/", session_edit, name="session_edit"),
    path("sessions/<int:pk>/progress/", session_rate, name="session_rate"),
    path("log/", log, name="log"),
    path("log/export.<str:fmt>", log_export, name="log_export"),
    path("log/exports/", log_export_request, name="log_export_request"),
    path("log/exports/<int:pk>.xlsx", log_export_file, name="log_export_file"),
    path("log/supervision/new/", supervision_create, name="supervision_create"),
    path("supervision-requirement/", requirement_edit, name="requirement"),
    path("techniques/", techniques, name="techniques"),
    path("techniques/new/", technique_create, name="technique_create"),
    path("techniques/<int:pk>/", technique_detail, name="technique"),
    path("techniques/<int:pk>/edit/", technique_edit, name="technique_edit"),
    path("groups/", groups, name="groups"),
    path("groups/new/", group_create, name="group_create"),
    path("groups/<int:pk>/", group_detail, name="group"),
    path("groups/<int:pk>/edit/", group_edit, name="group_edit"),
    path("groups/<int:pk>/members/", group_member_add, name="group_member_add"),
    path("groups/<int:pk>/members/<int:member_pk>/remove/", group_member_remove, name="group_member_remove"),
]
