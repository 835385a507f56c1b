"""The background half of exports: write the file, record the progress, store it privately."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.utils import timezone, translation

from .exports import export_filename, handbook_docx, handbook_pdf
from .models import ExportFormat, HandbookExport


def export_prepare(export_id: int) -> HandbookExport | None:
    export = (
        HandbookExport.objects.select_related("handbook", "requested_by")
        .filter(pk=export_id, ready_at__isnull=True, failed=False)
        .first()
    )
    if export is None:  # deleted with its handbook, or prepared already
        return None

    def progress(done: int) -> None:
        HandbookExport.objects.filter(pk=export.pk).update(chapters_done=min(done, export.chapters_total))

    language = getattr(export.requested_by, "preferred_language", "") or "en"
    try:
        with translation.override(language):
            write = handbook_pdf if export.format == ExportFormat.PDF else handbook_docx
            content = write(export.handbook, export.language, progress)
        export.file.save(export_filename(export), ContentFile(content), save=False)
        export.chapters_done = export.chapters_total
        export.ready_at = timezone.now()
        export.save(update_fields=["file", "chapters_done", "ready_at"])
    except Exception:
        HandbookExport.objects.filter(pk=export.pk).update(failed=True)
        raise
    return export
