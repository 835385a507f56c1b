import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from rozwoj.events.services.reminders import send_due_reminders


class Command(BaseCommand):
    help = (
        "Background work for the embedded default (no broker): send due event reminders every N minutes. "
        "Stop with Ctrl+C. With Celery in production, use Celery beat instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=15, help="Minutes between runs (default 15).")
        parser.add_argument("--once", action="store_true", help="Run once and exit.")

    def handle(self, *args, interval=15, once=False, **options):
        if interval <= 0:
            raise CommandError("--interval must be a positive number of minutes.")
        if once:  # errors propagate: cron or `make` sees a failed run
            self.stdout.write(f"Reminders sent: {send_due_reminders()}")
            return
        try:
            while True:
                close_old_connections()
                try:
                    sent = send_due_reminders()
                except Exception as error:  # noqa: BLE001 — keep the loop alive; the next run retries
                    self.stderr.write(f"Reminders failed: {error!r}")
                else:
                    self.stdout.write(f"Reminders sent: {sent}")
                time.sleep(interval * 60)
        except KeyboardInterrupt:
            self.stdout.write("Stopped.")
