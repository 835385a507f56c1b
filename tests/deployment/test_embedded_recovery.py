"""`make run` (manage.py run_embedded) and the broker-less background loop survive a kill.

run_embedded starts the development server and run_background on the test's database; the test kills its
processes with `kill -9` and checks that each comes back, and that when run_embedded itself is killed nothing of
it is left (so the next `make run` finds its port free).
"""

import os
import secrets
import signal
import sys
import time

import pytest
from django.db import connection

from .processes import (
    IS_LINUX,
    Service,
    adopting_orphans,
    child_environment,
    command_line,
    database_url,
    free_port,
    healthy,
    parent_of,
    port_is_free,
    running_members,
    wait_until,
)

pytestmark = [
    pytest.mark.deployment,
    pytest.mark.skipif(
        not IS_LINUX, reason="process groups and parent-death signals as on the Linux servers"
    ),
]

START_TIMEOUT = 90  # seconds; a loaded machine (the suite runs on every core) starts Django slowly


def _manage(tmp_path, *arguments: str) -> Service:
    var_dir = tmp_path / "var"
    var_dir.mkdir(exist_ok=True)
    env = child_environment(
        DJANGO_SETTINGS_MODULE="rozwoj.settings.dev",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=database_url(connection.settings_dict),
        ROZWOJ_VAR_DIR=str(var_dir),
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        CELERY_BROKER_URL="",
        PYTHONUNBUFFERED="1",
    )
    return Service([sys.executable, "manage.py", *arguments], env, tmp_path / "manage.log")


def _child(parent: int, command: str) -> int | None:
    """The process started by `parent` whose command line contains `command`."""
    for pid in running_members(os.getpgid(parent)):
        if parent_of(pid) == parent and command in command_line(pid):
            return pid
    return None


@pytest.mark.django_db(transaction=True)
def test_make_run_restarts_what_is_killed_and_leaves_nothing_when_killed_itself(tmp_path):
    port = free_port()
    service = _manage(tmp_path, "run_embedded", f"127.0.0.1:{port}", "--interval", "0.02")
    with adopting_orphans():
        try:
            main = service.start()
            assert wait_until(lambda: healthy(port), START_TIMEOUT), service.log_tail()
            reloader = _child(main.pid, "runserver")
            server = _child(reloader, "runserver")  # Django's autoreloader runs the server in a child
            background = _child(main.pid, "run_background")
            assert None not in (reloader, server, background), command_line(main.pid)

            # The autoreloader is killed: the server it started goes with it, both come back.
            started = time.monotonic()
            os.kill(reloader, signal.SIGKILL)
            assert wait_until(lambda: _child(main.pid, "runserver") not in (None, reloader), 10)
            assert wait_until(lambda: healthy(port), START_TIMEOUT), service.log_tail()
            server_back = time.monotonic() - started
            assert server not in running_members(main.pid)

            # The background loop is killed: it comes back.
            started = time.monotonic()
            os.kill(background, signal.SIGKILL)
            assert wait_until(lambda: _child(main.pid, "run_background") not in (None, background), 10)
            background_back = time.monotonic() - started

            # run_embedded itself is killed (as make's recipe would be): nothing is left, the port is free.
            survivors = [pid for pid in running_members(main.pid) if pid != main.pid]
            started = time.monotonic()
            service.kill_main()
            assert service.wait_group_gone(main.pid, 15), [
                command_line(pid) for pid in running_members(main.pid)
            ]
            all_gone = time.monotonic() - started
            # The kernel releases the listening socket just after its owner is reaped: allow it a moment.
            assert wait_until(lambda: port_is_free(port), 5)
        finally:
            service.cleanup()
    assert len(survivors) == 3  # the new autoreloader, its server and the new background loop
    assert "starting it again" in service.log.read_text()
    print(  # the timings, for `pytest -s`
        f"\n[make run] server back {server_back:.2f} s and background loop back {background_back:.2f} s after "
        f"kill -9; all {len(survivors)} children gone {all_gone:.2f} s after kill -9 of run_embedded"
    )


@pytest.mark.django_db(transaction=True)
def test_background_loop_stops_cleanly_on_sigterm(tmp_path):
    service = _manage(tmp_path, "run_background", "--interval", "0.01")
    with adopting_orphans():
        try:
            process = service.start()
            assert wait_until(lambda: "Reminders sent" in service.log.read_text(), START_TIMEOUT), (
                service.log_tail()
            )
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=10)
        finally:
            service.cleanup()
    assert process.returncode == 0, service.log_tail()
    assert service.log.read_text().rstrip().endswith("Stopped.")
