"""Background work of coaching (Celery in production; without a broker it runs at once)."""

from celery import shared_task

from .services import log_export_prepare


@shared_task
def prepare_log_export(export_id: int) -> int | None:
    """Write the XLSX of a coach's log that they asked for (services.log_export_request)."""
    export = log_export_prepare(export_id)
    return export.rows_total if export else None
