"""`make run`: the development server and the broker-less background loop, watched and stopped as one.

- A process that ends on its own after it had started (`kill -9`, a crash) is started again.
- One that reports an error within a few seconds of its start did not start at all (port in use, broken
  settings): everything stops, with its exit status.
- Ctrl+C, SIGTERM, or the end of whatever started this command (the parent-death signal: `make` killed with
  `kill -9`) stop both; each child in turn takes its own children with it (see rozwoj.core.process), so no
  orphaned server keeps the port for the next `make run`.
"""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from rozwoj.core.process import DIE_WITH_PARENT_ENV, die_with_parent

STARTUP_SECONDS = 5.0
RESTART_DELAY = 1.0
STOP_TIMEOUT = 10.0


def _failed_to_start(status: int, uptime: float) -> bool:
    """An error exit (1: an exception, `CommandError`, port in use; 2: bad arguments) soon after the start. A
    process killed by a signal (negative status, or 128 and above from a parent that passes it on) is restarted."""
    return 0 < status < 128 and uptime < STARTUP_SECONDS


class Command(BaseCommand):
    help = (
        "Serve the site (runserver) and run the background loop (run_background) together; restart either "
        "if it dies, stop both on Ctrl+C. What `make run` starts."
    )
    requires_system_checks: list = []  # runserver checks, in its own process

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000", help="Address of the server.")
        parser.add_argument(
            "--interval", type=float, default=15, help="Minutes between background runs (default 15)."
        )

    def handle(self, *args, addrport="127.0.0.1:8000", interval=15, **options):
        if interval <= 0:
            raise CommandError("--interval must be a positive number of minutes.")
        manage = [sys.executable, str(settings.PROJECT_DIR / "manage.py")]
        self.commands = {
            "server": [*manage, "runserver", addrport],
            "background": [*manage, "run_background", "--interval", str(interval)],
        }
        self.stopping = False
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(signum, self._stop)
        die_with_parent(signal.SIGTERM)
        running = {name: self._start(name) for name in self.commands}
        try:
            failure = self._watch(running)
        finally:
            self._terminate(running)
        if failure:
            raise CommandError(failure)

    def _stop(self, signum, frame):
        self.stopping = True

    def _start(self, name: str) -> tuple[subprocess.Popen, float]:
        env = {**os.environ, DIE_WITH_PARENT_ENV: f"{int(signal.SIGTERM)}:{os.getpid()}"}
        process = subprocess.Popen(self.commands[name], env=env)  # noqa: S603 — our own manage.py
        return process, time.monotonic()

    def _watch(self, running: dict) -> str | None:
        while not self.stopping:
            time.sleep(0.2)
            for name, (process, started) in list(running.items()):
                status = process.poll()
                if status is None or self.stopping:
                    continue
                if _failed_to_start(status, time.monotonic() - started):
                    return f"The {name} process did not start (exit status {status})."
                self.stderr.write(f"The {name} process ended (exit status {status}); starting it again.")
                time.sleep(RESTART_DELAY)
                running[name] = self._start(name)
        return None

    def _terminate(self, running: dict) -> None:
        for process, _started in running.values():
            if process.poll() is None:
                process.terminate()
        deadline = time.monotonic() + STOP_TIMEOUT
        for process, _started in running.values():
            try:
                process.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
