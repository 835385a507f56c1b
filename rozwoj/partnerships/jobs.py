import datetime

from rozwoj.core.periodic import periodic_job

from .services import send_overdue_reminders


@periodic_job(every=datetime.timedelta(hours=24), label="Overdue partners' reports reminded")
def remind_overdue_reports() -> int:
    return send_overdue_reminders()
