"""40 people join a pilot group of 10 places at the same moment: never more members than places, every request
answered (joined or "the group is full"), on SQLite and PostgreSQL."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from rozwoj.accounts.models import Role
from rozwoj.coaching.models import PilotGroupMember
from rozwoj.coaching.services import pilot_group_member_add
from rozwoj.coaching.tests.factories import PilotGroupFactory
from rozwoj.people.tests.factories import PersonFactory, person_with_login

PLACES = 10
PEOPLE = 40


@pytest.mark.django_db(transaction=True)
def test_parallel_joins_never_fill_more_places_than_the_group_has():
    coordinator = person_with_login(Role.COORDINATOR).user
    group = PilotGroupFactory(capacity=PLACES)
    people = [PersonFactory() for _ in range(PEOPLE)]
    start = threading.Event()

    def join(person):
        try:
            start.wait(timeout=10)
            pilot_group_member_add(actor=coordinator, group=group, person=person)
            return "joined"
        except ValidationError:
            return "full"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=20) as pool:
        futures = [pool.submit(join, person) for person in people]
        start.set()
        outcomes = [future.result() for future in futures]

    assert outcomes.count("joined") == PLACES
    assert outcomes.count("full") == PEOPLE - PLACES
    assert PilotGroupMember.objects.filter(group=group).count() == PLACES
