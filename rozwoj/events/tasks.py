"""Background work of the events app (Celery in production; the embedded default runs it without a broker)."""

from celery import shared_task

from .services.reminders import send_due_reminders


@shared_task
def send_event_reminders() -> int:
    """Send the reminders that are due now; scheduled by Celery beat (see CELERY_BEAT_SCHEDULE)."""
    return send_due_reminders()
