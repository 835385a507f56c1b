import pytest
from django.urls import reverse

from rozwoj.accounts.tests.factories import UserFactory
from rozwoj.organisations.tests.factories import GminaFactory, OrganisationFactory, VenueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True, roles=["administrator"]))
    return client


def test_admin_lists_and_searches_the_three_models(admin_client):
    gmina = GminaFactory(name="Sulejówek")
    OrganisationFactory(name="KSAP", local_government=gmina)
    VenueFactory(name="Centrum Szkoleniowe")
    for model, query, expected in (
        ("localgovernment", "Sulej", "Sulejówek"),
        ("organisation", "KSAP", "KSAP"),
        ("venue", "Centrum", "Centrum Szkoleniowe"),
    ):
        response = admin_client.get(reverse(f"admin:organisations_{model}_changelist"), {"q": query})
        assert response.status_code == 200
        assert expected in response.content.decode()


def test_local_governments_are_read_only_in_admin(admin_client):
    gmina = GminaFactory()
    assert admin_client.get(reverse("admin:organisations_localgovernment_add")).status_code == 403
    change = admin_client.get(reverse("admin:organisations_localgovernment_change", args=[gmina.pk]))
    assert change.status_code == 200
    assert 'name="name"' not in change.content.decode()
    delete = admin_client.post(
        reverse("admin:organisations_localgovernment_delete", args=[gmina.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
