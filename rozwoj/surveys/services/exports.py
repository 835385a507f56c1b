"""Exports of all responses prepared by background work (XLSX), with their progress.

The coordinator asks; the background work writes the spreadsheet with openpyxl's write-only mode into a temporary
file, reading the responses with `iterator(chunk_size)` in batches (surveys.exports: memory stays bounded
whatever the number of responses) and recording after each batch how many rows are written, which the results
page shows; the file is then stored privately (rozwoj.core.files). Every cell goes through the formula guard of
rozwoj.core.exports. Prepared files hold answers, so they are deleted after EXPORT_KEEP_DAYS.
"""

from __future__ import annotations

import datetime
import os
import tempfile
from collections.abc import Iterable, Iterator

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rozwoj.accounts.models import User
from rozwoj.core.audit import log_action
from rozwoj.core.exports import xlsx_write

from .. import exports
from ..models import Questionnaire, ResultsExport, Wave
from ..selectors.results import can_read_results

EXPORT_KEEP_DAYS = 7
PROGRESS_EVERY = exports.BATCH  # rows between two records of the progress


def export_filename(export: ResultsExport) -> str:
    return f"questionnaire-{export.questionnaire_id}-responses{'-codes' if export.codes else ''}.xlsx"


def export_request(
    *, actor: User, questionnaire: Questionnaire, wave: Wave | None, codes: bool, language: str
) -> ResultsExport:
    """Ask for the XLSX of all responses (of a wave); the background work starts once this transaction commits."""
    if not can_read_results(actor, questionnaire):
        raise PermissionDenied
    responses = questionnaire.responses.all()
    if wave is not None:
        responses = responses.filter(wave=wave)
    export = ResultsExport.objects.create(
        questionnaire=questionnaire,
        wave=wave,
        codes=codes,
        language=language,
        requested_by=actor,
        rows_total=responses.count(),
    )
    log_action(
        actor, questionnaire, "surveys.export_request", {"wave": wave.pk if wave else None, "codes": codes}
    )
    from ..tasks import prepare_export  # the task module imports this one

    transaction.on_commit(lambda: prepare_export.delay(export.pk))
    return export


def _counted(export: ResultsExport, rows: Iterable[list], written: list[int]) -> Iterator[list]:
    """The rows, recording the progress every PROGRESS_EVERY rows (seen at once: outside any transaction) and
    the number written in `written`."""
    for row in rows:
        yield row
        written[0] += 1
        if written[0] % PROGRESS_EVERY == 0:
            ResultsExport.objects.filter(pk=export.pk).update(rows_done=min(written[0], export.rows_total))


def export_prepare(export_id: int) -> ResultsExport | None:
    """Write the spreadsheet of a requested export and store it (the background work)."""
    export = (
        ResultsExport.objects.select_related("questionnaire", "wave")
        .filter(pk=export_id, ready_at__isnull=True, failed=False)
        .first()
    )
    if export is None:  # deleted with its questionnaire, or prepared already
        return None
    descriptor, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(descriptor)
    try:
        with translation.override(export.language):
            data = exports.Export(
                export.questionnaire,
                wave=export.wave,
                language=export.language[:2],
                mode=exports.CODES if export.codes else exports.LABELS,
            )
            written = [0]
            xlsx_write(path, data.header(), _counted(export, data.rows(), written), title=_("Responses"))
        with open(path, "rb") as handle:
            export.file.save(export_filename(export), File(handle), save=False)
        export.rows_done = export.rows_total = written[0]
        export.ready_at = timezone.now()
        export.save(update_fields=["file", "rows_done", "rows_total", "ready_at"])
    except Exception:
        ResultsExport.objects.filter(pk=export.pk).update(failed=True)
        if export.file:
            export.file.delete(save=False)
        raise
    finally:
        os.unlink(path)
    return export


def exports_delete_old(now: datetime.datetime | None = None) -> int:
    """Delete prepared exports older than EXPORT_KEEP_DAYS (they hold answers and can be prepared again) and
    requests neither prepared nor failed within a day (their background work was lost)."""
    now = now or timezone.now()
    old = ResultsExport.objects.filter(
        Q(created_at__lt=now - datetime.timedelta(days=EXPORT_KEEP_DAYS))
        | Q(ready_at__isnull=True, created_at__lt=now - datetime.timedelta(days=1))
    )
    deleted = 0
    for export in old.iterator():
        if export.file:
            export.file.delete(save=False)
        export.delete()
        deleted += 1
    return deleted
