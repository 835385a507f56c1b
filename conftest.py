"""Shared test set-up: no network, roles as fixtures, the var/ directory for SQLite test files."""

import socket
from pathlib import Path

import pytest

Path(__file__).resolve().parent.joinpath("var").mkdir(exist_ok=True)

_real_connect = socket.socket.connect
_LOCAL = ("127.", "::1", "localhost")


def _guarded_connect(self, address):
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and not host.startswith(_LOCAL) and not host.startswith("/"):
        raise RuntimeError(f"Tests must not reach the network (tried {address!r}).")
    return _real_connect(self, address)


socket.socket.connect = _guarded_connect


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: renderings keyed by content stamps (the home page's sections, the
    news list's counts) would otherwise outlive the test database's rollback, which gives the stamps again."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _english_free_defaults(settings):
    """Tests see the product as shipped: Polish first."""
    settings.LANGUAGE_CODE = "pl"


def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist (`make test` runs on every core), the tests that start and kill server processes run on
    one worker, one after the other: they share a broker and watch process groups and ports."""
    for item in items:
        if item.get_closest_marker("deployment"):
            item.add_marker(pytest.mark.xdist_group("deployment"))


def _flushes_database(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return "transactional_db" in getattr(item, "fixturenames", ()) or bool(
        marker and marker.kwargs.get("transaction")
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional or browser test ends with the database flushed, seeded reference data included; put it back
    for the tests after it on the same worker (whichever order pytest-xdist gives them)."""
    yield
    if nextitem is not None and _flushes_database(item):  # the last test: nothing after it (and no database)
        from django.db import connections
        from pytest_django.plugin import blocking_manager_key

        from tests.reference_data import reseed

        with item.config.stash[blocking_manager_key].unblock():
            reseed()
            # Outside any test, the connection may belong to another context than the one that drops the test
            # database at the end (a browser test's greenlets): left open, PostgreSQL refuses to drop it.
            connections.close_all()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, and before it is dropped, no session left on it: a connection opened in
    another thread or context (a live server's request, a browser test's greenlet) and never closed makes
    PostgreSQL refuse to drop the database at the end of the run."""
    yield
    from django.db import connection, connections

    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
        connections.close_all()
