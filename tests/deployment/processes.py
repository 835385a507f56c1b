"""What a service manager does for a service (start it, kill its process group, reap its orphans), done by a
test. Linux only: process groups are read from /proc and orphans are adopted with PR_SET_CHILD_SUBREAPER."""

import contextlib
import ctypes
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
PR_SET_CHILD_SUBREAPER = 36
IS_LINUX = sys.platform.startswith("linux")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(settings_dict: dict) -> str:
    """The DATABASE_URL of the database the test runs on (pytest-django's test database)."""
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(settings_dict['NAME']).resolve()}"
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else f"{user}@" if user else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{credentials}{host}:{port}/{settings_dict['NAME']}"


def child_environment(**overrides: str) -> dict[str, str]:
    """The environment of this test process without its Django and database settings, plus `overrides`."""
    dropped = {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {key: value for key, value in os.environ.items() if key not in dropped}
    env.update(overrides)
    return env


def _stat(pid: int) -> tuple[str, int, int] | None:
    """(state, parent pid, process group) of a process, or None if it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = text[text.rindex(")") + 2 :].split()
    return fields[0], int(fields[1]), int(fields[2])


def command_line(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except (FileNotFoundError, ProcessLookupError):
        return []


def parent_of(pid: int) -> int | None:
    stat = _stat(pid)
    return stat[1] if stat else None


def port_is_free(port: int) -> bool:
    """Whether a server could listen on `port` now. SO_REUSEADDR, as every server sets it: connections left in
    TIME_WAIT by the killed server do not count, a process still listening does."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def group_members(pgid: int) -> dict[int, str]:
    """Processes of the process group `pgid` with their state (Z: exited, not yet reaped)."""
    members = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat is not None and stat[2] == pgid:
                members[int(entry.name)] = stat[0]
    return members


def running_members(pgid: int) -> list[int]:
    return sorted(pid for pid, state in group_members(pgid).items() if state != "Z")


def reap(pids) -> dict[int, int]:
    """Collect the exit status of those of `pids` that are this process's exited children."""
    statuses = {}
    for pid in pids:
        with contextlib.suppress(ChildProcessError):
            waited, status = os.waitpid(pid, os.WNOHANG)
            if waited == pid:
                statuses[pid] = os.waitstatus_to_exitcode(status)
    return statuses


@contextlib.contextmanager
def adopting_orphans() -> Iterator[None]:
    """Become the parent of orphaned descendants, as systemd is for the processes of its services."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER) failed")
    try:
        yield
    finally:
        libc.prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0)


def wait_until(predicate: Callable[[], object], timeout: float, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return bool(predicate())


def healthy(port: int) -> bool:
    """True when GET /healthz on 127.0.0.1:`port` answers 200 (the database answers)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


class Service:
    """A command started in a process group of its own (the service's control group, as far as a test can
    have one), with its output in a log file."""

    def __init__(self, command: list[str], env: dict[str, str], log: Path):
        self.command, self.env, self.log = command, env, log
        self.groups: list[int] = []
        self.exit_codes: dict[int, int] = {}  # of reaped processes other than the main ones
        self.process: subprocess.Popen | None = None

    def start(self) -> subprocess.Popen:
        with self.log.open("a") as output:
            output.write(f"\n===== start {time.strftime('%H:%M:%S')}: {' '.join(self.command)}\n")
            output.flush()
            self.process = subprocess.Popen(  # noqa: S603 — the command is built by the test
                self.command,
                cwd=ROOT,
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.groups.append(self.process.pid)
        return self.process

    @property
    def pgid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def kill_main(self) -> None:
        """`kill -9` of the main process; its children are left alone."""
        assert self.process is not None
        self.process.kill()
        self.process.wait(timeout=10)

    def stop_group(self, pgid: int, timeout: float = 10) -> bool:
        """What systemd does with KillMode=control-group: SIGTERM to every process left in the group, SIGKILL
        to those still there after `timeout`. True when SIGTERM was enough."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGTERM)
        if self.wait_group_gone(pgid, timeout):
            return True
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGKILL)
        self.wait_group_gone(pgid, 5)
        return False

    def wait_group_gone(self, pgid: int, timeout: float) -> bool:
        """Reap what exits; True once no process of the group is left."""

        main = self.process.pid if self.process is not None else None

        def gone() -> bool:
            if main == pgid:
                self.process.poll()  # the main process is reaped by its Popen
            self.exit_codes.update(reap(pid for pid in group_members(pgid) if pid != main))
            return not group_members(pgid)

        return wait_until(gone, timeout)

    def cleanup(self) -> None:
        """Leave nothing behind, whatever happened in the test."""
        for pgid in self.groups:
            if running_members(pgid):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pgid, signal.SIGKILL)
            self.wait_group_gone(pgid, 5)

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
