"""Processes that do not outlive their parent.

When a supervising process dies without cleaning up (``kill -9``, the OOM killer), its children are handed to
init and go on running: a gunicorn worker keeps the port, so the restarted server cannot bind it; a development
server keeps port 8000, so the next ``make run`` fails. Linux can send a child a signal the moment its parent
exits (``prctl(PR_SET_PDEATHSIG)``); gunicorn's workers and the processes of ``make run`` ask for it.

Plain Python, no Django: the gunicorn configuration imports it before the application is loaded.
"""

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1
# Set in the environment of a child that must not outlive its parent; `manage.py` honours it (see there).
DIE_WITH_PARENT_ENV = "ROZWOJ_DIE_WITH_PARENT"


def die_with_parent(sig: int = signal.SIGTERM, parent_pid: int | None = None) -> bool:
    """Have the kernel send `sig` to this process when its parent exits (Linux only).

    Returns False where the platform cannot do it. If `parent_pid` is given and the parent is already gone
    (it died before the request was made), the signal is sent at once, as the kernel would have.
    """
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) != 0:
        return False
    if parent_pid is not None and os.getppid() != parent_pid:
        os.kill(os.getpid(), sig)
    return True


def die_with_parent_if_asked() -> None:
    """For the entry point of a child started with DIE_WITH_PARENT_ENV set to "<signal>:<parent pid>".

    The variable is then rewritten to name this process, so that its own children (the development server
    that Django's autoreloader starts) die with it in turn."""
    signal_number, _, parent = os.environ.get(DIE_WITH_PARENT_ENV, "").partition(":")
    if not signal_number.isdigit():
        return
    die_with_parent(int(signal_number), parent_pid=int(parent) if parent.isdigit() else None)
    os.environ[DIE_WITH_PARENT_ENV] = f"{signal_number}:{os.getpid()}"
