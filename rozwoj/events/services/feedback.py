"""The feedback questionnaire of a training: attached by a manager of the event who may send the questionnaire,
sent after the last session to the confirmed participants through the questionnaires app (which never imports
events: it receives the people and a label)."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rozwoj.core.audit import log_action
from rozwoj.surveys.models import Questionnaire, QuestionnaireStatus
from rozwoj.surveys.selectors.access import can_manage as can_manage_questionnaire
from rozwoj.surveys.services.distribution import distribution_to_people

from ..models import Event, EventFeedback, EventStatus, Registration, RegistrationStatus
from ..selectors import can_manage_event


@transaction.atomic
def feedback_attach(*, actor, event: Event, questionnaire: Questionnaire) -> EventFeedback:
    if not can_manage_event(actor, event) or not can_manage_questionnaire(actor, questionnaire):
        raise PermissionDenied
    if questionnaire.is_template or questionnaire.status == QuestionnaireStatus.CLOSED:
        raise ValidationError(
            {"questionnaire": _("Choose a questionnaire that is not a template and not closed.")}
        )
    feedback = EventFeedback.objects.select_for_update().filter(event=event).first()
    if feedback is not None and feedback.sent_at is not None:
        raise ValidationError(_("The feedback questionnaire has been sent already."))
    feedback, _created = EventFeedback.objects.update_or_create(
        event=event, defaults={"questionnaire": questionnaire, "attached_by": actor}
    )
    log_action(actor, event, "events.feedback_attach", {"questionnaire": questionnaire.pk})
    return feedback


def send_due_feedback(now: datetime.datetime | None = None) -> int:
    """Send each attached questionnaire whose event's last session has ended; returns how many events."""
    now = now or timezone.now()
    due = (
        EventFeedback.objects.filter(sent_at__isnull=True)
        .exclude(event__status=EventStatus.CANCELLED)
        .annotate(last_end=Max("event__sessions__ends_at"))
        .filter(last_end__lte=now)
        .select_related("event", "questionnaire", "attached_by")
    )
    sent = 0
    for feedback in due:
        with transaction.atomic():
            if not EventFeedback.objects.filter(pk=feedback.pk, sent_at__isnull=True).update(sent_at=now):
                continue  # another run sent it
            people = [
                registration.person
                for registration in Registration.objects.filter(
                    event=feedback.event, status=RegistrationStatus.CONFIRMED
                ).select_related("person__user")
            ]
            with translation.override(settings.LANGUAGE_CODE):
                label = _("Participants of: %(event)s") % {"event": feedback.event.title}
            distribution = distribution_to_people(
                feedback.questionnaire,
                people,
                now,
                label,
                reverse("events:detail", args=[feedback.event.pk]),
                feedback.attached_by,
                check_access=False,
            )
            EventFeedback.objects.filter(pk=feedback.pk).update(distribution=distribution)
            sent += 1
    return sent
