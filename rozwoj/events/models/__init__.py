"""The events app's models, one module per aggregate; every name is importable from `rozwoj.events.models`."""

from .calendar import CalendarFeed
from .event import (
    MAX_REMINDER_DAYS,
    AttendanceMode,
    Event,
    EventKind,
    EventStatus,
    EventTrainer,
    Format,
    Visibility,
)
from .feedback import EventFeedback
from .materials import EventAttachment, EventPhoto, MaterialVisibility
from .organisation import EventOrganisation, OrganisationRole
from .registration import (
    ACTIVE_REGISTRATION_STATUSES,
    PRESENT_STATUSES,
    Attendance,
    AttendanceListFile,
    AttendanceStatus,
    Certificate,
    Registration,
    RegistrationStatus,
)
from .session import AgendaItem, ChangeType, EventChange, ReasonCategory, Session

__all__ = [
    "ACTIVE_REGISTRATION_STATUSES",
    "AgendaItem",
    "Attendance",
    "AttendanceListFile",
    "AttendanceMode",
    "AttendanceStatus",
    "CalendarFeed",
    "Certificate",
    "ChangeType",
    "Event",
    "EventAttachment",
    "EventChange",
    "EventFeedback",
    "EventKind",
    "EventOrganisation",
    "EventPhoto",
    "EventStatus",
    "EventTrainer",
    "Format",
    "MAX_REMINDER_DAYS",
    "MaterialVisibility",
    "OrganisationRole",
    "PRESENT_STATUSES",
    "ReasonCategory",
    "Registration",
    "RegistrationStatus",
    "Session",
    "Visibility",
]
