"""Spreadsheets prepared by background work, with their progress, stored privately: the machinery that the
questionnaires' exports of all responses and the coach's log share.

An app keeps its requests in a model derived from `PreparedExport` (who asked, in which language, the rows
written of the rows expected, the private file, when it was ready or that it failed) and adds what its export is
of (a questionnaire, a coach). Its service creates the row and queues its Celery task with
`transaction.on_commit`; the task calls `prepare_xlsx(export, header, rows, title=..., filename=...)`, which writes
the spreadsheet with openpyxl's write-only mode into a temporary file (every cell through the formula guard of
rozwoj.core.exports), records after every `progress_every` rows how many are written (seen at once: outside any
transaction), stores the file privately and marks the row ready — or failed, deleting any partial file. A
periodic job of the app calls `delete_old_prepared(queryset)`: prepared files hold personal data and can be
prepared again.
"""

from __future__ import annotations

import datetime
import os
import tempfile
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.core.files import File
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .exports import Row, xlsx_write

KEEP_DAYS = 7
PROGRESS_EVERY = 500


class PreparedExport(models.Model):
    """A spreadsheet asked for and prepared by background work. A concrete model adds `file`, a FileField with
    `upload_to=PrivateUploadTo(...)` and `blank=True`, and what the export is of."""

    language = models.CharField(max_length=8)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows written"), default=0)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)
    failed = models.BooleanField(default=False)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    @property
    def percent(self) -> int:
        return 100 if self.ready_at else (100 * self.rows_done // self.rows_total if self.rows_total else 0)

    @property
    def in_progress(self) -> bool:
        return self.ready_at is None and not self.failed


def _counted(export, rows: Iterable[Row], written: list[int], every: int) -> Iterator[Row]:
    manager = type(export)._default_manager
    for row in rows:
        yield row
        written[0] += 1
        if written[0] % every == 0:
            manager.filter(pk=export.pk).update(rows_done=min(written[0], export.rows_total))


def prepare_xlsx(
    export,
    header: Row,
    rows: Iterable[Row],
    *,
    title: str,
    filename: str,
    progress_every: int = PROGRESS_EVERY,
):
    """Write `rows` under `header` into the XLSX of `export` (any model with the fields of PreparedExport and a
    `file`), recording the progress, store it privately and mark the export ready; on an error mark it failed
    and re-raise. Returns the export."""
    descriptor, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(descriptor)
    try:
        written = [0]
        xlsx_write(path, header, _counted(export, rows, written, progress_every), title=title)
        with open(path, "rb") as handle:
            export.file.save(filename, File(handle), save=False)
        export.rows_done = export.rows_total = written[0]
        export.ready_at = timezone.now()
        export.save(update_fields=["file", "rows_done", "rows_total", "ready_at"])
    except Exception:
        type(export)._default_manager.filter(pk=export.pk).update(failed=True)
        if export.file:
            export.file.delete(save=False)
        raise
    finally:
        os.unlink(path)
    return export


def delete_old_prepared(queryset, now: datetime.datetime | None = None, *, keep_days: int = KEEP_DAYS) -> int:
    """Delete the prepared exports of `queryset` older than `keep_days`, and requests neither prepared nor failed
    within a day (their background work was lost), with their files; returns how many."""
    now = now or timezone.now()
    old = queryset.filter(
        Q(created_at__lt=now - datetime.timedelta(days=keep_days))
        | Q(ready_at__isnull=True, created_at__lt=now - datetime.timedelta(days=1))
    )
    deleted = 0
    for export in old.iterator():
        if export.file:
            export.file.delete(save=False)
        export.delete()
        deleted += 1
    return deleted
