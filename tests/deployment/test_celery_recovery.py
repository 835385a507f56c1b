"""A Celery worker killed in the middle of a task loses nothing: the next worker does the task.

A real worker (production settings) takes an e-mail from a RabbitMQ queue of the test's own; the test's SMTP
server holds the first connection without answering, so the task is in the middle of its work when the test
kills the worker as systemd would (kill -9 of the main process, then SIGKILL to the rest of its control group).
A new worker starts; the e-mail must arrive, once. Without late acknowledgement the broker would have forgotten
the task as soon as the first worker took it.
"""

import os
import secrets
import signal
import socket
import sys
import threading
import time
from pathlib import Path

import pytest
from celery import Celery

from .processes import IS_LINUX, Service, adopting_orphans, child_environment, wait_until

pytestmark = [
    pytest.mark.deployment,
    pytest.mark.skipif(not IS_LINUX, reason="process groups as on the Linux servers"),
]

BROKER_URL = os.environ.get("ROZWOJ_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672//")
START_TIMEOUT = 90  # seconds; a loaded machine (the suite runs on every core) starts Django slowly


def _broker_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5672), timeout=2):
            return True
    except OSError:
        return False


class SmtpServer:
    """Holds the first connection open without a word (the sending task hangs); receives mail on the others."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.held: list[socket.socket] = []
        self.messages: list[bytes] = []
        self.first_connection = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def close(self):
        for connection in [self.listener, *self.held]:
            connection.close()

    def _serve(self):
        while True:
            try:
                connection, _address = self.listener.accept()
            except OSError:
                return
            if not self.first_connection.is_set():
                self.held.append(connection)
                self.first_connection.set()
                continue
            with connection:
                self._converse(connection)

    def _converse(self, connection):
        reader = connection.makefile("rb")
        connection.sendall(b"220 test SMTP\r\n")
        for line in reader:
            command = line.strip().upper()
            if command.startswith((b"EHLO", b"HELO", b"MAIL", b"RCPT", b"RSET", b"NOOP")):
                connection.sendall(b"250 OK\r\n")
            elif command == b"DATA":
                connection.sendall(b"354 go on\r\n")
                data = b"".join(iter(reader.readline, b".\r\n"))
                self.messages.append(data)
                connection.sendall(b"250 queued\r\n")
            elif command == b"QUIT":
                connection.sendall(b"221 bye\r\n")
                return
            else:
                connection.sendall(b"502 not here\r\n")


def _worker(queue: str, smtp_port: int, tmp_path: Path) -> Service:
    env = child_environment(
        DJANGO_SETTINGS_MODULE="rozwoj.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        ROZWOJ_VAR_DIR=str(tmp_path),
        CELERY_BROKER_URL=BROKER_URL,
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        PYTHONUNBUFFERED="1",
    )
    celery = str(Path(sys.executable).with_name("celery"))
    command = [celery, "--app", "rozwoj", "worker", "--queues", queue, "--hostname", f"{queue}@%h"]
    command += ["--concurrency", "1", "--without-gossip", "--without-mingle", "--loglevel", "INFO"]
    return Service(command, env, tmp_path / "worker.log")


@pytest.mark.skipif(not _broker_reachable(), reason="RabbitMQ is not reachable on 127.0.0.1:5672")
def test_a_task_whose_worker_is_killed_is_done_by_the_next_worker(tmp_path):
    queue = f"rozwoj-test-{secrets.token_hex(6)}"
    smtp = SmtpServer()
    producer = Celery("rozwoj-test-producer", broker=BROKER_URL, set_as_current=False)
    service = _worker(queue, smtp.port, tmp_path)
    payload = {"subject": "Przypomnienie: szkolenie", "body": "Do zobaczenia.", "to": "ktos@example.org"}
    with adopting_orphans():
        try:
            first = service.start()
            producer.send_task("rozwoj.notifications.tasks.send_email", args=[payload], queue=queue)
            assert smtp.first_connection.wait(START_TIMEOUT), service.log_tail()
            killed_at = time.monotonic()
            service.kill_main()  # kill -9 of the worker's main process, then, as KillMode=mixed does, the rest
            os.killpg(first.pid, signal.SIGKILL)
            assert service.wait_group_gone(first.pid, 10)

            service.start()
            assert wait_until(lambda: smtp.messages, START_TIMEOUT), service.log_tail()
            delivered_after = time.monotonic() - killed_at
            time.sleep(1)  # time enough for a second delivery, if there were one
            service.stop_group(service.pgid)
        finally:
            service.cleanup()
            smtp.close()
            with producer.connection_for_write() as connection:
                connection.default_channel.queue_delete(queue)
                connection.default_channel.exchange_delete(queue)
            producer.close()
    assert len(smtp.messages) == 1
    assert b"Subject: Przypomnienie: szkolenie" in smtp.messages[0]
    print(
        f"\n[celery] the e-mail left {delivered_after:.2f} s after kill -9 of the worker in the middle of it"
    )
