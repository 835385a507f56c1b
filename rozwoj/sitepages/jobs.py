"""Periodic jobs of the site pages (registered in rozwoj.core.periodic; run by `run_background` or Celery beat)."""

import datetime

from rozwoj.core.periodic import periodic_job

from .services import review_reminder_send


@periodic_job(every=datetime.timedelta(days=1), label="Accessibility declaration review reminders sent")
def remind_declaration_review() -> int:
    """Remind the administrators to review the accessibility declaration by 31 March (once a year)."""
    return review_reminder_send()
