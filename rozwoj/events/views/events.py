"""Pages about events: event list, event page, editing events, sessions, agenda, trainers, changes of plan."""

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.urls import path
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rozwoj.accounts.permissions import coordinator_required
from rozwoj.core import exports
from rozwoj.core.forms import add_service_errors
from rozwoj.core.pagination import paginate
from rozwoj.core.user_input import is_key
from rozwoj.people.selectors import people_visible_to, search_people

from ..forms.events import (
    AgendaFormSet,
    CancelForm,
    ChangePlanForm,
    EventFilterForm,
    EventForm,
    EventKindForm,
    SessionForm,
    StatusForm,
    TrainerAddForm,
    TrainerSearchForm,
)
from ..models import Event, EventKind, EventStatus, EventTrainer, Format, Session
from ..selectors import (
    access_event,
    access_event_kind,
    access_event_trainer,
    access_session,
    can_manage_event,
)
from ..selectors import events as selectors_events
from ..selectors.registration_window import registration_window
from ..services import events as services

# --- List and export ----------------------------------------------------------------------------------


def _filtered(request):
    filter_form = EventFilterForm(request.GET or None, user=request.user)
    filters = filter_form.filters() if request.GET else {}
    return filter_form, selectors_events.event_list(request.user, **filters)


def event_list(request):
    filter_form, events = _filtered(request)
    page_obj = paginate(request, events)
    return render(request, "events/events/list.html", {"page_obj": page_obj, "filter_form": filter_form})


def _export_header() -> list[str]:
    return [
        _("ID"),
        _("Title"),
        _("Kind"),
        _("Programme"),
        _("Organiser"),
        _("Status"),
        _("Visibility"),
        _("Starts"),
        _("Ends"),
        _("Sessions"),
    ]


def _export_rows(events):
    for event in events:
        yield [
            event.pk,
            event.title,
            str(event.kind),
            str(event.programme) if event.programme_id else "",
            str(event.organiser),
            event.get_status_display(),
            event.get_visibility_display(),
            event.first_start,
            event.last_end,
            event.session_count,
        ]


@coordinator_required
def event_export(request, fmt: str):
    if fmt not in exports.FORMATS:
        raise Http404
    _form, events = _filtered(request)
    return exports.export_response(
        fmt,
        name=f"events-{timezone.localdate().isoformat()}",
        title=_("Events"),
        header=_export_header(),
        rows=_export_rows(events.iterator(chunk_size=500)),
    )


# --- Detail -------------------------------------------------------------------------------------------


def _plan_history(sessions: list[Session], changes) -> list[dict]:
    """Per changed session: what was planned, each change (why, and who/when for managers), what is now."""
    by_session: dict[int, list] = {}
    for change in changes:
        by_session.setdefault(change.session_id, []).append(change)
    blocks = []
    for session in selectors_events.with_planned_venues(sessions):
        blocks.append(
            {
                "session": session,
                "planned_starts_at": session.planned_starts_at,
                "planned_ends_at": session.planned_ends_at,
                "planned_format": Format(session.planned_format).label if session.planned_format else "",
                "planned_format_value": session.planned_format,
                "planned_venue": session.planned_venue,
                "changes": by_session.get(session.pk, []),
            }
        )
    return blocks


def _status_actions(event: Event) -> list[tuple[str, str]]:
    """The status buttons, named by what they do."""
    labels = {
        EventStatus.PLANNED: _("Publish (registration follows its dates)"),
        EventStatus.REGISTRATION_OPEN: (
            _("Reopen registration")
            if event.status == EventStatus.REGISTRATION_CLOSED
            else _("Open registration now")
        ),
        EventStatus.REGISTRATION_CLOSED: _("Close registration now"),
        EventStatus.HELD: _("Mark as held"),
    }
    return [
        (status, labels.get(status, EventStatus(status).label))
        for status in services.allowed_transitions(event)
    ]


# The trainers and the sessions with their agenda, rendered: they change only with the event's content, which
# `selectors.events.event_content_stamp` stamps, so the key never serves what the reader would not see now.
PAGE_FRAGMENT_SECONDS = 60 * 60


def _page_fragments(
    event: Event, sessions: list[Session], *, show_link: bool, can_edit: bool
) -> dict[str, str]:
    """The trainers and the sessions sections of the event page, from the cache or rendered (then the agenda
    and the trainers are read: two queries). Keyed by the content's stamp and by all the fragment depends on
    besides: the language, the time zone, the online links shown and the editing links."""
    stamp = selectors_events.event_content_stamp(event, sessions)
    variant = f"{get_language()}:{timezone.get_current_timezone_name()}:{int(show_link)}:{int(can_edit)}"
    keys = {name: f"events:page:{name}:{event.pk}:{stamp}:{variant}" for name in ("trainers", "sessions")}
    cached = cache.get_many(keys.values())
    if len(cached) == len(keys):
        return {name: mark_safe(cached[key]) for name, key in keys.items()}  # noqa: S308 — rendered by us
    trainers = selectors_events.event_page_content(event, sessions)
    context = {
        "event": event,
        "sessions": sessions,
        "trainers": trainers,
        "show_link": show_link,
        "can_edit": can_edit,
    }
    rendered = {
        name: get_template(f"events/events/_{name}.html").render(context) for name in ("trainers", "sessions")
    }
    cache.set_many({keys[name]: str(html) for name, html in rendered.items()}, PAGE_FRAGMENT_SECONDS)
    return {name: mark_safe(html) for name, html in rendered.items()}  # noqa: S308 — rendered by us


def event_detail(request, pk: int):
    try:
        event = selectors_events.event_detail(request.user, pk)
    except Event.DoesNotExist:
        raise Http404 from None
    manager = can_manage_event(request.user, event)
    is_coordinator = request.user.is_authenticated and request.user.is_coordinator
    sessions = list(event.sessions.all())
    show_link = selectors_events.may_see_online_link(request.user, event)
    changes = selectors_events.event_changes(event, sessions)
    cancellations = [c for c in changes if c.change_type == "cancel"]
    # Changes of several sessions at once (new dates for the event): one entry each.
    sessions_by_id = {session.pk: session for session in sessions}
    event_changes = [
        {
            "change": change,
            "sessions": [
                sessions_by_id.get(row.get("session"), row.get("name"))
                for row in change.after.get("sessions", [])
            ],
        }
        for change in changes
        if change.session_id is None and change.change_type != "cancel"
    ]
    return render(
        request,
        "events/events/detail.html",
        {
            "event": event,
            "sessions": sessions,
            "fragments": _page_fragments(event, sessions, show_link=show_link, can_edit=is_coordinator),
            "organisations": selectors_events.participating_organisations(event),
            "show_link": show_link,
            "manager": manager,
            "can_edit": is_coordinator,
            "plan_history": _plan_history(sessions, changes),
            "cancellations": cancellations,
            "event_changes": event_changes,
            "transitions": _status_actions(event),
            "window": registration_window(event),
            "can_cancel": services.can_be_cancelled(event),
        },
    )


# --- Create and edit ----------------------------------------------------------------------------------


def _event_form(request, event: Event | None):
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            if event is None:
                event = services.event_create(actor=request.user, data=form.cleaned_data, trainers=[])
                messages.success(request, _("The event was created. Now add its sessions."))
            else:
                services.event_update(actor=request.user, event=event, data=form.cleaned_data)
                messages.success(request, _("The event was saved."))
            return redirect("events:detail", pk=event.pk)
        except ValidationError as error:
            add_service_errors(form, error)
    return render(request, "events/events/form.html", {"form": form, "event": event})


@coordinator_required
def event_create(request):
    return _event_form(request, None)


@coordinator_required
def event_edit(request, pk: int):
    return _event_form(request, access_event(request.user, pk, manage=True))


# --- Sessions -----------------------------------------------------------------------------------------


def _session_form(request, event: Event, session: Session | None):
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        override = form.cleaned_data.pop("override_double_booking", False)
        try:
            if session is None:
                services.session_create(
                    actor=request.user, event=event, data=form.cleaned_data, override_double_booking=override
                )
                messages.success(request, _("The session was added."))
            else:
                services.session_update(
                    actor=request.user,
                    session=session,
                    data=form.cleaned_data,
                    override_double_booking=override,
                )
                messages.success(request, _("The session was saved."))
            return redirect("events:detail", pk=event.pk)
        except ValidationError as error:
            add_service_errors(form, error)
    return render(
        request, "events/events/session_form.html", {"form": form, "event": event, "session": session}
    )


@coordinator_required
def session_create(request, pk: int):
    return _session_form(request, access_event(request.user, pk, manage=True), None)


@coordinator_required
def session_edit(request, pk: int):
    session = access_session(request.user, pk, manage=True, related=())
    return _session_form(request, session.event, session)


@coordinator_required
def session_delete(request, pk: int):
    session = access_session(request.user, pk, manage=True, related=())
    error = None
    if request.method == "POST":
        try:
            services.session_delete(actor=request.user, session=session)
            messages.success(request, _("The session was deleted."))
            return redirect("events:detail", pk=session.event_id)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    return render(
        request,
        "events/events/session_delete.html",
        {"session": session, "event": session.event, "error": error},
    )


@coordinator_required
def agenda_edit(request, pk: int):
    session = access_session(request.user, pk, manage=True, related=())
    event = session.event
    trainers = selectors_events.trainer_people(event)
    formset = AgendaFormSet(request.POST or None, instance=session, prefix="agenda", trainers=trainers)
    if request.method == "POST" and formset.is_valid():
        try:
            services.agenda_save(actor=request.user, session=session, rows=formset.rows())
            messages.success(request, _("The agenda was saved."))
            return redirect("events:detail", pk=event.pk)
        except ValidationError as error:
            live = formset.live_forms()
            for key, errors in error.message_dict.items():
                _prefix, _sep, rest = key.partition("-")
                index, _sep, field = rest.partition("-")
                target = live[int(index)] if is_key(index) and int(index) < len(live) else None
                for message in errors:
                    if target is not None:
                        target.add_error(field if field in target.fields else None, message)
    return render(
        request,
        "events/events/agenda_form.html",
        {
            "formset": formset,
            "session": session,
            "event": event,
            "has_trainers": len(formset.trainer_choices) > 1,
        },
    )


# --- Trainers -----------------------------------------------------------------------------------------


@coordinator_required
def event_trainers(request, pk: int):
    event = access_event(request.user, pk, manage=True)
    add_form = TrainerAddForm(request.POST or None)
    if request.method == "POST":
        if "remove" in request.POST:
            trainer = access_event_trainer(event, request.POST.get("remove"))
            if trainer is not None:
                services.event_remove_trainer(actor=request.user, trainer=trainer)
                messages.success(request, _("%(person)s was removed.") % {"person": trainer.person})
            return redirect("events:trainers", pk=event.pk)
        if add_form.is_valid():
            person = add_form.cleaned_data["person"]
            try:
                services.event_add_trainer(
                    actor=request.user, event=event, person=person, role=add_form.cleaned_data["role"]
                )
                messages.success(request, _("%(person)s was added.") % {"person": person})
                return redirect("events:trainers", pk=event.pk)
            except ValidationError as error:
                add_service_errors(add_form, error)
    search_form = TrainerSearchForm(request.GET or None)
    found = []
    if search_form.is_valid() and search_form.cleaned_data["q"].strip():
        q = search_form.cleaned_data["q"]
        found = list(search_people(people_visible_to(request.user), q, viewer=request.user)[:20])
    return render(
        request,
        "events/events/trainers.html",
        {
            "event": event,
            "trainers": list(event.trainers.select_related("person").order_by("role", "id")),
            "search_form": search_form,
            "add_form": add_form,
            "found": found,
            "roles": EventTrainer.Role.choices,
        },
    )


# --- Status, changes of plan, cancellation ------------------------------------------------------------


@coordinator_required
@require_POST
def event_status(request, pk: int):
    event = access_event(request.user, pk, manage=True)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid status."))
        return redirect("events:detail", pk=event.pk)
    try:
        event = services.event_set_status(actor=request.user, event=event, status=form.cleaned_data["status"])
        messages.success(
            request, _("The status is now “%(status)s”.") % {"status": event.get_status_display()}
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("events:detail", pk=event.pk)


def _local_input(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M") if value else ""


@coordinator_required
def event_change_plan(request, pk: int):
    event = access_event(request.user, pk, manage=True)
    sessions = list(event.sessions.select_related("venue").order_by("order"))
    initial = {}
    chosen = next(
        (s for s in sessions if str(s.pk) == request.GET.get("session")), sessions[0] if sessions else None
    )
    if chosen is not None:
        initial = {
            "session": chosen.pk,
            "new_starts_at": _local_input(chosen.starts_at),
            "new_ends_at": _local_input(chosen.ends_at),
            "new_format": chosen.format,
            "new_venue": chosen.venue_id,
            "new_online_url": chosen.online_url,
        }
    form = ChangePlanForm(request.POST or None, event=event, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.event_change_plan(
                actor=request.user,
                event=event,
                session=data["session"],
                new_starts_at=data["new_starts_at"],
                new_ends_at=data["new_ends_at"],
                new_format=data["new_format"],
                new_venue=data["new_venue"],
                new_online_url=data["new_online_url"],
                reason_category=data["reason_category"],
                reason=data["reason"],
                override_double_booking=data["override_double_booking"],
            )
            messages.success(
                request, _("The change of plan was saved and registered participants were notified.")
            )
            return redirect("events:detail", pk=event.pk)
        except ValidationError as error:
            add_service_errors(form, error, prefix="new_")
    return render(
        request, "events/events/change_plan.html", {"form": form, "event": event, "sessions": sessions}
    )


@coordinator_required
def event_cancel(request, pk: int):
    event = access_event(request.user, pk, manage=True)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_cancel(
                actor=request.user,
                event=event,
                reason_category=form.cleaned_data["reason_category"],
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("The event was cancelled and registered participants were notified."))
            return redirect("events:detail", pk=event.pk)
        except ValidationError as error:
            add_service_errors(form, error)
    return render(request, "events/events/cancel.html", {"form": form, "event": event})


# --- Kinds --------------------------------------------------------------------------------------------


@coordinator_required
def kind_list(request):
    return render(request, "events/events/kind_list.html", {"kinds": selectors_events.event_kinds()})


def _kind_form(request, kind: EventKind | None):
    form = EventKindForm(request.POST or None, instance=kind)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_kind_save(actor=request.user, kind=kind, data=form.cleaned_data)
            messages.success(request, _("The kind of event was saved."))
            return redirect("events:kind_list")
        except ValidationError as error:
            add_service_errors(form, error)
    return render(request, "events/events/kind_form.html", {"form": form, "kind": kind})


@coordinator_required
def kind_create(request):
    return _kind_form(request, None)


@coordinator_required
def kind_edit(request, pk: int):
    return _kind_form(request, access_event_kind(pk))


urlpatterns = [
    path("", event_list, name="list"),
    path("export.<str:fmt>", event_export, name="export"),
    path("new/", event_create, name="create"),
    path("kinds/", kind_list, name="kind_list"),
    path("kinds/new/", kind_create, name="kind_create"),
    path("kinds/<int:pk>/edit/", kind_edit, name="kind_edit"),
    path("<int:pk>/", event_detail, name="detail"),
    path("<int:pk>/edit/", event_edit, name="edit"),
    path("<int:pk>/sessions/new/", session_create, name="session_create"),
    path("sessions/<int:pk>/edit/", session_edit, name="session_edit"),
    path("sessions/<int:pk>/delete/", session_delete, name="session_delete"),
    path("sessions/<int:pk>/agenda/", agenda_edit, name="agenda_edit"),
    path("<int:pk>/trainers/", event_trainers, name="trainers"),
    path("<int:pk>/change/", event_change_plan, name="change_plan"),
    path("<int:pk>/cancel/", event_cancel, name="cancel"),
    path("<int:pk>/status/", event_status, name="status"),
]
