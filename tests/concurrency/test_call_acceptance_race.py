"""Forty applications accepted at the same moment into a call of ten places: exactly ten accepted, the rest
refused with a message, on SQLite and PostgreSQL. Each thread uses its own connection, as parallel requests do."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.advisory.models import Application, ApplicationStatus, Call, Engagement
from rozwoj.advisory.services.calls import application_decide
from rozwoj.advisory.tests.factories import ApplicationFactory, CallFactory

PLACES = 10
APPLICATIONS = 40
WORKERS = 20


@pytest.mark.django_db(transaction=True)
def test_parallel_acceptances_never_exceed_the_places():
    call = CallFactory(places=PLACES)
    applications = [ApplicationFactory(call=call, members=3) for _ in range(APPLICATIONS)]
    coordinator = user_with_role("coordinator")
    start = threading.Event()

    def accept(application):
        try:
            start.wait(timeout=10)
            application_decide(actor=coordinator, application=application, status="accepted")
            return "accepted"
        except ValidationError:
            return "refused"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        futures = [pool.submit(accept, application) for application in applications]
        start.set()
        results = [future.result() for future in futures]

    assert results.count("accepted") == PLACES
    assert results.count("refused") == APPLICATIONS - PLACES
    assert Application.objects.filter(call=call, status=ApplicationStatus.ACCEPTED).count() == PLACES
    assert Engagement.objects.filter(call=call).count() == PLACES
    assert Call.objects.get(pk=call.pk).accepted_count == PLACES


@pytest.mark.django_db(transaction=True)
def test_the_same_application_accepted_twice_at_once_takes_one_place():
    call = CallFactory(places=5)
    application = ApplicationFactory(call=call)
    coordinator = user_with_role("coordinator")
    start = threading.Event()

    def accept(_):
        try:
            start.wait(timeout=10)
            application_decide(actor=coordinator, application=application, status="accepted")
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(accept, index) for index in range(4)]
        start.set()
        for future in futures:
            future.result()
    assert Call.objects.get(pk=call.pk).accepted_count == 1
    assert Engagement.objects.filter(call=call).count() == 1
