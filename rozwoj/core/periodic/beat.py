"""Celery beat's schedule, built from the registry of periodic jobs (no hand-written CELERY_BEAT_SCHEDULE).

Settings name `RegistryScheduler` as `CELERY_BEAT_SCHEDULER`; beat creates it after Django has loaded the apps,
so every app's jobs are registered by then. Each job becomes one entry that sends `run_periodic_job(name)`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from celery.beat import PersistentScheduler

from ..tasks import run_periodic_job
from .registry import PeriodicJob, registry


def beat_schedule(jobs: Iterable[PeriodicJob] | None = None) -> dict[str, dict[str, Any]]:
    return {
        job.name: {"task": run_periodic_job.name, "schedule": job.every, "args": (job.name,)}
        for job in (registry if jobs is None else jobs)
    }


class RegistryScheduler(PersistentScheduler):
    """Celery's persistent scheduler (last runs kept in CELERY_BEAT_SCHEDULE_FILENAME) with the registry's jobs."""

    def setup_schedule(self) -> None:
        self.app.conf.beat_schedule = beat_schedule()
        super().setup_schedule()
