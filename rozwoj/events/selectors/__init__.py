"""Reads of the events app. Who may see or manage an event lives in `access`."""

from .access import can_manage_event, events_visible_to

__all__ = ["can_manage_event", "events_visible_to"]
