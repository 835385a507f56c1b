"""Reads of the calendars: the month/week grid of sessions and the sessions of a personal iCal feed."""

from __future__ import annotations

import calendar as pycalendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from rozwoj.accounts import mfa
from rozwoj.programmes.selectors import programmes_visible_to

from ..models import ACTIVE_REGISTRATION_STATUSES, CalendarFeed, Event, EventStatus, Session
from .access import events_visible_to


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    sessions: list[Session] = field(default_factory=list)


def month_bounds(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, pycalendar.monthrange(year, month)[1])
    return first, last


def grid_range(view: str, day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """First and last day shown: whole weeks (Monday to Sunday) covering the month, or the week of `day`."""
    if view == "week":
        start = day - datetime.timedelta(days=day.weekday())
        return start, start + datetime.timedelta(days=6)
    first, last = month_bounds(day.year, day.month)
    start = first - datetime.timedelta(days=first.weekday())
    end = last + datetime.timedelta(days=6 - last.weekday())
    return start, end


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def calendar_sessions(
    user, start: datetime.date, end: datetime.date, *, programme=None, kind=None, fmt="", voivodeship=None
) -> QuerySet[Session]:
    """Sessions of events visible to `user` overlapping the days start..end (local time), filtered."""
    sessions = Session.objects.filter(
        event__in=events_visible_to(user).values("pk"),
        starts_at__lt=_aware(end + datetime.timedelta(days=1)),
        ends_at__gt=_aware(start),
    )
    if programme is not None:
        sessions = sessions.filter(
            event__programme=programme, event__programme__in=programmes_visible_to(user).values("pk")
        )
    if kind is not None:
        sessions = sessions.filter(event__kind=kind)
    if fmt:
        sessions = sessions.filter(format=fmt)
    if voivodeship is not None:
        sessions = sessions.filter(
            Q(venue__local_government__voivodeship=voivodeship) | Q(venue__local_government=voivodeship)
        )
    return sessions.select_related("event", "event__kind", "venue").order_by("starts_at", "pk")


def calendar_weeks(start: datetime.date, end: datetime.date, sessions) -> list[list[Day]]:
    """Weeks of days from start to end, each day with the sessions taking place on it (local time)."""
    today = timezone.localdate()
    middle = start + (end - start) / 2
    days: dict[datetime.date, Day] = {}
    current = start
    while current <= end:
        days[current] = Day(date=current, in_month=current.month == middle.month, is_today=current == today)
        current += datetime.timedelta(days=1)
    for session in sessions:
        first = max(timezone.localtime(session.starts_at).date(), start)
        last_moment = timezone.localtime(session.ends_at) - datetime.timedelta(microseconds=1)
        last = min(last_moment.date(), end)
        current = first
        while current <= last:
            days[current].sessions.append(session)
            current += datetime.timedelta(days=1)
    ordered = list(days.values())
    return [ordered[i : i + 7] for i in range(0, len(ordered), 7)]


def feed_sessions(user) -> QuerySet[Session]:
    """Sessions of events the user is registered to (active registrations) or trains, newest first."""
    person = getattr(user, "person", None) if user is not None else None
    if person is None:
        return Session.objects.none()
    events = Event.objects.filter(
        Q(registrations__person=person, registrations__status__in=ACTIVE_REGISTRATION_STATUSES)
        | Q(trainers__person=person)
    ).exclude(status=EventStatus.DRAFT)
    return (
        Session.objects.filter(event__in=events.values("pk"))
        .select_related("event", "event__organiser", "venue")
        .prefetch_related(Prefetch("event__sessions", queryset=Session.objects.only("id", "event_id")))
        .order_by("-starts_at")
    )


def feed_user_for_token(token: str):
    """The user whose feed `token` opens; None for a wrong or replaced token, an inactive login, or a login whose
    role requires TOTP while it is not set up (the link works again once it is)."""
    feed = CalendarFeed.objects.select_related("user", "user__person").filter(token=token).first()
    if feed is None or not feed.user.is_active or not mfa.credential_allowed(feed.user):
        return None
    return feed.user
