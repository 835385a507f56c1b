"""The production server survives `kill -9` of its gunicorn master in the middle of a burst of writes.

gunicorn runs with the shipped configuration (deploy/gunicorn.conf.py), the production settings and the test's
own database (PostgreSQL when DATABASE_URL says so, else SQLite); clients register people for an event through
the API over real HTTP, as nginx would pass them on (X-Forwarded-Proto: https). The test plays systemd: it kills
the master, restarts the service, waits for /healthz, and then checks that every write the server acknowledged
(201) is in the database, that the server took writes again, and that no process of the old server is left.

Two supervisors:
- control-group: like systemd's KillMode=control-group, stop what is left of the old process group, then start;
- orphans-left: start the new master at once, next to the orphaned workers. The configuration makes them exit
  on their own (SIGTERM from the kernel when the master dies), so the new master can bind the port.
"""

import http.client
import json
import secrets
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import connection

from rozwoj.accounts.models import ApiToken, Role
from rozwoj.events.models import Registration
from rozwoj.events.tests.factories import hybrid_event
from rozwoj.people.models import Person
from rozwoj.people.tests.factories import person_with_login
from tests.security.signin import give_totp

from .processes import (
    IS_LINUX,
    ROOT,
    Service,
    adopting_orphans,
    child_environment,
    database_url,
    free_port,
    healthy,
    running_members,
    wait_until,
)

pytestmark = [
    pytest.mark.deployment,
    pytest.mark.skipif(
        not IS_LINUX, reason="process groups and parent-death signals as on the Linux servers"
    ),
]

WORKERS = 2
CLIENTS = 4
ACKS_BEFORE_KILL = 30
ACKS_AFTER_RESTART = 30
PEOPLE = 600
START_TIMEOUT = 90  # seconds; a loaded machine (the suite runs on every core) starts Django slowly
RESTART_SEC = 2  # RestartSec= of deploy/systemd/rozwoj-web.service
STOP_TIMEOUT = 40  # TimeoutStopSec= of the unit: SIGKILL after that


@dataclass
class Burst:
    """Clients that each take the next person and register them; what the server acknowledged is recorded."""

    port: int
    token: str
    event_id: int
    people: list[int]
    acknowledged: dict[int, tuple[int, float]] = field(default_factory=dict)  # person -> (registration, when)
    refused: list[tuple[int, bytes]] = field(default_factory=list)  # HTTP answers other than 201
    failed: int = 0  # attempts without an answer: connection refused or reset while the server was down
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)
    _retry: list[int] = field(default_factory=list)

    def start(self) -> None:
        self._people = iter(self.people)
        self._threads = [threading.Thread(target=self._client, daemon=True) for _ in range(CLIENTS)]
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=15)

    def acks_since(self, moment: float) -> int:
        with self._lock:
            return sum(1 for _registration, when in self.acknowledged.values() if when > moment)

    def _next_person(self) -> int | None:
        with self._lock:
            return self._retry.pop() if self._retry else next(self._people, None)

    def _client(self) -> None:
        body_headers = {
            "Host": "127.0.0.1",
            "Authorization": f"Bearer {self.token}",
            "Content-Type": "application/json",
            "X-Forwarded-Proto": "https",  # TLS ends at the proxy, which says so
            "X-Forwarded-For": "203.0.113.7",
        }
        while not self._stop.is_set():
            person = self._next_person()
            if person is None:
                return
            payload = json.dumps({"mode": "online", "person_id": person})
            client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
            try:
                client.request("POST", f"/api/v1/events/{self.event_id}/registrations", payload, body_headers)
                response = client.getresponse()
                body = response.read()
            except OSError as error:  # refused, reset or timed out: not acknowledged
                with self._lock:
                    self.failed += 1
                    if isinstance(error, ConnectionRefusedError):  # nothing reached a server: try them again
                        self._retry.append(person)
                time.sleep(0.05)
                continue
            finally:
                client.close()
            with self._lock:
                if response.status == 201:
                    self.acknowledged[person] = (json.loads(body)["id"], time.monotonic())
                else:
                    self.refused.append((response.status, body[:300]))


def _gunicorn(port: int, log: Path, var_dir: Path) -> Service:
    (var_dir / "static").mkdir(parents=True, exist_ok=True)
    env = child_environment(
        DJANGO_SETTINGS_MODULE="rozwoj.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=database_url(connection.settings_dict),
        ALLOWED_HOSTS="127.0.0.1",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS=str(WORKERS),
        ROZWOJ_VAR_DIR=str(var_dir),
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        CELERY_BROKER_URL="",
        REDIS_URL="",
        PYTHONUNBUFFERED="1",
    )
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    return Service([gunicorn, "--config", str(ROOT / "deploy" / "gunicorn.conf.py")], env, log)


def _world(people: int) -> tuple[str, int, list[int]]:
    coordinator = person_with_login(Role.COORDINATOR)
    give_totp(coordinator.user)  # production settings refuse a coordinator's token without the second factor
    _token, raw = ApiToken.issue(coordinator.user, "burst")
    event = hybrid_event(seats=5)
    persons = Person.objects.bulk_create(
        Person(first_name="Uczestnik", last_name=f"Nr {n}", email=f"burst{n}@example.org")
        for n in range(people)
    )
    return raw, event.pk, [person.pk for person in persons]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("supervisor", ["control-group", "orphans-left"])
def test_acknowledged_writes_survive_kill_9_of_the_gunicorn_master(supervisor, tmp_path):
    token, event_id, people = _world(PEOPLE)
    port = free_port()
    service = _gunicorn(port, tmp_path / "gunicorn.log", tmp_path / "var")
    burst = Burst(port=port, token=token, event_id=event_id, people=people)
    with adopting_orphans():
        try:
            service.start()
            assert wait_until(lambda: healthy(port), START_TIMEOUT), service.log_tail()
            old_group = service.pgid
            burst.start()
            assert wait_until(lambda: len(burst.acknowledged) >= ACKS_BEFORE_KILL, 30), service.log_tail()

            service.kill_main()
            killed_at = time.monotonic()
            orphans = running_members(old_group)
            if supervisor == "control-group":
                assert service.stop_group(old_group, STOP_TIMEOUT), (
                    "SIGTERM did not stop the orphaned workers"
                )
            time.sleep(RESTART_SEC)
            new_master = service.start()
            assert service.wait_group_gone(old_group, STOP_TIMEOUT), (
                f"orphans left: {running_members(old_group)}"
            )
            orphans_gone_at = time.monotonic()
            # Up again: the new master is alive (it bound the port, as nothing of the old server is left to
            # answer in its place), it has workers, and the site answers.
            assert wait_until(
                lambda: (
                    new_master.poll() is None and len(running_members(new_master.pid)) > 1 and healthy(port)
                ),
                START_TIMEOUT,
            ), service.log_tail()
            up_at = time.monotonic()
            assert wait_until(lambda: burst.acks_since(up_at) >= ACKS_AFTER_RESTART, 30), service.log_tail()
            burst.stop()

            assert new_master.poll() is None, service.log_tail()
            assert not running_members(old_group)
            service.stop_group(new_master.pid)
        finally:
            burst.stop()
            service.cleanup()

    assert burst.refused == [], burst.refused[:5]
    stored = dict(
        Registration.objects.filter(event_id=event_id, person_id__in=burst.acknowledged).values_list(
            "person_id", "pk"
        )
    )
    assert stored == {person: registration for person, (registration, _when) in burst.acknowledged.items()}
    assert all(not running_members(group) for group in service.groups)
    assert orphans
    if supervisor == "orphans-left":
        # Left alone, the orphaned workers finished the request in hand and exited normally (status 0). (Under
        # control-group the supervisor's SIGTERM may meet a worker already on its way out, after Python has
        # given up its signal handlers, and end it with -15: harmless, so not asserted there.)
        assert {pid: service.exit_codes.get(pid) for pid in orphans} == dict.fromkeys(orphans, 0)
    print(  # the timings, for `pytest -s`
        f"\n[{supervisor}] {len(orphans)} orphaned workers gone {orphans_gone_at - killed_at:.2f} s and the "
        f"server up again {up_at - killed_at:.2f} s after kill -9 of the master; "
        f"{len(burst.acknowledged)} writes acknowledged ({burst.acks_since(up_at)} after the restart), "
        f"{burst.failed} attempts unanswered"
    )
