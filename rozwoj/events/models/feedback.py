"""A training's feedback questionnaire (issue #9, part 7): attached on the event's management page, sent by the
periodic job `events.send_feedback_questionnaires` to the confirmed participants after the last session."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventFeedback(models.Model):
    event = models.OneToOneField("events.Event", on_delete=models.CASCADE, related_name="feedback")
    questionnaire = models.ForeignKey(
        "surveys.Questionnaire", verbose_name=_("questionnaire"), on_delete=models.PROTECT, related_name="+"
    )
    distribution = models.ForeignKey(
        "surveys.Distribution", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attached_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent to the participants"), null=True, blank=True)

    class Meta:
        verbose_name = _("feedback questionnaire")
        verbose_name_plural = _("feedback questionnaires")

    def __str__(self) -> str:
        return f"{self.event} — {self.questionnaire}"
