import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.core.models import AuditLogEntry
from rozwoj.organisations import services
from rozwoj.organisations.models import Organisation
from rozwoj.organisations.services import organisation_create, organisation_update, venue_create
from rozwoj.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_only_coordinators_may_write(expert):
    with pytest.raises(PermissionDenied):
        organisation_create(actor=expert, data={"name": "X", "kind": "ngo", "country": "PL"})
    with pytest.raises(PermissionDenied):
        venue_create(
            actor=user_with_role(None), data={"name": "X", "address": "a", "city": "c", "capacity": 1}
        )
    assert not Organisation.objects.exists()


def test_update_without_changes_writes_no_audit_entry(coordinator):
    organisation = OrganisationFactory(name="ORE")
    assert organisation_update(actor=coordinator, organisation=organisation, data={"name": "ORE"}) == {}
    assert not AuditLogEntry.objects.exists()


def test_a_race_on_the_unique_name_becomes_a_field_error(coordinator, monkeypatch):
    """Two coordinators save the same name at once: the loser gets a field error, not a 500."""
    monkeypatch.setattr(services, "organisation_duplicate_errors", lambda data, exclude_pk=None: {})
    OrganisationFactory(name="KSAP", country="PL")
    with pytest.raises(ValidationError) as caught:
        organisation_create(actor=coordinator, data={"name": "ksap", "kind": "ngo", "country": "PL"})
    assert "name" in caught.value.message_dict
    assert Organisation.objects.count() == 1
    assert not AuditLogEntry.objects.exists()


def test_database_refuses_duplicates_too():
    OrganisationFactory(name="KSAP", country="PL")
    with pytest.raises(IntegrityError):
        OrganisationFactory(name="ksap", country="PL")
