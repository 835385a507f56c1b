import datetime

from rozwoj.core.periodic import periodic_job

from .services import send_due_feedback


@periodic_job(every=datetime.timedelta(hours=1), label="Coaching feedback questionnaires sent")
def send_feedback_questionnaires() -> int:
    return send_due_feedback()
