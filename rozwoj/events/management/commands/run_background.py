import signal
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from rozwoj.events.services.attendance_lists import attendance_lists_delete_old
from rozwoj.events.services.reminders import send_due_reminders

# What runs on each pass, with the words that report how many things it did.
JOBS = [
    ("Reminders sent", send_due_reminders),
    ("Old attendance lists deleted", attendance_lists_delete_old),
]


class Command(BaseCommand):
    help = (
        "Background work for the embedded default (no broker): every N minutes, send due event reminders and "
        "delete prepared attendance lists past their keeping time. "
        "SIGTERM or Ctrl+C stop it after the job in hand (a second one at once). "
        "With Celery in production, use Celery beat instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=15, help="Minutes between runs (default 15).")
        parser.add_argument("--once", action="store_true", help="Run once and exit.")

    def handle(self, *args, interval=15, once=False, **options):
        if interval <= 0:
            raise CommandError("--interval must be a positive number of minutes.")
        if once:  # errors propagate: cron or `make` sees a failed run
            for label, job in JOBS:
                self.stdout.write(f"{label}: {job()}")
            return
        self.stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        try:
            while not self.stopping:
                self._run_jobs()
                self._sleep(interval * 60)
        except KeyboardInterrupt:  # a second signal while stopping
            pass
        self.stdout.write("Stopped.")

    def _stop(self, signum, frame):
        """The first signal lets the job in hand finish (its e-mails leave after its commit); a second one
        interrupts it."""
        if self.stopping:
            raise KeyboardInterrupt
        self.stopping = True

    def _run_jobs(self):
        close_old_connections()
        for label, job in JOBS:
            if self.stopping:
                return
            try:
                done = job()
            except Exception as error:  # noqa: BLE001 — keep the loop alive; the next run retries
                self.stderr.write(f"{job.__name__} failed: {error!r}")
            else:
                self.stdout.write(f"{label}: {done}")

    def _sleep(self, seconds):
        deadline = time.monotonic() + seconds
        while not self.stopping and (left := deadline - time.monotonic()) > 0:
            time.sleep(min(left, 0.5))
