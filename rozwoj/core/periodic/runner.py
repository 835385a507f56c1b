"""Running periodic jobs and recording their last run.

A job is due when its period has passed since the start of its last recorded run (`PeriodicJobRun`), so a
restarted loop does not repeat a daily job. A runner *claims* a due job with a conditional UPDATE before running
it: two loops (or a loop and cron) never run the same job twice. A job that fails is logged, its error recorded
and its claim released, so the next pass tries again; it never stops the other jobs.
"""

from __future__ import annotations

import datetime
import logging
import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from ..models import PeriodicJobRun
from .registry import PeriodicJob, registry

logger = logging.getLogger("rozwoj.periodic")

_MISSING = object()


@dataclass(frozen=True)
class JobOutcome:
    job: PeriodicJob
    ran: bool  # False: not due yet, or another runner claimed it first
    result: Any = None
    error: BaseException | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None


def is_due(job: PeriodicJob, last_run_at: datetime.datetime | None, now: datetime.datetime) -> bool:
    return last_run_at is None or now - last_run_at >= job.every


def _claim(job: PeriodicJob, now: datetime.datetime, *, force: bool) -> Any:
    """Mark the job as started at `now`; returns the previous start (None if never), or _MISSING when the job
    is not due or another runner claimed it in between."""
    record, _created = PeriodicJobRun.objects.get_or_create(name=job.name)
    previous = record.last_run_at
    if force:
        PeriodicJobRun.objects.filter(pk=record.pk).update(last_run_at=now)
        return previous
    if not is_due(job, previous, now):
        return _MISSING
    if not PeriodicJobRun.objects.filter(pk=record.pk, last_run_at=previous).update(last_run_at=now):
        return _MISSING
    return previous


def _execute(job: PeriodicJob, now: datetime.datetime, previous: datetime.datetime | None) -> JobOutcome:
    try:
        result = job()
    except Exception as error:  # noqa: BLE001 — one failing job must not stop the others
        logger.exception("Periodic job %s failed.", job.name)
        PeriodicJobRun.objects.filter(name=job.name).update(
            last_failed_at=timezone.now(), last_error="".join(traceback.format_exception(error))[-4000:]
        )
        # Release the claim so that the next pass tries again.
        PeriodicJobRun.objects.filter(name=job.name, last_run_at=now).update(last_run_at=previous)
        return JobOutcome(job, ran=True, error=error)
    PeriodicJobRun.objects.filter(name=job.name).update(
        last_finished_at=timezone.now(), last_result=str(result)[:200], last_error=""
    )
    logger.info("Periodic job %s: %s: %s", job.name, job.label, result)
    return JobOutcome(job, ran=True, result=result)


def run_job(job: PeriodicJob, *, now: datetime.datetime | None = None, force: bool = True) -> JobOutcome:
    """Run `job` and record the run. `force` (Celery beat, `run_background --job`) runs it whether due or not;
    without it the job runs only when due and not claimed by another runner."""
    now = now or timezone.now()
    previous = _claim(job, now, force=force)
    if previous is _MISSING:
        return JobOutcome(job, ran=False)
    return _execute(job, now, previous)


def run_due_jobs(
    *, now: datetime.datetime | None = None, jobs: Iterable[PeriodicJob] | None = None
) -> list[JobOutcome]:
    """One pass: run every registered job (or those of `jobs`) that is due at `now`, one after another."""
    now = now or timezone.now()
    return [run_job(job, now=now, force=False) for job in (registry if jobs is None else jobs)]
