"""Exports of all responses prepared by background work (XLSX), with their progress.

The coordinator asks; the background work reads the responses with `iterator(chunk_size)` in batches
(surveys.exports: memory stays bounded whatever the number of responses) and hands them to core's machinery of
prepared exports (rozwoj.core.prepared_exports, shared with the coach's log), which writes the spreadsheet with
openpyxl's write-only mode, records after each batch how many rows are written (the results page shows it) and
stores the file privately. Prepared files hold answers, so they are deleted after EXPORT_KEEP_DAYS.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from rozwoj.accounts.models import User
from rozwoj.core.audit import log_action
from rozwoj.core.prepared_exports import delete_old_prepared, prepare_xlsx

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


def export_prepare(export_id: int) -> ResultsExport | None:
    """Write the spreadsheet of a requested export and store it (the background work)."""
    export = (
        ResultsExport.objects.select_related("questionnaire", "wave")
        .filter(pk=export_id, ready_at__isnull=True, failed=False)
        .first()
    )
    if export is None:  # deleted with its questionnaire, or prepared already
        return None
    with translation.override(export.language):
        data = exports.Export(
            export.questionnaire,
            wave=export.wave,
            language=export.language[:2],
            mode=exports.CODES if export.codes else exports.LABELS,
        )
        return prepare_xlsx(
            export,
            data.header(),
            data.rows(),
            title=_("Responses"),
            filename=export_filename(export),
            progress_every=PROGRESS_EVERY,
        )


def exports_delete_old(now: datetime.datetime | None = None) -> int:
    """Delete prepared exports older than EXPORT_KEEP_DAYS (they hold answers and can be prepared again) and
    requests neither prepared nor failed within a day (their background work was lost)."""
    return delete_old_prepared(ResultsExport.objects.all(), now, keep_days=EXPORT_KEEP_DAYS)
