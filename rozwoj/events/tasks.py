"""Background work of the events app (Celery in production; the embedded default runs it without a broker)."""

from celery import shared_task

from .services.attendance_lists import attendance_list_prepare, attendance_lists_delete_old
from .services.reminders import send_due_reminders


@shared_task
def send_event_reminders() -> int:
    """Send the reminders that are due now; scheduled by Celery beat (see CELERY_BEAT_SCHEDULE)."""
    return send_due_reminders()


@shared_task
def prepare_attendance_list(document_id: int) -> int | None:
    """Render a long attendance list PDF that a coordinator asked for, and tell them it is ready."""
    document = attendance_list_prepare(document_id)
    return document.rows if document else None


@shared_task
def delete_old_attendance_lists() -> int:
    """Delete prepared attendance lists past their keeping time; scheduled daily by Celery beat."""
    return attendance_lists_delete_old()
