"""Background work of the questionnaires app (Celery in production; without a broker it runs at once)."""

from celery import shared_task

from .models import Questionnaire
from .services.exports import export_prepare
from .services.tallies import tallies_rebuild


@shared_task
def rebuild_tallies(questionnaire_id: int) -> int | None:
    """Recount a questionnaire's results from its answers (its tallies disagreed with its responses)."""
    questionnaire = Questionnaire.objects.filter(pk=questionnaire_id).first()
    return tallies_rebuild(questionnaire) if questionnaire is not None else None


@shared_task
def prepare_export(export_id: int) -> int | None:
    """Write the XLSX of all responses that someone asked for (see services.exports)."""
    export = export_prepare(export_id)
    return export.rows_total if export else None
