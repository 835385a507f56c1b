"""Reads of the events app. Who may see or manage what, and the `access_*` function of each kind of object
that views and the API load their objects with, live in `access`."""

from .access import (
    access_attachment,
    access_attendance_list,
    access_certificate,
    access_event,
    access_event_kind,
    access_event_trainer,
    access_own_registration,
    access_participant,
    access_photo,
    access_registration,
    access_session,
    can_manage_event,
    events_visible_to,
)

__all__ = [
    "access_attachment",
    "access_attendance_list",
    "access_certificate",
    "access_event",
    "access_event_kind",
    "access_event_trainer",
    "access_own_registration",
    "access_participant",
    "access_photo",
    "access_registration",
    "access_session",
    "can_manage_event",
    "events_visible_to",
]
