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
        "Stop with Ctrl+C. With Celery in production, use Celery beat instead."
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
        try:
            while True:
                close_old_connections()
                for label, job in JOBS:
                    try:
                        done = job()
                    except Exception as error:  # noqa: BLE001 — keep the loop alive; the next run retries
                        self.stderr.write(f"{job.__name__} failed: {error!r}")
                    else:
                        self.stdout.write(f"{label}: {done}")
                time.sleep(interval * 60)
        except KeyboardInterrupt:
            self.stdout.write("Stopped.")
