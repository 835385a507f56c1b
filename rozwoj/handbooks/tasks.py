"""Background work of handbooks (Celery in production; without a broker it runs at once)."""

from celery import shared_task

from .services_exports import export_prepare


@shared_task
def prepare_export(export_id: int) -> int | None:
    """Write the PDF or DOCX someone asked for (see services_exports)."""
    export = export_prepare(export_id)
    return export.chapters_done if export else None
