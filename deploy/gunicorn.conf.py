"""gunicorn configuration of Rozwój (production): `gunicorn --config deploy/gunicorn.conf.py` (it names the app).

Values come from the environment (the systemd unit reads /etc/rozwoj/rozwoj.env); a command-line option
overrides this file.

Recovery after a crash of the master (`kill -9`, the OOM killer). Each worker asks the kernel for SIGTERM the
moment the master exits (`post_worker_init` below): it finishes the request in hand, answers it, and exits,
which releases the listening socket. gunicorn itself only notices a changed parent between requests once its
socket is idle (up to `timeout / 2` seconds, and not at all under steady traffic), so without this the orphans
keep the port and a restarted master fails to bind it. A new master retries binding for five seconds, and
systemd (`KillMode=control-group`) also stops whatever is left of the old process group before it restarts the
service.

`reuse_port` stays off: with it, gunicorn gives every worker a listening socket of its own, the kernel spreads
connections over them by address hash instead of handing each to an idle worker (a slow request, such as an
attendance-list PDF, then holds up the connections queued behind it), and the connections waiting on a worker
that exits for `max_requests` are reset. It would also let a second, forgotten server on the same port take
part of the traffic silently.
"""

import os
import signal

from rozwoj.core.process import die_with_parent


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the CPUs this service may use (cgroup/affinity limits)
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


wsgi_app = "rozwoj.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
# Synchronous workers behind nginx, which buffers slow clients: two per CPU plus one.
workers = int(os.environ.get("GUNICORN_WORKERS") or 2 * _cpu_count() + 1)
worker_class = "sync"
# A request may take at most this long (attendance lists above ROZWOJ_ATTENDANCE_LIST_INLINE_ROWS rows are
# prepared in the background for that reason); a worker stuck longer is killed and replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On SIGTERM (systemctl stop/restart) workers finish the requests in hand within this time.
graceful_timeout = 30
# Replace each worker after about a thousand requests, so that a slow leak cannot grow without end.
max_requests = 1000
max_requests_jitter = 100
backlog = 2048
reuse_port = False

# nginx on the same machine terminates TLS; trust its X-Forwarded-* headers only from there.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Django logs one JSON line per request; gunicorn reports only its own events, to stderr (the journal).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
capture_output = False
proc_name = "rozwoj"
# gunicorn's control socket (for `gunicornc`): only where the unit gives it a private place (/run/rozwoj-web),
# never the shared default under $HOME.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket


def post_worker_init(worker):
    """The worker exits (gracefully) when the master does, instead of serving on as an orphan."""
    die_with_parent(signal.SIGTERM)
    if os.getppid() != worker.ppid:  # the master died while this worker was starting
        worker.alive = False
