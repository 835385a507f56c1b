"""Postponing or moving a whole event (or chosen sessions) in one change of plan.

One call moves every chosen session, by the same offset or to new dates; records one entry in the history
(`EventChange` of type "rescheduled" with every session's dates before and after); raises the calendar SEQUENCE
once; and sends each registered participant one e-mail, in their language, with one updated invitation that
covers all sessions. Changing the format or the venue of one session stays with `events.event_change_plan`.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from rozwoj.accounts.models import User
from rozwoj.accounts.permissions import require_coordinator
from rozwoj.core.audit import log_action
from rozwoj.core.search import reindex

from ..models import ChangeType, Event, EventChange, EventStatus, Format, ReasonCategory, Session
from .events import _keep_planned, _notify_registrants, conflicting_sessions

MAX_SHIFT = datetime.timedelta(days=3 * 365)

DateRange = tuple[datetime.datetime, datetime.datetime]


def _new_dates(
    sessions: Sequence[Session],
    *,
    shift: datetime.timedelta | None,
    new_dates: Mapping[int, DateRange] | None,
) -> dict[int, DateRange]:
    """The new (start, end) of each moved session, keyed by its pk; raises ValidationError on bad input."""
    if (shift is None) == (new_dates is None):
        raise ValidationError({"how": _("Move the sessions either by the same offset or to new dates.")})
    if shift is not None:
        if not shift:
            raise ValidationError({"shift_days": _("Enter a number of days other than zero.")})
        if abs(shift) > MAX_SHIFT:
            raise ValidationError({"shift_days": _("Move the event by at most three years.")})
        return {s.pk: (_shifted(s.starts_at, shift), _shifted(s.ends_at, shift)) for s in sessions}
    dates = new_dates or {}
    by_pk = {s.pk: s for s in sessions}
    errors: dict[str, str] = {}
    for pk, (starts, ends) in dates.items():
        if pk not in by_pk:
            errors["sessions"] = _("Choose sessions of this event.")
        elif ends <= starts:
            errors[f"ends_{pk}"] = _("The session must end after it starts.")
    if errors:
        raise ValidationError(errors)
    moves = {pk: new for pk, new in dates.items() if new != (by_pk[pk].starts_at, by_pk[pk].ends_at)}
    if not moves:
        raise ValidationError({"__all__": _("Nothing changes: enter new dates.")})
    return moves


def _shifted(moment: datetime.datetime, shift: datetime.timedelta) -> datetime.datetime:
    """`moment` moved by whole days on the local clock: 9:00 in March stays 9:00 in June (summer time)."""
    local = timezone.localtime(moment).replace(tzinfo=None)
    return timezone.make_aware(local + shift)


def _conflicts(sessions: Sequence[Session], moves: Mapping[int, DateRange]) -> list[Session]:
    """Sessions of other events at the same venue at the new times (the moved sessions themselves excluded)."""
    found: list[Session] = []
    for session in sessions:
        if session.pk not in moves or session.format == Format.ONLINE:
            continue
        starts, ends = moves[session.pk]
        found.extend(
            other
            for other in conflicting_sessions(venue=session.venue, starts_at=starts, ends_at=ends)
            if other.pk not in moves
        )
    return found


DEADLINES = ("registration_closes_at", "cancellation_deadline")


def _move_deadlines(event: Event, shift: datetime.timedelta) -> dict[str, list[str]]:
    """Move the event's registration closing date and self-cancellation deadline by `shift` (those it has);
    returns {field: [before, after]} for the history."""
    moved: dict[str, list[str]] = {}
    for field in DEADLINES:
        value = getattr(event, field)
        if value is not None:
            new = _shifted(value, shift)
            setattr(event, field, new)
            moved[field] = [value.isoformat(), new.isoformat()]
    opens, closes = event.registration_opens_at, event.registration_closes_at
    if opens is not None and closes is not None and closes <= opens:
        raise ValidationError(
            {
                "move_deadlines": _(
                    "Moved by this much, registration would close before it opens: leave the dates of the "
                    "event as they are here, then edit them."
                )
            }
        )
    if moved:
        event.save(update_fields=[*DEADLINES, "updated_at"])
    return moved


def _row(session: Session) -> dict[str, Any]:
    return {
        "session": session.pk,
        "name": str(session),
        "starts_at": session.starts_at.isoformat(),
        "ends_at": session.ends_at.isoformat(),
    }


def event_reschedule(
    *,
    actor: User,
    event: Event,
    sessions: Sequence[Session] | None = None,
    shift: datetime.timedelta | None = None,
    new_dates: Mapping[int, DateRange] | None = None,
    reason_category: str,
    reason: str = "",
    override_double_booking: bool = False,
    move_deadlines: bool = False,
) -> EventChange:
    """Move the chosen `sessions` of `event` (all when None) by `shift`, or each session in `new_dates`
    ({session pk: (start, end)}) to its new dates. With a shift, `move_deadlines` also moves the registration
    closing date and the self-cancellation deadline by it. Returns the one history entry it records."""
    require_coordinator(actor)
    if reason_category not in ReasonCategory.values:
        raise ValidationError({"reason_category": _("Choose a valid reason.")})
    if event.status in (EventStatus.CANCELLED, EventStatus.HELD):
        raise ValidationError({"__all__": _("The plan of a held or cancelled event cannot be changed.")})
    chosen = list(event.sessions.select_related("venue").order_by("order"))
    if new_dates is not None:
        wanted = set(new_dates)
    elif sessions is not None:
        wanted = {s.pk for s in sessions}
    else:
        wanted = {s.pk for s in chosen}
    if not wanted or not wanted <= {s.pk for s in chosen}:
        raise ValidationError({"sessions": _("Choose at least one session of this event.")})
    chosen = [s for s in chosen if s.pk in wanted]
    moves = _new_dates(chosen, shift=shift, new_dates=new_dates)
    conflicts = _conflicts(chosen, moves)
    if conflicts and not override_double_booking:
        raise ValidationError(
            {
                "override_double_booking": _(
                    "The venue is already booked at the new time (%(events)s). Tick “override double "
                    "booking” if both may take place there."
                )
                % {"events": "; ".join(f"{c.event} — {c}" for c in conflicts[:3])}
            }
        )
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        locked = list(
            Session.objects.select_for_update(of=("self",))
            .filter(pk__in=moves)
            .select_related("venue")
            .order_by("order")
        )
        before = [_row(s) for s in locked]
        for session in locked:
            _keep_planned(session)
            session.starts_at, session.ends_at = moves[session.pk]
            session.save()
        after = [_row(s) for s in locked]
        deadlines = _move_deadlines(event, shift) if move_deadlines and shift is not None else {}
        change = EventChange.objects.create(
            event=event,
            session=locked[0] if len(locked) == 1 else None,
            change_type=ChangeType.RESCHEDULE,
            reason_category=reason_category,
            reason=reason or "",
            before={"sessions": before},
            after={
                "sessions": after,
                **({"shift_days": shift.days} if shift is not None else {}),
                **({"deadlines": deadlines} if deadlines else {}),
            },
            actor=actor,
        )
        Event.objects.filter(pk=event.pk).update(
            ical_sequence=F("ical_sequence") + 1, updated_at=timezone.now()
        )
        event.refresh_from_db()
        audit: dict[str, Any] = {
            "sessions": [row["name"] for row in after],
            "reason_category": reason_category,
            "reason": reason,
            "before": before,
            "after": after,
            "ical_sequence": event.ical_sequence,
        }
        if deadlines:
            audit["deadlines"] = deadlines
        if conflicts:
            audit["double_booking_override"] = [f"{c.event} — {c}" for c in conflicts]
        log_action(actor, event, "event.reschedule", audit)
        reindex("events", [event.pk])
        old = {row["session"]: row for row in before}
        _notify_registrants(
            event,
            kind="events.event_rescheduled",
            context={
                "moves": [
                    {
                        "session": session,
                        "before_starts_at": datetime.datetime.fromisoformat(old[session.pk]["starts_at"]),
                        "before_ends_at": datetime.datetime.fromisoformat(old[session.pk]["ends_at"]),
                        "after_starts_at": session.starts_at,
                        "after_ends_at": session.ends_at,
                    }
                    for session in locked
                ],
                "reason_category": ReasonCategory(reason_category),
                "reason": reason,
            },
        )
    return change
