"""Pages of the registration area: registering, one's own registrations, participant lists, bulk and import."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rozwoj.accounts.permissions import coordinator_required, login_required
from rozwoj.core import exports
from rozwoj.core.choices import choice_label
from rozwoj.core.forms import add_service_errors
from rozwoj.core.pagination import paginate
from rozwoj.core.user_input import is_key
from rozwoj.people.models import PERSON_ORDER
from rozwoj.people.selectors import people_visible_to, person_for_user, search_people

from ..forms.registrations import (
    BulkRegisterForm,
    ImportForm,
    ParticipantFilterForm,
    PeopleSearchForm,
    RegisterForm,
)
from ..models import ACTIVE_REGISTRATION_STATUSES, Event, Registration
from ..selectors import access_event, access_own_registration, access_registration
from ..selectors import events as selectors_events
from ..selectors import registrations as selectors
from ..services import imports
from ..services import registrations as services

PARTICIPANTS_PAGE_SIZE = 50
PICKER_LIMIT = 50


def _visible_event(request, pk: int) -> Event:
    return access_event(request.user, pk, related=("organiser",))


def _managed_event(request, pk: int, **kwargs) -> Event:
    return access_event(request.user, pk, manage=True, related=("organiser",), **kwargs)


# --- participants themselves ------------------------------------------------------------------------------


@login_required
def register(request, pk: int):
    event = _visible_event(request, pk)
    person = person_for_user(request.user)
    existing = selectors.registration_of(request.user, event)
    if existing is not None and existing.status in ACTIVE_REGISTRATION_STATUSES:
        return render(request, "events/registrations/register.html", {"event": event, "existing": existing})
    refusal = services.eligibility(person or request.user, event)
    modes = selectors.allowed_modes(event)
    form = RegisterForm(request.POST or None, modes=modes)
    if refusal is None and request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_create(
                actor=request.user,
                event=event,
                person=person,
                mode=form.cleaned_data["mode"],
                online_if_full=form.cleaned_data.get("online_if_full", False),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _status_message(registration))
            return redirect("events:detail", pk=event.pk)
    context = {
        "event": event,
        "form": form,
        "refusal": refusal,
        "places": selectors.places(event),
        "modes": modes,
    }
    return render(request, "events/registrations/register.html", context)


def _status_message(registration: Registration) -> str:
    values = {"mode": registration.get_mode_display()}
    if registration.status == "confirmed":
        return _("Your registration is confirmed (%(mode)s).") % values
    if registration.status == "pending":
        return _("Your registration awaits the coordinator's approval.")
    return _("All places are taken: you are on the waiting list.")


@login_required
def my_registrations(request):
    registrations = selectors.registrations_of(request.user)
    page_obj = paginate(request, registrations.filter(status__in=ACTIVE_REGISTRATION_STATUSES))
    now = timezone.now()
    rows = [(r, services.can_cancel(request.user, r, now=now)) for r in page_obj]
    inactive = registrations.exclude(status__in=ACTIVE_REGISTRATION_STATUSES)[:20]
    context = {"page_obj": page_obj, "rows": rows, "inactive": inactive}
    return render(request, "events/registrations/my.html", context)


@login_required
def registration_cancel(request, pk: int):
    registration = access_own_registration(request.user, pk)
    own = registration.person.user_id == request.user.pk
    if request.method == "POST":
        try:
            services.registration_cancel(actor=request.user, registration=registration)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The registration has been cancelled."))
        if own:
            return redirect("events:my_registrations")
        return redirect("events:participants", pk=registration.event_id)
    context = {
        "registration": registration,
        "allowed": services.can_cancel(request.user, registration),
        "own": own,
    }
    return render(request, "events/registrations/cancel.html", context)


# --- managers ---------------------------------------------------------------------------------------------


def _participants_filtered(request, event: Event):
    filter_form = ParticipantFilterForm(request.GET or None)
    return filter_form, selectors.participants(event, viewer=request.user, **filter_form.filters())


@login_required
def participants(request, pk: int):
    event = _managed_event(request, pk, extend=selectors_events.with_places)
    filter_form, registrations = _participants_filtered(request, event)
    page_obj = paginate(
        request,
        registrations,
        per_page=PARTICIPANTS_PAGE_SIZE,
        count=None if filter_form.filters() else event.all_registrations,
    )
    # The page's rows as plain values, formatted once here rather than cell by cell in the template.
    page_obj.object_list = selectors.participant_rows(page_obj.object_list)
    context = {
        "event": event,
        "filter_form": filter_form,
        "page_obj": page_obj,
        "places": selectors.places(event),
        "show_contact": request.user.is_coordinator,
        # The rows' actions are written as this prefix + pk + "/approve/" (and so on): one reverse, not three per row.
        "registrations_url": reverse("events:registration_cancel", args=[0]).removesuffix("0/cancel/"),
    }
    return render(request, "events/registrations/participants.html", context)


def _export_header(*, with_email: bool) -> list[str]:
    header = [_("Last name"), _("First name")]
    header += [_("E-mail")] if with_email else []
    return header + [_("Organisations"), _("Taking part"), _("Status"), _("Registered")]


def _export_rows(registrations, *, with_email: bool):
    for registration in registrations:
        person = registration.person
        row = [person.last_name, person.first_name]
        row += [person.email] if with_email else []
        row += [
            "; ".join(str(m.organisation) for m in person.memberships.all()),
            choice_label(registration, "mode"),
            choice_label(registration, "status"),
            registration.created_at,
        ]
        yield row


@login_required
def participants_export(request, pk: int, fmt: str):
    if fmt not in exports.FORMATS:
        raise Http404
    event = _managed_event(request, pk)
    _form, registrations = _participants_filtered(request, event)
    with_email = request.user.is_coordinator
    return exports.export_response(
        fmt,
        name=f"participants-{event.pk}",
        title=_("Participants"),
        header=_export_header(with_email=with_email),
        rows=_export_rows(registrations.iterator(chunk_size=2000), with_email=with_email),
    )


def _decision(request, pk: int, service, done: str):
    registration = access_registration(request.user, pk)
    try:
        service(actor=request.user, registration=registration)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("events:participants", pk=registration.event_id)


@require_POST
@coordinator_required
def registration_approve(request, pk: int):
    return _decision(request, pk, services.registration_approve, _("The registration has been approved."))


@require_POST
@coordinator_required
def registration_reject(request, pk: int):
    return _decision(request, pk, services.registration_reject, _("The registration has been rejected."))


def _candidates(request, event: Event, q: str):
    people = people_visible_to(request.user).exclude(
        registrations__event=event, registrations__status__in=ACTIVE_REGISTRATION_STATUSES
    )
    return search_people(people, q, viewer=request.user)


def _picker(request, event: Event, q: str, chosen: set[str]) -> list:
    """People already ticked (kept across searches) followed by the matches of the search."""
    ticked = list(people_visible_to(request.user).filter(pk__in=chosen).order_by(*PERSON_ORDER))
    found = list(_candidates(request, event, q).exclude(pk__in=chosen)[:PICKER_LIMIT]) if q else []
    return ticked + found


@coordinator_required
def bulk_register(request, pk: int):
    event = _visible_event(request, pk)
    search = PeopleSearchForm(request.GET or None)
    q = search.cleaned_data["q"] if search.is_valid() else ""
    modes = selectors.allowed_modes(event)
    form = BulkRegisterForm(request.POST or None, candidates=people_visible_to(request.user), modes=modes)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.registrations_bulk_create(
                actor=request.user,
                event=event,
                people=form.cleaned_data["people"],
                mode=form.cleaned_data["mode"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Registered: %(n)s.") % {"n": len(created)})
            return redirect("events:participants", pk=event.pk)
    chosen = {str(v) for v in (form["people"].value() or request.GET.getlist("people")) if is_key(v)}
    context = {
        "event": event,
        "search": search,
        "form": form,
        "candidates": _picker(request, event, q, chosen),
        "q": q,
        "chosen": chosen,
        "limit": PICKER_LIMIT,
    }
    if request.headers.get("HX-Request") and request.method == "GET":
        return render(request, "events/registrations/_candidates.html", context)
    return render(request, "events/registrations/bulk.html", context)


@coordinator_required
def registrations_import(request, pk: int):
    event = _visible_event(request, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = imports.registrations_import(
                actor=request.user, event=event, file=form.cleaned_data["file"]
            )
        except imports.ImportRowsError as error:
            row_errors = error.errors
            form.add_error("file", _("Nothing has been imported: correct the rows listed below."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Imported %(registrations)s registrations (%(people)s new people).")
                % {"registrations": len(result.registrations), "people": result.people_created},
            )
            return redirect("events:participants", pk=event.pk)
    context = {"event": event, "form": form, "row_errors": row_errors}
    return render(request, "events/registrations/import.html", context)


urlpatterns = [
    path("<int:pk>/register/", register, name="register"),
    path("my/", my_registrations, name="my_registrations"),
    path("registrations/<int:pk>/cancel/", registration_cancel, name="registration_cancel"),
    path("registrations/<int:pk>/approve/", registration_approve, name="registration_approve"),
    path("registrations/<int:pk>/reject/", registration_reject, name="registration_reject"),
    path("<int:pk>/participants/", participants, name="participants"),
    path("<int:pk>/participants.<str:fmt>", participants_export, name="participants_export"),
    path("<int:pk>/participants/add/", bulk_register, name="bulk_register"),
    path("<int:pk>/participants/import/", registrations_import, name="registrations_import"),
]
