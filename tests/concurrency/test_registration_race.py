"""100 people register at the same moment for 20 on-site seats: never overbooked, no error, on SQLite and
PostgreSQL. Each thread uses its own database connection, as parallel requests would."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from rozwoj.events.models import AttendanceMode, Registration, RegistrationStatus
from rozwoj.events.services import registrations as services
from rozwoj.events.tests.factories import hybrid_event
from rozwoj.people.tests.factories import person_with_login

SEATS = 20
PEOPLE = 100
WORKERS = 40


def _register_all(event, people, online_if_full_for):
    start = threading.Event()

    def register(person):
        try:
            start.wait(timeout=10)
            registration = services.registration_create(
                actor=person.user,
                event=event,
                person=person,
                mode=AttendanceMode.ON_SITE,
                online_if_full=person.pk in online_if_full_for,
            )
            return registration.pk
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        futures = [pool.submit(register, person) for person in people]
        start.set()
        return [future.result() for future in futures]  # re-raises any error of a thread


@pytest.mark.django_db(transaction=True)
def test_100_parallel_registrations_for_20_seats_never_overbook():
    event = hybrid_event(seats=SEATS)
    people = [person_with_login() for _ in range(PEOPLE)]
    online_if_full_for = {person.pk for person in people[::2]}

    results = _register_all(event, people, online_if_full_for)

    assert len(results) == PEOPLE
    assert all(results)
    registrations = list(Registration.objects.filter(event=event))
    assert len(registrations) == PEOPLE
    on_site = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED and r.mode == "on_site"]
    online = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED and r.mode == "online"]
    waiting = [r for r in registrations if r.status == RegistrationStatus.WAITING]
    assert len(on_site) == SEATS
    # Everyone beyond the seats who accepted online is confirmed online; the others wait.
    expected_online = len(online_if_full_for - {r.person_id for r in on_site})
    assert len(online) == expected_online
    assert all(r.person_id in online_if_full_for for r in online)
    assert len(waiting) == PEOPLE - SEATS - expected_online
    assert all(r.person_id not in online_if_full_for for r in waiting)
    assert len(on_site) + len(online) + len(waiting) == PEOPLE


@pytest.mark.django_db(transaction=True)
def test_seats_are_counted_inside_the_transaction_that_locked_the_event():
    """The count of confirmed registrations runs after the event row is locked, in the same transaction."""
    event = hybrid_event(seats=SEATS)
    person = person_with_login()
    statements = []

    def record(execute, sql, params, many, context):
        statements.append((sql, connection.in_atomic_block))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        services.registration_create(actor=person.user, event=event, person=person, mode="on_site")

    lock_index = next(
        i
        for i, (sql, _atomic) in enumerate(statements)
        if sql.startswith('SELECT "events_event"')
        and '"events_event"."id" =' in sql
        and "JOIN" not in sql
        and (connection.features.has_select_for_update is False or "FOR UPDATE" in sql)
    )
    count_index = next(
        i
        for i, (sql, _atomic) in enumerate(statements)
        if "COUNT(" in sql and '"events_registration"' in sql and '"status" =' in sql
    )
    insert_index = next(
        i
        for i, (sql, _atomic) in enumerate(statements)
        if sql.startswith('INSERT INTO "events_registration"')
    )
    assert lock_index < count_index < insert_index
    assert all(atomic for _sql, atomic in statements[lock_index : insert_index + 1])
    if connection.vendor == "postgresql":
        assert "FOR UPDATE" in statements[lock_index][0]
    else:
        # SQLite: the transaction is opened IMMEDIATE, which takes the database write lock at BEGIN.
        assert connection.settings_dict["OPTIONS"].get("transaction_mode") == "IMMEDIATE"
