"""Writes about events: events, sessions, agenda, trainers, changes of plan, status and cancellation.

Every function checks the caller's right, validates, writes in one transaction and records the audit trail.
Validation errors are raised as `ValidationError({field: message})` so that forms and the API can show them
next to the field they are about.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rozwoj.accounts.models import User
from rozwoj.accounts.permissions import require_coordinator
from rozwoj.core.audit import changed_fields, log_action
from rozwoj.core.search import reindex
from rozwoj.notifications.services import Attachment, notify

from ..ics import event_calendar
from ..models import (
    ACTIVE_REGISTRATION_STATUSES,
    AgendaItem,
    ChangeType,
    Event,
    EventChange,
    EventKind,
    EventStatus,
    EventTrainer,
    Format,
    ReasonCategory,
    Registration,
    RegistrationStatus,
    Session,
)

EVENT_FIELDS = [
    "kind",
    "programme",
    "organiser",
    "title",
    "description",
    "audience_roles",
    "audience_organisation_kinds",
    "languages",
    "visibility",
    "registration_opens_at",
    "registration_closes_at",
    "cancellation_deadline",
    "requires_approval",
    "online_capacity",
    "onsite_seats",
    "completion_threshold",
    "reminder_days_before",
]
SESSION_FIELDS = [
    "order",
    "title",
    "starts_at",
    "ends_at",
    "hours",
    "format",
    "venue",
    "online_url",
    "onsite_seats",
]
AGENDA_FIELDS = ["day", "starts_at", "topic", "trainer", "note", "order"]
KIND_FIELDS = ["code", "name", "name_en", "order"]

# Allowed status transitions (cancellation has its own service with a reason). Registration follows the dates
# of a published ("planned") event; "registration open" and "registration closed" are the coordinator opening
# or closing it by hand (see selectors.registration_window).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    EventStatus.DRAFT: (EventStatus.PLANNED,),
    EventStatus.PLANNED: (EventStatus.REGISTRATION_OPEN, EventStatus.REGISTRATION_CLOSED, EventStatus.HELD),
    EventStatus.REGISTRATION_OPEN: (EventStatus.REGISTRATION_CLOSED, EventStatus.HELD),
    EventStatus.REGISTRATION_CLOSED: (EventStatus.REGISTRATION_OPEN, EventStatus.HELD),
    EventStatus.HELD: (),
    EventStatus.CANCELLED: (),
}


# --- Events -------------------------------------------------------------------------------------------


def _validate_event(data: dict[str, Any]) -> None:
    errors = {}
    opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
    if opens and closes and closes <= opens:
        errors["registration_closes_at"] = _("Registration must close after it opens.")
    seats = data.get("onsite_seats")
    if seats is not None and seats < 1:
        errors["onsite_seats"] = _("There must be at least one seat.")
    threshold = data.get("completion_threshold")
    if threshold is not None and not 1 <= threshold <= 100:
        errors["completion_threshold"] = _("Enter a share between 1 and 100%.")
    if not (data.get("title") or "").strip():
        errors["title"] = _("This field is required.")
    if errors:
        raise ValidationError(errors)


def _content_changed(event_id: int) -> None:
    """The event's trainers or agenda changed: touch its `updated_at`, which keys the cached fragments of its
    page (`selectors.events.event_content_stamp`) and tells readers when it last changed."""
    Event.objects.filter(pk=event_id).update(updated_at=timezone.now())


def _set_trainers(event: Event, trainers) -> dict[str, Any]:
    """Replace the event's trainers with `trainers` (a list of {"person", "role"}); return the audit change."""
    wanted = {}
    for row in trainers or []:
        person = row["person"]
        wanted[person.pk] = (person, row.get("role") or EventTrainer.Role.TRAINER)
    current = {t.person_id: t for t in event.trainers.select_related("person")}
    added: list[str] = []
    removed: list[str] = []
    changed: list[str] = []
    for person_id, trainer in current.items():
        if person_id not in wanted:
            removed.append(str(trainer.person))
            trainer.delete()
    for person_id, (person, role) in wanted.items():
        existing = current.get(person_id)
        if existing is None:
            EventTrainer.objects.create(event=event, person=person, role=role)
            added.append(str(person))
        elif existing.role != role:
            existing.role = role
            existing.save(update_fields=["role"])
            changed.append(str(person))
    lists = {"trainers_added": added, "trainers_removed": removed, "trainers_changed": changed}
    changes: dict[str, Any] = {key: names for key, names in lists.items() if names}
    if changes:
        _content_changed(event.pk)
    return changes


def event_create(*, actor: User, data: dict[str, Any], trainers=None) -> Event:
    require_coordinator(actor)
    values = {field: data[field] for field in EVENT_FIELDS if field in data}
    _validate_event(values)
    with transaction.atomic():
        event = Event.objects.create(**values)
        changes = {field: str(value) for field, value in values.items() if value not in (None, "", [])}
        changes.update(_set_trainers(event, trainers))
        log_action(actor, event, "event.create", changes)
        reindex("events", [event.pk])
    return event


def event_update(*, actor: User, event: Event, data: dict[str, Any], trainers=None) -> Event:
    """Save the event's fields; `trainers=None` leaves the trainers as they are."""
    require_coordinator(actor)
    values = {field: data[field] for field in EVENT_FIELDS if field in data}
    _validate_event({**{f: getattr(event, f) for f in EVENT_FIELDS}, **values})
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        changes = changed_fields(event, values)
        if changes:
            event.save()
        if trainers is not None:
            changes.update(_set_trainers(event, trainers))
        if changes:
            log_action(actor, event, "event.update", changes)
            reindex("events", [event.pk])
    return event


def event_set_trainers(*, actor: User, event: Event, trainers) -> None:
    require_coordinator(actor)
    with transaction.atomic():
        changes = _set_trainers(event, trainers)
        if changes:
            log_action(actor, event, "event.trainers", changes)


def event_add_trainer(*, actor: User, event: Event, person, role: str) -> EventTrainer:
    require_coordinator(actor)
    if role not in EventTrainer.Role.values:
        raise ValidationError({"role": _("Choose a valid role.")})
    with transaction.atomic():
        trainer, created = EventTrainer.objects.get_or_create(
            event=event, person=person, defaults={"role": role}
        )
        if not created and trainer.role != role:
            trainer.role = role
            trainer.save(update_fields=["role"])
        _content_changed(event.pk)
        log_action(
            actor, event, "event.trainers", {"trainers_added": [f"{person} ({trainer.get_role_display()})"]}
        )
    return trainer


def event_remove_trainer(*, actor: User, trainer: EventTrainer) -> None:
    require_coordinator(actor)
    with transaction.atomic():
        event = trainer.event
        name = str(trainer.person)
        trainer.delete()
        _content_changed(event.pk)
        log_action(actor, event, "event.trainers", {"trainers_removed": [name]})


def event_set_status(*, actor: User, event: Event, status: str) -> Event:
    require_coordinator(actor)
    if status == EventStatus.CANCELLED:
        raise ValidationError({"status": _("Cancel the event with a reason on the cancellation page.")})
    if status not in EventStatus.values:
        raise ValidationError({"status": _("Choose a valid status.")})
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if status not in TRANSITIONS.get(event.status, ()):
            raise ValidationError(
                {
                    "status": _("An event cannot go from “%(old)s” to “%(new)s”.")
                    % {"old": event.get_status_display(), "new": EventStatus(status).label}
                }
            )
        if status == EventStatus.REGISTRATION_OPEN and not event.sessions.exists():
            raise ValidationError({"status": _("Add at least one session before opening registration.")})
        old = event.status
        event.status = status
        changes: dict[str, Any] = {"status": [old, status]}
        if status == EventStatus.REGISTRATION_OPEN:
            # Opening by hand means now: a future opening date would keep it closed, a past closing date would
            # close it again at once.
            now = timezone.now()
            opens, closes = event.registration_opens_at, event.registration_closes_at
            if opens is not None and opens > now:
                changes["registration_opens_at"] = [opens.isoformat(), None]
                event.registration_opens_at = None
            if closes is not None and closes <= now:
                changes["registration_closes_at"] = [closes.isoformat(), None]
                event.registration_closes_at = None
        event.save(update_fields=["status", "registration_opens_at", "registration_closes_at", "updated_at"])
        log_action(actor, event, "event.status", changes)
        reindex("events", [event.pk])
    return event


def allowed_transitions(event: Event) -> list[str]:
    return list(TRANSITIONS.get(event.status, ()))


def can_be_cancelled(event: Event) -> bool:
    return event.status not in (EventStatus.HELD, EventStatus.CANCELLED)


# --- Event kinds --------------------------------------------------------------------------------------


def event_kind_save(*, actor: User, kind: EventKind | None, data: dict[str, Any]) -> EventKind:
    require_coordinator(actor)
    values = {field: data[field] for field in KIND_FIELDS if field in data}
    code = values.get("code")
    others = EventKind.objects.all() if kind is None else EventKind.objects.exclude(pk=kind.pk)
    if code and others.filter(code=code).exists():
        raise ValidationError({"code": _("A kind with this code already exists.")})
    try:
        with transaction.atomic():
            if kind is None:
                kind = EventKind.objects.create(**values)
                log_action(actor, kind, "event_kind.create", {k: str(v) for k, v in values.items()})
            else:
                changes = changed_fields(kind, values)
                if changes:
                    kind.save()
                    log_action(actor, kind, "event_kind.update", changes)
    except IntegrityError:
        raise ValidationError({"code": _("A kind with this code already exists.")}) from None
    return kind


# --- Sessions -----------------------------------------------------------------------------------------


def conflicting_sessions(*, venue, starts_at, ends_at, exclude_pk=None):
    """Sessions of events that are not cancelled, taking place at `venue` at an overlapping time."""
    if venue is None or starts_at is None or ends_at is None:
        return Session.objects.none()
    return (
        Session.objects.filter(venue=venue, starts_at__lt=ends_at, ends_at__gt=starts_at)
        .exclude(format=Format.ONLINE)
        .exclude(event__status=EventStatus.CANCELLED)
        .exclude(pk=exclude_pk)
        .select_related("event")
    )


def _session_field_errors(values: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    starts, ends = values.get("starts_at"), values.get("ends_at")
    if starts and ends and ends <= starts:
        errors["ends_at"] = _("The session must end after it starts.")
    fmt = values.get("format")
    if fmt not in Format.values:
        errors["format"] = _("Choose a valid format.")
    venue = values.get("venue")
    if fmt in (Format.ON_SITE, Format.HYBRID) and venue is None:
        errors["venue"] = _("A session on site or hybrid needs a venue.")
    if fmt in (Format.ONLINE, Format.HYBRID) and not values.get("online_url"):
        errors["online_url"] = _("An online or hybrid session needs a link to the online meeting.")
    seats = values.get("onsite_seats")
    if seats is not None and fmt != Format.ONLINE:
        if seats < 1:
            errors["onsite_seats"] = _("There must be at least one seat.")
        elif venue is not None and seats > venue.capacity:
            errors["onsite_seats"] = _("The venue has only %(capacity)s seats.") % {
                "capacity": venue.capacity
            }
    hours = values.get("hours")
    if hours is not None and hours < 0:
        errors["hours"] = _("Hours cannot be negative.")
    return errors


def _validate_session(
    values: dict[str, Any], *, exclude_pk=None, override_double_booking=False
) -> list[Session]:
    """Check a session's values; return the sessions it double-books (allowed only with the override)."""
    errors = _session_field_errors(values)
    conflicts: list[Session] = []
    if not errors and values.get("format") != Format.ONLINE:
        conflicts = list(
            conflicting_sessions(
                venue=values.get("venue"),
                starts_at=values.get("starts_at"),
                ends_at=values.get("ends_at"),
                exclude_pk=exclude_pk,
            )
        )
        if conflicts and not override_double_booking:
            errors["venue"] = _(
                "The venue is already booked at this time (%(events)s). Tick “override double booking” "
                "if both may take place there."
            ) % {"events": "; ".join(f"{c.event} — {c}" for c in conflicts[:3])}
    if errors:
        raise ValidationError(errors)
    return conflicts


def session_hours(starts_at: datetime.datetime, ends_at: datetime.datetime) -> Decimal:
    """Training hours from the start and the end (local time). A session of several days counts the hours of
    a day times the days (9:00 on the 13th to 15:00 on the 15th: 3 × 6 h = 18 h); an overnight one its span."""
    starts, ends = timezone.localtime(starts_at), timezone.localtime(ends_at)
    days = (ends.date() - starts.date()).days + 1
    daily = datetime.datetime.combine(starts.date(), ends.time()) - datetime.datetime.combine(
        starts.date(), starts.time()
    )
    span = daily * days if days > 1 and daily.total_seconds() > 0 else ends - starts
    return (Decimal(span.total_seconds()) / 3600).quantize(Decimal("0.01"))


def _session_hours(values: dict[str, Any], session: Session | None = None) -> None:
    """Hours left empty are computed from the start and the end, and follow them on later changes; hours
    typed by a coordinator stay as typed."""
    if "hours" in values and values["hours"] is not None:
        values["hours_overridden"] = True
        return
    if "hours" not in values and session is not None and session.hours_overridden:
        return
    starts = values.get("starts_at") or (session.starts_at if session else None)
    ends = values.get("ends_at") or (session.ends_at if session else None)
    if starts and ends and ends > starts:
        values["hours"] = session_hours(starts, ends)
        values["hours_overridden"] = False


def _normalise_session(values: dict[str, Any]) -> dict[str, Any]:
    if values.get("format") == Format.ONLINE:
        values["venue"] = None
        values["onsite_seats"] = None
    values["online_url"] = values.get("online_url") or ""
    values["title"] = values.get("title") or ""
    return values


def _order_taken(exc: IntegrityError) -> ValidationError:
    return ValidationError({"order": _("Another session of this event has this number.")})


def session_create(
    *, actor: User, event: Event, data: dict[str, Any], override_double_booking: bool = False
) -> Session:
    require_coordinator(actor)
    values = _normalise_session({field: data.get(field) for field in SESSION_FIELDS})
    conflicts = _validate_session(values, override_double_booking=override_double_booking)
    _session_hours(values)
    try:
        with transaction.atomic():
            Event.objects.select_for_update().filter(pk=event.pk).first()
            if not values.get("order"):
                values["order"] = (event.sessions.aggregate(m=Max("order"))["m"] or 0) + 1
            session = Session.objects.create(event=event, **values)
            changes = {
                field: values[field] for field in SESSION_FIELDS if values.get(field) not in (None, "")
            }
            if conflicts:
                changes["double_booking_override"] = [f"{c.event} — {c}" for c in conflicts]
            log_action(actor, event, "session.create", {"session": str(session), **changes})
            reindex("events", [event.pk])
    except IntegrityError as exc:
        raise _order_taken(exc) from None
    return session


def session_update(
    *, actor: User, session: Session, data: dict[str, Any], override_double_booking: bool = False
) -> Session:
    require_coordinator(actor)
    values = _normalise_session({field: data.get(field) for field in SESSION_FIELDS if field in data})
    merged = {field: getattr(session, field) for field in SESSION_FIELDS}
    merged.update(values)
    if not merged.get("order"):
        merged["order"] = session.order
        values["order"] = session.order
    conflicts = _validate_session(
        merged, exclude_pk=session.pk, override_double_booking=override_double_booking
    )
    _session_hours(values, session)
    try:
        with transaction.atomic():
            session = Session.objects.select_for_update().get(pk=session.pk)
            changes = changed_fields(session, values)
            if changes:
                session.save()
            if conflicts:
                changes["double_booking_override"] = [f"{c.event} — {c}" for c in conflicts]
            if changes:
                log_action(actor, session.event, "session.update", {"session": str(session), **changes})
                reindex("events", [session.event_id])
    except IntegrityError as exc:
        raise _order_taken(exc) from None
    return session


def session_delete(*, actor: User, session: Session) -> None:
    require_coordinator(actor)
    if session.attendance.exists():
        raise ValidationError(
            {"__all__": _("Attendance has been recorded for this session; it cannot be deleted.")}
        )
    with transaction.atomic():
        event = session.event
        name = str(session)
        session.delete()
        log_action(actor, event, "session.delete", {"session": name})
        reindex("events", [event.pk])


# --- Agenda -------------------------------------------------------------------------------------------


def _agenda_errors(session: Session, rows: list[dict[str, Any]]) -> dict[str, str]:
    errors = {}
    first = timezone.localtime(session.starts_at).date()
    last = timezone.localtime(session.ends_at).date()
    for index, row in enumerate(rows):
        if row.get("delete"):
            continue
        day = row.get("day")
        if isinstance(day, datetime.date) and not first <= day <= last:
            errors[f"agenda-{index}-day"] = _(
                "The day must fall within the session (%(first)s – %(last)s)."
            ) % {
                "first": first.isoformat(),
                "last": last.isoformat(),
            }
        if not (row.get("topic") or "").strip():
            errors[f"agenda-{index}-topic"] = _("This field is required.")
    return errors


def _agenda_apply(session: Session, rows: list[dict[str, Any]]) -> dict[str, list[str]]:
    existing = {item.pk: item for item in session.agenda.all()}
    result: dict[str, list[str]] = {"agenda_added": [], "agenda_changed": [], "agenda_removed": []}
    for row in rows:
        pk = row.get("id")
        item = existing.get(pk) if pk is not None else None
        if row.get("delete"):
            if item is not None:
                result["agenda_removed"].append(item.topic)
                item.delete()
            continue
        values: dict[str, Any] = {field: row.get(field) for field in AGENDA_FIELDS}
        values["note"] = values["note"] or ""
        values["order"] = values["order"] or 0
        if item is None:
            AgendaItem.objects.create(session=session, **values)
            result["agenda_added"].append(values["topic"])
        elif changed_fields(item, values):
            item.save()
            result["agenda_changed"].append(item.topic)
    return {key: value for key, value in result.items() if value}


def agenda_save(*, actor: User, session: Session, rows: list[dict[str, Any]]) -> None:
    """Create, update and delete the agenda items of `session`. Each row: the AGENDA_FIELDS, "id", "delete".
    Errors come back keyed "agenda-<index>-<field>"."""
    require_coordinator(actor)
    errors = _agenda_errors(session, rows)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        changes = _agenda_apply(session, rows)
        if changes:
            _content_changed(session.event_id)
            log_action(actor, session.event, "session.agenda", {"session": str(session), **changes})


# --- Changes of plan and cancellation ------------------------------------------------------------------


def _snapshot(session: Session) -> dict[str, Any]:
    return {
        "starts_at": session.starts_at.isoformat(),
        "ends_at": session.ends_at.isoformat(),
        "format": session.format,
        "venue": session.venue_id,
        "venue_name": str(session.venue) if session.venue_id else "",
        "online_url": session.online_url,
    }


def _notify_registrants(event: Event, *, kind: str, context: dict[str, Any]) -> int:
    """E-mail every person with an active registration the e-mail `kind` (in their language) with the event's
    updated calendar invitation; the online link only to those whose place is confirmed."""
    registrations = (
        Registration.objects.filter(event=event, status__in=ACTIVE_REGISTRATION_STATUSES)
        .select_related("person__user")
        .order_by("pk")
    )
    url = reverse("events:detail", args=[event.pk])
    method = "CANCEL" if event.status == EventStatus.CANCELLED else "REQUEST"
    invitations: dict[bool, Attachment] = {}
    sent = 0
    for registration in registrations:
        person = registration.person
        if not person.email and not person.user_id:
            continue
        include_link = registration.status == RegistrationStatus.CONFIRMED
        if include_link not in invitations:
            invitations[include_link] = Attachment(
                filename=f"event-{event.pk}.ics",
                content=event_calendar(event, method="REQUEST", include_link=include_link, url=url),
                mimetype=f"text/calendar; method={method}",
            )
        notify(
            to=person,
            kind=kind,
            context={**context, "event": event, "person": person, "registration": registration},
            url=url,
            attachments=[invitations[include_link]],
        )
        sent += 1
    return sent


def _plan(starts_at, ends_at, format_: str, venue: str) -> dict[str, Any]:
    """One side of a change of plan, as its e-mail shows it (the venue only where people come on site)."""
    return {
        "starts_at": starts_at,
        "ends_at": ends_at,
        "format": Format(format_),
        "venue": venue if format_ != Format.ONLINE else "",
    }


def _change_types(session: Session, values: dict[str, Any]) -> list[str]:
    change_types: list[str] = []
    if values["starts_at"] != session.starts_at or values["ends_at"] != session.ends_at:
        change_types.append(ChangeType.RESCHEDULE)
    if values["format"] != session.format:
        change_types.append(ChangeType.FORMAT)
    if values["venue"] != session.venue and values["format"] != Format.ONLINE:
        change_types.append(ChangeType.VENUE)
    if values["online_url"] != session.online_url and not change_types:
        change_types.append(ChangeType.VENUE)
    return change_types


def _keep_planned(session: Session) -> None:
    if not session.was_changed:
        session.planned_starts_at = session.starts_at
        session.planned_ends_at = session.ends_at
        session.planned_format = session.format
        session.planned_venue = session.venue


def event_change_plan(
    *,
    actor: User,
    event: Event,
    session: Session,
    new_starts_at,
    new_ends_at,
    new_format: str,
    new_venue,
    new_online_url: str,
    reason_category: str,
    reason: str = "",
    override_double_booking: bool = False,
) -> list[EventChange]:
    """Postpone, reschedule, change the format or the venue of one session, with a reason. Keeps what was
    planned in `session.planned_*` (first change only), records the history, raises the calendar SEQUENCE
    and sends every active registrant an updated invitation."""
    require_coordinator(actor)
    if reason_category not in ReasonCategory.values:
        raise ValidationError({"reason_category": _("Choose a valid reason.")})
    if event.status in (EventStatus.CANCELLED, EventStatus.HELD):
        raise ValidationError({"__all__": _("The plan of a held or cancelled event cannot be changed.")})
    if session.event_id != event.pk:
        raise ValidationError({"session": _("Choose a session of this event.")})
    values = _normalise_session(
        {
            "starts_at": new_starts_at,
            "ends_at": new_ends_at,
            "format": new_format,
            "venue": new_venue,
            "online_url": new_online_url,
            "onsite_seats": session.onsite_seats,
            "hours": session.hours,
        }
    )
    if (
        values["venue"] is not None
        and values["onsite_seats"]
        and values["onsite_seats"] > values["venue"].capacity
    ):
        values["onsite_seats"] = None  # the new venue's capacity applies
    conflicts = _validate_session(
        values, exclude_pk=session.pk, override_double_booking=override_double_booking
    )
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        session = Session.objects.select_for_update(of=("self",)).select_related("venue").get(pk=session.pk)
        before = _snapshot(session)
        change_types = _change_types(session, values)
        if not change_types:
            raise ValidationError(
                {"__all__": _("Nothing changes: enter new dates, a new format or a new venue.")}
            )
        _keep_planned(session)
        for field in ("starts_at", "ends_at", "format", "venue", "online_url", "onsite_seats"):
            setattr(session, field, values[field])
        if not session.hours_overridden:
            session.hours = session_hours(session.starts_at, session.ends_at)
        session.save()
        after = _snapshot(session)
        changes = [
            EventChange.objects.create(
                event=event,
                session=session,
                change_type=change_type,
                reason_category=reason_category,
                reason=reason or "",
                before=before,
                after=after,
                actor=actor,
            )
            for change_type in change_types
        ]
        Event.objects.filter(pk=event.pk).update(
            ical_sequence=F("ical_sequence") + 1, updated_at=timezone.now()
        )
        event.refresh_from_db()
        audit = {
            "session": str(session),
            "changes": [str(ChangeType(t).label) for t in change_types],
            "reason_category": reason_category,
            "reason": reason,
            "before": before,
            "after": after,
            "ical_sequence": event.ical_sequence,
        }
        if conflicts:
            audit["double_booking_override"] = [f"{c.event} — {c}" for c in conflicts]
        log_action(actor, event, "event.change_plan", audit)
        reindex("events", [event.pk])
        _notify_registrants(
            event,
            kind="events.event_changed",
            context={
                "session": session,
                "changes": [ChangeType(t) for t in change_types],
                "reason_category": ReasonCategory(reason_category),
                "reason": reason,
                "before": _plan(
                    datetime.datetime.fromisoformat(before["starts_at"]),
                    datetime.datetime.fromisoformat(before["ends_at"]),
                    before["format"],
                    before["venue_name"],
                ),
                "after": _plan(session.starts_at, session.ends_at, session.format, str(session.venue or "")),
            },
        )
    return changes


def event_cancel(*, actor: User, event: Event, reason_category: str, reason: str = "") -> Event:
    require_coordinator(actor)
    if reason_category not in ReasonCategory.values:
        raise ValidationError({"reason_category": _("Choose a valid reason.")})
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if not can_be_cancelled(event):
            raise ValidationError({"__all__": _("A held or already cancelled event cannot be cancelled.")})
        old = event.status
        Event.objects.filter(pk=event.pk).update(
            status=EventStatus.CANCELLED, ical_sequence=F("ical_sequence") + 1, updated_at=timezone.now()
        )
        event.refresh_from_db()
        EventChange.objects.create(
            event=event,
            change_type=ChangeType.CANCEL,
            reason_category=reason_category,
            reason=reason or "",
            before={"status": old},
            after={"status": EventStatus.CANCELLED},
            actor=actor,
        )
        log_action(
            actor,
            event,
            "event.cancel",
            {"status": [old, EventStatus.CANCELLED], "reason_category": reason_category, "reason": reason},
        )
        reindex("events", [event.pk])
        _notify_registrants(
            event,
            kind="events.event_cancelled",
            context={"reason_category": ReasonCategory(reason_category), "reason": reason},
        )
    return event
