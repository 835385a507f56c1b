"""Periodic jobs of the questionnaires app (registered in rozwoj.core.periodic)."""

import datetime

from rozwoj.core.periodic import periodic_job

from .services.distribution import send_due_invitations, send_due_reminders
from .services.exports import exports_delete_old
from .services.tallies import tallies_verify


@periodic_job(every=datetime.timedelta(minutes=15), label="Questionnaire invitations sent")
def send_invitations() -> int:
    """E-mail the personal links of distributions whose time has come."""
    return send_due_invitations()


@periodic_job(every=datetime.timedelta(hours=1), label="Questionnaire reminders sent")
def send_reminders() -> int:
    """Remind those who have not answered yet."""
    return send_due_reminders()


@periodic_job(every=datetime.timedelta(hours=6), label="Prepared questionnaire exports deleted")
def delete_old_exports() -> int:
    """Delete prepared exports of responses after a week (they hold answers; they can be prepared again)."""
    return exports_delete_old()


@periodic_job(every=datetime.timedelta(hours=1), label="Questionnaires whose results are recounted")
def verify_tallies() -> int:
    """Mark for recounting the questionnaires whose tallies disagree with their responses (rows written by raw
    SQL, which neither the services nor the signals see); the results pages never scan the responses."""
    return tallies_verify()
