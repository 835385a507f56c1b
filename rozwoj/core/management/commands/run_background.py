import logging
import signal
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils import formats, timezone

from rozwoj.core.models import PeriodicJobRun
from rozwoj.core.periodic import JobOutcome, registry, run_due_jobs, run_job

logger = logging.getLogger("rozwoj.periodic")


class Command(BaseCommand):
    help = (
        "Background work for the embedded default (no broker): every N minutes, run each app's periodic jobs "
        "whose period is over (event reminders every 15 minutes, clean-ups daily, ...). SIGTERM or Ctrl+C stop it "
        "after the pass in hand (a second one at once). "
        "With Celery in production, Celery beat schedules the same jobs instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=15, help="Minutes between passes (default 15).")
        parser.add_argument(
            "--once", action="store_true", help="One pass over the due jobs, then exit (cron)."
        )
        parser.add_argument(
            "--job",
            action="append",
            default=[],
            metavar="NAME",
            help="Run this job now, due or not, and exit (repeatable; see --list).",
        )
        parser.add_argument(
            "--list",
            dest="list_jobs",
            action="store_true",
            help="List the jobs and their last runs, then exit.",
        )

    def handle(self, *args, interval=15, once=False, job=(), list_jobs=False, **options):
        if interval <= 0:
            raise CommandError("--interval must be a positive number of minutes.")
        self.verbosity = options.get("verbosity", 1)
        if list_jobs:
            self._list()
        elif job:
            self._finish([run_job(self._job(name)) for name in job])
        elif once:
            self._finish(run_due_jobs())
        else:
            self._loop(interval)

    def _job(self, name):
        try:
            return registry.get(name)
        except KeyError:
            raise CommandError(f"No periodic job {name!r}; known: {', '.join(registry.names())}.") from None

    def _list(self):
        runs = {run.name: run for run in PeriodicJobRun.objects.all()}
        for job in registry:
            run = runs.get(job.name)
            last = (
                formats.localize(timezone.localtime(run.last_run_at)) if run and run.last_run_at else "never"
            )
            self.stdout.write(f"{job.name}  every {job.every}  last run: {last}")

    def _report(self, outcomes: list[JobOutcome]) -> int:
        failed = 0
        for outcome in outcomes:
            if outcome.failed:
                failed += 1
                self.stderr.write(f"{outcome.job.name} failed: {outcome.error!r}")
            elif outcome.ran:
                self.stdout.write(f"{outcome.job.label}: {outcome.result}")
            elif self.verbosity > 1:
                self.stdout.write(f"{outcome.job.name}: not due")
        return failed

    def _finish(self, outcomes: list[JobOutcome]) -> None:
        """Report a single pass; a failed job makes the command fail (after the others ran) so cron sees it."""
        failed = self._report(outcomes)
        if failed:
            raise CommandError(f"{failed} periodic job(s) failed; see above.")

    def _loop(self, interval: float) -> None:
        self.stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        try:
            while not self.stopping:
                close_old_connections()
                try:
                    self._report(run_due_jobs())
                except Exception as error:  # noqa: BLE001 — e.g. the database is away: the next pass retries
                    logger.exception("A pass over the periodic jobs failed.")
                    self.stderr.write(f"The pass failed: {error!r}")
                self._sleep(interval * 60)
        except KeyboardInterrupt:  # a second signal while stopping
            pass
        self.stdout.write("Stopped.")

    def _stop(self, signum, frame):
        """The first signal lets the pass in hand finish (its e-mails leave after its commits); a second one
        interrupts it."""
        if self.stopping:
            raise KeyboardInterrupt
        self.stopping = True

    def _sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.stopping and (left := deadline - time.monotonic()) > 0:
            time.sleep(min(left, 0.5))
