"""Background work of the events app (Celery in production; the embedded default runs it without a broker).
Its periodic jobs (reminders, clean-up) are in jobs.py."""

from celery import shared_task

from .services.attendance_lists import attendance_list_prepare


@shared_task
def prepare_attendance_list(document_id: int) -> int | None:
    """Render a long attendance list PDF that a coordinator asked for, and tell them it is ready."""
    document = attendance_list_prepare(document_id)
    return document.rows if document else None
