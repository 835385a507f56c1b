import pytest

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.people.tests.factories import local_government_member, person_with_login


@pytest.fixture
def coordinator(db):
    return user_with_role(Role.COORDINATOR)


@pytest.fixture
def expert(db):
    return user_with_role(Role.EXPERT)


@pytest.fixture
def lg_member(db):
    return local_government_member().user


@pytest.fixture
def partner_member(db):
    return person_with_login(Role.PARTNER_MEMBER).user


@pytest.fixture
def as_user(client):
    """Log the test client in as `user` (None stays anonymous) and return it."""

    def do(user):
        if user is not None:
            client.force_login(user)
        return client

    return do
