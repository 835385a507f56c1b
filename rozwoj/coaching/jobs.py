import datetime

from rozwoj.core.periodic import periodic_job

from .services import log_exports_delete_old, send_due_feedback


@periodic_job(every=datetime.timedelta(hours=1), label="Coaching feedback questionnaires sent")
def send_feedback_questionnaires() -> int:
    return send_due_feedback()


@periodic_job(every=datetime.timedelta(hours=6), label="Prepared exports of coaches' logs deleted")
def delete_old_log_exports() -> int:
    """Delete prepared exports of coaches' logs after a week (they name coachees; they can be prepared again)."""
    return log_exports_delete_old()
