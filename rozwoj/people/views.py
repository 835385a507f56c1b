import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from rozwoj.accounts.models import Role
from rozwoj.accounts.permissions import coordinator_required, login_required, role_required
from rozwoj.core.audit import history_for
from rozwoj.core.forms import add_service_errors
from rozwoj.core.pagination import paginate

from . import selectors, services
from .forms import MembershipForm, OwnPersonForm, PersonFilterForm, PersonForm, RolesForm
from .selectors import access_membership, access_person

LIST_ROLES = (Role.ADMINISTRATOR, Role.COORDINATOR, Role.LOCAL_GOVERNMENT_MEMBER, Role.PARTNER_MEMBER)


@role_required(*LIST_ROLES)
def person_list(request):
    filter_form = PersonFilterForm(
        request.GET or None,
        organisations=selectors.organisations_for_filter(request.user),
        whole_registry=request.user.is_coordinator,
        coordinator=request.user.is_coordinator,
    )
    filters = filter_form.cleaned_data if filter_form.is_valid() else {}
    people = selectors.people_list(
        request.user,
        q=filters.get("q", ""),
        organisation=filters.get("organisation"),
        login=filters.get("login", ""),
    )
    page_obj = paginate(request, people)
    return render(request, "people/list.html", {"page_obj": page_obj, "filter_form": filter_form})


@login_required
def person_detail(request, pk):
    person = access_person(request.user, pk, related=("user",))
    memberships = person.memberships.select_related("organisation", "organisation__local_government")
    context = {
        "person": person,
        "memberships": memberships,
        "show_contact": selectors.can_see_contact_data(request.user, person),
        "roles": person.user.roles.all() if person.user_id else [],
        "expert_profile": getattr(person, "expert_profile", None),
        "history": history_for(person)[:20] if request.user.is_coordinator else [],
    }
    return render(request, "people/detail.html", context)


@coordinator_required
def person_create(request):
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(actor=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The person has been added."))
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/form.html", {"form": form, "title": _("Add a person")})


@coordinator_required
def person_edit(request, pk):
    person = access_person(request.user, pk)
    form = PersonForm(request.POST or None, instance=access_person(request.user, pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(actor=request.user, person=person, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/form.html", {"form": form, "person": person, "title": _("Edit person")})


@login_required
def person_me(request):
    person = selectors.person_for_user(request.user)
    if person is None:
        raise Http404
    form = OwnPersonForm(request.POST or None, instance=access_person(request.user, person.pk))
    if request.method == "POST" and form.is_valid():
        services.person_update_own(actor=request.user, person=person, data=form.cleaned_data)
        messages.success(request, _("The changes have been saved."))
        return redirect("people:detail", pk=person.pk)
    return render(request, "people/form.html", {"form": form, "person": person, "title": _("My details")})


@coordinator_required
def membership_add(request, pk):
    person = access_person(request.user, pk)
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_create(actor=request.user, person=person, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The membership has been added."))
            return redirect("people:detail", pk=person.pk)
    return render(
        request, "people/form.html", {"form": form, "person": person, "title": _("Add a membership")}
    )


@coordinator_required
def membership_edit(request, pk):
    membership = access_membership(request.user, pk, related=("person",))
    form = MembershipForm(request.POST or None, instance=access_membership(request.user, pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(actor=request.user, membership=membership, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("people:detail", pk=membership.person_id)
    return render(
        request,
        "people/form.html",
        {"form": form, "person": membership.person, "title": _("Edit membership")},
    )


@coordinator_required
def membership_delete(request, pk):
    membership = access_membership(request.user, pk, related=("person", "organisation"))
    if request.method == "POST":
        person_pk = membership.person_id
        services.membership_delete(actor=request.user, membership=membership)
        messages.success(request, _("The membership has been removed."))
        return redirect("people:detail", pk=person_pk)
    return render(request, "people/membership_confirm_delete.html", {"membership": membership})


@coordinator_required
def grant_login(request, pk):
    person = access_person(request.user, pk, related=("user",))
    error = None
    if request.method == "POST":
        try:
            services.person_grant_login(actor=request.user, person=person, request=request)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _("A login has been created and an e-mail to set a password has been sent to %(email)s.")
                % {"email": person.email},
            )
            return redirect("people:roles", pk=person.pk)
    return render(request, "people/grant_login.html", {"person": person, "error": error})


@coordinator_required
def person_roles(request, pk):
    person = access_person(request.user, pk, related=("user",))
    if person.user_id is None:
        messages.error(request, _("This person has no login; create one first."))
        return redirect("people:detail", pk=person.pk)
    assignable = services.assignable_roles(request.user)
    current = sorted(person.user.roles.values_list("role", flat=True))
    form = RolesForm(request.POST or None, assignable=assignable, initial={"roles": current})
    if request.method == "POST" and form.is_valid():
        try:
            services.person_set_roles(actor=request.user, person=person, roles=form.cleaned_data["roles"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The roles have been saved."))
            return redirect("people:detail", pk=person.pk)
    fixed = [role for role in current if role not in assignable]
    return render(
        request,
        "people/roles.html",
        {"form": form, "person": person, "fixed_roles": [Role(role).label for role in fixed]},
    )


@coordinator_required
def person_export(request, pk):
    person = access_person(request.user, pk, related=("user",))
    data = services.person_export(actor=request.user, person=person)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
    return response


@coordinator_required
def person_erase(request, pk):
    person = access_person(request.user, pk, related=("user",))
    error = None
    if request.method == "POST":
        try:
            services.person_erase(actor=request.user, person=person)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("The person's data has been erased."))
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/erase.html", {"person": person, "error": error})
