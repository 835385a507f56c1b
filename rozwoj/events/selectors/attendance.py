"""Reads about attendance: the marks of a session, hours attended and the completion rule's figures."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, TypedDict

from django.db.models import DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from ..models import PRESENT_STATUSES, Attendance, Event, Registration, Session

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class _HoursAttended(TypedDict):
    hours_attended: Decimal


ZERO = Decimal("0")
HOURS_FIELD = DecimalField(max_digits=8, decimal_places=2)


@dataclass(frozen=True)
class Completion:
    hours: Decimal
    total_hours: Decimal
    percent: Decimal
    threshold: int
    completed: bool


def attendance_for_session(session: Session, registration_ids) -> dict[int, str]:
    return dict(
        Attendance.objects.filter(session=session, registration_id__in=list(registration_ids)).values_list(
            "registration_id", "status"
        )
    )


def total_hours(event: Event) -> Decimal:
    return Session.objects.filter(event=event).aggregate(
        total=Coalesce(Sum("hours"), Value(ZERO), output_field=HOURS_FIELD)
    )["total"]


def hours_attended(registration: Registration) -> Decimal:
    """Sum of the hours of the event's sessions at which the participant was present (on site or online)."""
    return Attendance.objects.filter(
        registration=registration,
        session__event_id=registration.event_id,
        status__in=PRESENT_STATUSES,
    ).aggregate(total=Coalesce(Sum("session__hours"), Value(ZERO), output_field=HOURS_FIELD))["total"]


def _completion(hours: Decimal, total: Decimal, threshold: int) -> Completion:
    hours = Decimal(hours or 0)
    total = Decimal(total or 0)
    percent = (hours * 100 / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) if total else ZERO
    completed = bool(total) and hours * 100 >= total * threshold
    return Completion(
        hours=hours, total_hours=total, percent=percent, threshold=threshold, completed=completed
    )


def completion(registration: Registration) -> Completion:
    """(hours attended, total hours, percent, completed) under the event's completion rule."""
    event = registration.event
    return _completion(hours_attended(registration), total_hours(event), event.completion_threshold)


def with_hours_attended(
    registrations: QuerySet[Registration],
) -> "QuerySet[WithAnnotations[Registration, _HoursAttended]]":
    """Annotate `hours_attended` in one query (for lists)."""
    return registrations.annotate(
        hours_attended=Coalesce(
            Sum("attendance__session__hours", filter=Q(attendance__status__in=PRESENT_STATUSES)),
            Value(ZERO),
            output_field=HOURS_FIELD,
        )
    )


def completion_of(
    registration: "WithAnnotations[Registration, _HoursAttended]", total: Decimal
) -> Completion:
    """Completion of a registration annotated by `with_hours_attended`, given the event's total hours."""
    return _completion(registration.hours_attended, total, registration.event.completion_threshold)
