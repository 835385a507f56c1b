from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from rozwoj.accounts.models import Role
from rozwoj.accounts.permissions import coordinator_required, login_required, role_required
from rozwoj.core.forms import add_service_errors
from rozwoj.core.pagination import paginate
from rozwoj.core.user_input import is_key
from rozwoj.people.selectors import search_people

from . import selectors, services
from .forms import (
    SCALE,
    AssessmentForm,
    CompetenceForm,
    ExpertCreateForm,
    ExpertFilterForm,
    ExpertProfileForm,
)
from .models import Specialisation

DIRECTORY_ROLES = (Role.ADMINISTRATOR, Role.COORDINATOR, Role.EXPERT)


def _visible_profile(request, pk, *, manage: bool = False):
    return selectors.access_expert(request.user, pk, manage=manage)


@role_required(*DIRECTORY_ROLES)
def expert_list(request):
    filter_form = ExpertFilterForm(request.GET or None)
    filters = filter_form.cleaned_data if filter_form.is_valid() else {}
    profiles = selectors.expert_directory(
        request.user,
        q=filters.get("q", ""),
        specialisation=filters.get("specialisation", ""),
        region=filters.get("region"),
        language=filters.get("language", ""),
    )
    page_obj = paginate(request, profiles)
    languages = dict(ExpertFilterForm().fields["language"].choices)
    return render(
        request,
        "experts/list.html",
        {"page_obj": page_obj, "filter_form": filter_form, "language_names": languages},
    )


@login_required
def expert_detail(request, pk):
    profile = _visible_profile(request, pk)
    is_own = profile.person.user_id == request.user.pk
    show_private = request.user.is_coordinator or is_own
    groups, levels = [], {}
    if show_private:
        levels = selectors.assessments_of(profile)
        groups = [
            (label, [(c, levels.get(c.pk)) for c in items])
            for _code, label, items in selectors.competences_for(profile)
        ]
    language_names = dict(ExpertFilterForm().fields["language"].choices)
    context = {
        "profile": profile,
        "person": profile.person,
        "is_own": is_own,
        "show_private": show_private,
        "can_edit": selectors.can_edit_profile(request.user, profile),
        "groups": groups,
        "languages": [language_names.get(code, code) for code in profile.languages],
        "regions": selectors.voivodeships().filter(pk__in=profile.regions.values("pk")),
        "scale": SCALE,
    }
    return render(request, "experts/detail.html", context)


@coordinator_required
def expert_create(request):
    q = request.GET.get("q", "").strip()[:100]
    without_profile = selectors.people_without_profile()
    candidates = list(search_people(without_profile, q, viewer=request.user)[:20]) if q else []
    form = ExpertCreateForm(request.POST or None, candidates=candidates)
    if request.method == "POST":
        person_key = form.data.get("person", "")
        if not candidates and person_key:
            found = without_profile.filter(pk=person_key).first() if is_key(person_key) else None
            form = ExpertCreateForm(request.POST, candidates=[found] if found else [])
        if form.is_valid():
            try:
                profile = services.expert_create(
                    actor=request.user,
                    person=form.cleaned_data["person"],
                    specialisations=form.cleaned_data["specialisations"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The expert profile has been created."))
                return redirect("experts:edit", pk=profile.pk)
    return render(request, "experts/create.html", {"form": form, "q": q, "searched": bool(q)})


@login_required
def expert_edit(request, pk):
    profile = _visible_profile(request, pk, manage=True)
    can_spec = request.user.is_coordinator
    form = ExpertProfileForm(
        request.POST or None,
        instance=selectors.profile_copy(profile),
        can_edit_specialisations=can_spec,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.expert_update(actor=request.user, profile=profile, data=data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The profile has been saved."))
            return redirect("experts:detail", pk=profile.pk)
    return render(request, "experts/edit.html", {"form": form, "profile": profile})


@login_required
def expert_assessment(request, pk):
    profile = _visible_profile(request, pk, manage=True)
    groups = selectors.competences_for(profile)
    form = AssessmentForm(request.POST or None, groups=groups, levels=selectors.assessments_of(profile))
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_save(actor=request.user, profile=profile, levels=form.levels())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The self-assessment has been saved."))
            return redirect("experts:detail", pk=profile.pk)
    return render(request, "experts/assessment.html", {"form": form, "profile": profile, "scale": SCALE})


@login_required
def expert_me(request):
    profile = selectors.expert_profile_for(request.user)
    if profile is None:
        raise Http404
    return redirect("experts:detail", pk=profile.pk)


@coordinator_required
def competence_list(request):
    competences = selectors.competences_in_order()
    groups = [
        (label, [c for c in competences if c.specialisation == code])
        for code, label in Specialisation.choices
    ]
    return render(request, "experts/competence_list.html", {"groups": groups})


@coordinator_required
def competence_create(request):
    form = CompetenceForm(request.POST or None, initial={"specialisation": request.GET.get("specialisation")})
    if request.method == "POST" and form.is_valid():
        try:
            services.competence_create(actor=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The competence has been added."))
            return redirect("experts:competence_list")
    return render(request, "experts/competence_form.html", {"form": form, "title": _("Add a competence")})


@coordinator_required
def competence_edit(request, pk):
    competence = selectors.access_competence(pk)
    form = CompetenceForm(request.POST or None, instance=selectors.access_competence(pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.competence_update(actor=request.user, competence=competence, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("experts:competence_list")
    return render(
        request,
        "experts/competence_form.html",
        {"form": form, "competence": competence, "title": _("Edit competence")},
    )


@coordinator_required
def competence_delete(request, pk):
    competence = selectors.access_competence(pk)
    in_use = competence.assessments.exists()
    if request.method == "POST":
        deleted = services.competence_remove(actor=request.user, competence=competence)
        if deleted:
            messages.success(request, _("The competence has been deleted."))
        else:
            messages.success(
                request,
                _("The competence has self-assessments, so it has been deactivated instead of deleted."),
            )
        return redirect("experts:competence_list")
    return render(
        request, "experts/competence_confirm_delete.html", {"competence": competence, "in_use": in_use}
    )
