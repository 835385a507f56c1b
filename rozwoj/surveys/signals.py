"""Responses and answers saved or deleted outside the services (an import, the admin, a repair in the shell):
the questionnaire's results stamp grows and its tallies are marked stale in the same transaction
(`services.tallies.results_changed`), so no cached result and no tally outlives the change.

The services do not pass here: a submission writes its answers with `bulk_create` (no signal) and marks its
response (`TALLIED`), then adds both to the tallies and bumps the stamp itself. Answers deleted on their own
(never done by the services; answers go with their response or question) are not seen here: a receiver of
their deletion would make Django load every answer of a deleted response, wave or questionnaire one by one.
"""

from django.db.models.signals import post_delete, post_save

from .models import Answer, Response
from .services.tallies import TALLIED, results_changed, results_deleted


def _response_saved(sender, instance: Response, raw: bool = False, **kwargs) -> None:
    if raw or getattr(instance, TALLIED, False):
        return
    results_changed(instance.questionnaire_id, tallied=False)


def _response_deleted(sender, instance: Response, **kwargs) -> None:
    results_deleted(instance.questionnaire_id)


def _answer_saved(sender, instance: Answer, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    questionnaire_id = (
        Response.objects.filter(pk=instance.response_id).values_list("questionnaire_id", flat=True).first()
    )
    if questionnaire_id is not None:
        results_changed(questionnaire_id, tallied=False)


def connect() -> None:
    post_save.connect(_response_saved, sender=Response, dispatch_uid="surveys-response-saved")
    post_delete.connect(_response_deleted, sender=Response, dispatch_uid="surveys-response-deleted")
    post_save.connect(_answer_saved, sender=Answer, dispatch_uid="surveys-answer-saved")
