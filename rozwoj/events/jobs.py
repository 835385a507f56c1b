"""Periodic jobs of the events app (registered in rozwoj.core.periodic; run by `run_background` or Celery beat)."""

import datetime

from rozwoj.core.periodic import periodic_job

from .services.attendance_lists import attendance_lists_delete_old
from .services.feedback import send_due_feedback
from .services.reminders import send_due_reminders


@periodic_job(every=datetime.timedelta(minutes=15), label="Reminders sent")
def send_reminders() -> int:
    """Remind confirmed participants the configured number of days before an event's first session."""
    return send_due_reminders()


@periodic_job(every=datetime.timedelta(days=1), label="Old attendance lists deleted")
def delete_old_attendance_lists() -> int:
    """Delete prepared attendance lists past ROZWOJ_ATTENDANCE_LIST_KEEP_DAYS (they hold personal data)."""
    return attendance_lists_delete_old()


@periodic_job(every=datetime.timedelta(hours=1), label="Feedback questionnaires sent")
def send_feedback_questionnaires() -> int:
    """After the last session, send the attached feedback questionnaire to the confirmed participants."""
    return send_due_feedback()
