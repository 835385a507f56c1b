"""Periodic jobs: each app registers its own in `<app>/jobs.py`; both runners take them from this registry.

    from datetime import timedelta
    from rozwoj.core.periodic import periodic_job

    @periodic_job(every=timedelta(minutes=15), label="Reminders sent")
    def send_reminders() -> int:
        return send_due_reminders()

`manage.py run_background` (the embedded default, or cron with `--once`) runs every job whose period has passed
since its recorded last run; in production Celery beat schedules the same jobs (`beat.RegistryScheduler`).
"""

from .registry import JobRegistry, PeriodicJob, periodic_job, registry
from .runner import JobOutcome, run_due_jobs, run_job

__all__ = ["JobOutcome", "JobRegistry", "PeriodicJob", "periodic_job", "registry", "run_due_jobs", "run_job"]
