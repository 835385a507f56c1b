"""/healthz answers 503 JSON, never 500, when the database (or a configured shared cache) is down, whatever
cookies the request carries: a signed-in browser's session cookie must not make it load the session from the
database that is down."""

import contextlib
import socket

import pytest
from django.db import connection

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import user_with_role

pytestmark = pytest.mark.django_db(transaction=True)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def database_down(tmp_path):
    """Point the default connection at a database that cannot be reached: PostgreSQL on a closed port of this
    machine, or an SQLite file in a folder that does not exist."""
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "postgresql":
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(_closed_port()))
    else:
        connection.settings_dict["NAME"] = str(tmp_path / "missing" / "db.sqlite3")
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


def _sign_in(client) -> None:
    """The cookies of a signed-in browser: session, CSRF token and language."""
    client.force_login(user_with_role(Role.COORDINATOR))
    client.get("/")
    client.cookies["rozwoj_language"] = "en"
    assert {"sessionid", "csrftoken"} <= set(client.cookies)


def test_healthz_answers_200_with_the_database_up(client):
    _sign_in(client)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_json_when_the_database_is_down(client, tmp_path):
    with database_down(tmp_path):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "unavailable", "database": "down"}


def test_a_session_cookie_does_not_turn_the_503_into_a_500(client, tmp_path):
    _sign_in(client)
    with database_down(tmp_path):
        response = client.get("/healthz")
        head = client.head("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "down"}
    assert head.status_code == 503


def test_healthz_reports_a_shared_cache_that_is_down(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{_closed_port()}/0",
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "up", "cache": "down"}
