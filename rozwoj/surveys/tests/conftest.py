import pytest

from rozwoj.accounts.models import Role
from rozwoj.people.tests.factories import PersonFactory, person_with_login


@pytest.fixture
def coordinator(db):
    return person_with_login(Role.COORDINATOR).user


@pytest.fixture
def expert(db):
    return person_with_login(Role.EXPERT).user


@pytest.fixture
def participants(db):
    return [PersonFactory() for _ in range(3)]
