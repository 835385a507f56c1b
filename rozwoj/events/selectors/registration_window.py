"""Whether registration for an event is open now, computed from its status and its dates on every read.

The stored status says what the coordinator decided; the dates say when registration opens and closes:

- draft: only coordinators see the event; nobody can register.
- planned (published): registration follows the dates. It opens at the opening date and closes at the
  closing date; without an opening date it stays closed until the coordinator opens it by hand.
- registration open (opened by hand): open from the opening date if there is one (opening by hand removes a
  future one), until the closing date.
- registration closed (closed by hand): closed, whatever the dates say (closing early).
- held, cancelled: closed.

Nothing has to change at midnight: pages and lists ask `registration_window()` or filter with
`open_for_registration()` / `effective_status_filter()`, which use the status index and the date columns.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ..models import Event, EventStatus


class WindowState:
    DRAFT = "draft"
    NOT_SCHEDULED = "not_scheduled"  # published, no opening date, not opened by hand
    NOT_YET = "not_yet"  # opens at a date in the future
    OPEN = "open"
    CLOSED_BY_DATE = "closed_by_date"
    CLOSED_BY_COORDINATOR = "closed_by_coordinator"
    HELD = "held"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class RegistrationWindow:
    state: str
    opens_at: datetime.datetime | None
    closes_at: datetime.datetime | None

    @property
    def is_open(self) -> bool:
        return self.state == WindowState.OPEN

    @property
    def effective_status(self) -> str:
        """The status a reader sees: a published event whose opening date has passed is open, one whose
        closing date has passed is closed."""
        if self.state == WindowState.OPEN:
            return EventStatus.REGISTRATION_OPEN
        if self.state in (WindowState.CLOSED_BY_DATE, WindowState.CLOSED_BY_COORDINATOR):
            return EventStatus.REGISTRATION_CLOSED
        if self.state in (WindowState.NOT_YET, WindowState.NOT_SCHEDULED):
            return EventStatus.PLANNED
        return self.state

    @property
    def effective_status_label(self) -> str:
        return str(EventStatus(self.effective_status).label)

    def message(self) -> str:
        """What will happen and when, in a sentence for the event page."""
        text = self._message()
        return text[:-1] if text.endswith("..") else text  # “… 10 a.m..”

    def _message(self) -> str:
        if self.state == WindowState.OPEN:
            if self.closes_at:
                return _("Registration is open until %(date)s.") % {"date": local_datetime(self.closes_at)}
            return _("Registration is open.")
        if self.state == WindowState.NOT_YET:
            return _("Registration opens on %(date)s.") % {"date": local_datetime(self.opens_at)}
        if self.state == WindowState.CLOSED_BY_DATE:
            return _("Registration closed on %(date)s.") % {"date": local_datetime(self.closes_at)}
        if self.state == WindowState.CLOSED_BY_COORDINATOR:
            return _("Registration for this event is closed.")
        if self.state == WindowState.HELD:
            return _("This event has taken place; registration is closed.")
        if self.state == WindowState.CANCELLED:
            return _("This event was cancelled.")
        return _("Registration for this event is not open yet.")


def local_datetime(value: datetime.datetime | None) -> str:
    """“9 January 2027, 10:00” in the active language, local time."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{formats.date_format(local, 'DATE_FORMAT')}, {formats.time_format(local, 'TIME_FORMAT')}"


def _state(event: Event, now: datetime.datetime) -> str:
    status, opens, closes = event.status, event.registration_opens_at, event.registration_closes_at
    final = {
        EventStatus.DRAFT.value: WindowState.DRAFT,
        EventStatus.HELD.value: WindowState.HELD,
        EventStatus.CANCELLED.value: WindowState.CANCELLED,
    }
    if status in final:
        return final[status]
    if status == EventStatus.REGISTRATION_CLOSED:
        return WindowState.CLOSED_BY_COORDINATOR
    if closes is not None and now >= closes:
        return WindowState.CLOSED_BY_DATE
    if opens is not None and now < opens:
        return WindowState.NOT_YET
    if opens is None and status == EventStatus.PLANNED:
        return WindowState.NOT_SCHEDULED
    return WindowState.OPEN


def registration_window(event: Event, *, now: datetime.datetime | None = None) -> RegistrationWindow:
    return RegistrationWindow(
        state=_state(event, now or timezone.now()),
        opens_at=event.registration_opens_at,
        closes_at=event.registration_closes_at,
    )


def _not_closed_by_date(now: datetime.datetime) -> Q:
    return Q(registration_closes_at__isnull=True) | Q(registration_closes_at__gt=now)


def open_for_registration(now: datetime.datetime | None = None) -> Q:
    """Events whose registration is open at `now`, as a filter (status index, then the date columns)."""
    now = now or timezone.now()
    return (
        Q(status=EventStatus.REGISTRATION_OPEN, registration_opens_at__isnull=True)
        | Q(status__in=(EventStatus.PLANNED, EventStatus.REGISTRATION_OPEN), registration_opens_at__lte=now)
    ) & _not_closed_by_date(now)


def effective_status_filter(status: str, now: datetime.datetime | None = None) -> Q:
    """Events whose effective status (see `RegistrationWindow.effective_status`) is `status`."""
    now = now or timezone.now()
    open_now = open_for_registration(now)
    live = (EventStatus.PLANNED, EventStatus.REGISTRATION_OPEN)
    closed_by_date = Q(status__in=live, registration_closes_at__lte=now)
    if status == EventStatus.REGISTRATION_OPEN:
        return open_now
    if status == EventStatus.REGISTRATION_CLOSED:
        return Q(status=EventStatus.REGISTRATION_CLOSED) | closed_by_date
    if status == EventStatus.PLANNED:
        not_yet = Q(status__in=live, registration_opens_at__gt=now)
        unscheduled = Q(status=EventStatus.PLANNED, registration_opens_at__isnull=True)
        return (not_yet | unscheduled) & _not_closed_by_date(now)
    return Q(status=status)
