import pytest
from django.urls import reverse

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import user_with_role

from .factories import IndicatorFactory, PlannedResultFactory, ProgrammeFactory, ProgrammePartnerFactory

pytestmark = pytest.mark.django_db


def test_admin_lists_and_shows_programme_with_inlines(client):
    admin = user_with_role(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    programme = ProgrammeFactory(acronym="COACH")
    ProgrammePartnerFactory(programme=programme)
    PlannedResultFactory(programme=programme, title="Survey")
    IndicatorFactory(programme=programme)
    client.force_login(admin)
    response = client.get(reverse("admin:programmes_programme_changelist"))
    assert response.status_code == 200
    assert "COACH" in response.text
    response = client.get(reverse("admin:programmes_programme_change", args=[programme.pk]))
    assert response.status_code == 200
    assert "Survey" in response.text
    assert "partners-TOTAL_FORMS" in response.text
