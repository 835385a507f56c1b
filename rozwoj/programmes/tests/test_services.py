import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from rozwoj.core.audit import history_for
from rozwoj.core.models import AuditLogEntry
from rozwoj.organisations.tests.factories import OrganisationFactory
from rozwoj.programmes import services
from rozwoj.programmes.models import Indicator, PlannedResult, Programme, ProgrammePartner

from .factories import IndicatorFactory, ProgrammeFactory, ProgrammePartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def lead():
    return OrganisationFactory(name="KSAP")


@pytest.fixture
def latvian():
    return OrganisationFactory(name="LSPA", country="LV", kind="partner_institution")


def programme_data(lead, **overrides):
    data = {
        "name": "Coaching for local government",
        "acronym": "COACH",
        "funding_programme": "Erasmus+",
        "funding_action": "KA204",
        "agreement_number": "2020-1-PL01-KA204-000001",
        "start_date": datetime.date(2020, 9, 1),
        "end_date": datetime.date(2022, 8, 31),
        "goal": "Coaching competences",
        "description": "",
        "lead_institution": lead,
        "status": "running",
        "is_public": True,
    }
    data.update(overrides)
    return data


def snapshot():
    return (
        Programme.objects.count(),
        ProgrammePartner.objects.count(),
        PlannedResult.objects.count(),
        Indicator.objects.count(),
        AuditLogEntry.objects.count(),
    )


def test_create_saves_programme_rows_and_audit(coordinator, lead, latvian):
    programme = services.programme_create(
        actor=coordinator,
        data=programme_data(lead),
        partners=[
            {"id": None, "delete": False, "organisation": latvian, "role": "partner", "description": ""}
        ],
        results=[{"id": None, "delete": False, "title": "Survey", "status": "planned", "order": 1}],
        indicators=[
            {"id": None, "delete": False, "name": "Coaches trained", "unit": "persons", "target_value": 20}
        ],
    )
    assert programme.partners.get().organisation == latvian
    assert programme.results.get().title == "Survey"
    assert programme.indicators.get().target_value == 20
    entry = history_for(programme).get()
    assert entry.action == "programme.create"
    assert entry.actor == coordinator
    assert entry.changes["partners_added"] == ["LSPA (partner)"]


@pytest.mark.parametrize("role", ["expert", "lg_member", "partner_member"])
def test_only_coordinators_may_write(request, role, lead):
    user = request.getfixturevalue(role)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.programme_create(actor=user, data=programme_data(lead))
    programme = ProgrammeFactory()
    with pytest.raises(PermissionDenied):
        services.programme_update(actor=user, programme=programme, data={"name": "Changed"})
    programme.refresh_from_db()
    assert programme.name != "Changed"
    assert snapshot()[0] == before[0] + 1


def test_update_changes_partner_role_adds_partner_and_audits(coordinator, lead, latvian):
    programme = ProgrammeFactory(lead_institution=lead)
    partner = ProgrammePartnerFactory(programme=programme, organisation=latvian, role="partner")
    greek = OrganisationFactory(name="Society in Progress", country="GR")
    services.programme_update(
        actor=coordinator,
        programme=programme,
        data={"status": "completed"},
        partners=[
            {
                "id": partner.pk,
                "delete": False,
                "organisation": latvian,
                "role": "associate",
                "description": "",
            },
            {"id": None, "delete": False, "organisation": greek, "role": "partner", "description": ""},
        ],
    )
    programme.refresh_from_db()
    assert programme.status == "completed"
    assert {(p.organisation.name, p.role) for p in programme.partners.all()} == {
        ("LSPA", "associate"),
        ("Society in Progress", "partner"),
    }
    entry = history_for(programme).get()
    assert entry.action == "programme.update"
    assert entry.changes["status"] == ["planned", "completed"]
    assert entry.changes["partners_added"] == ["Society in Progress (partner)"]
    assert "role: partner → associate" in entry.changes["partners_changed"][0]


def test_update_removes_rows(coordinator):
    programme = ProgrammeFactory()
    partner = ProgrammePartnerFactory(programme=programme)
    indicator = IndicatorFactory(programme=programme)
    services.programme_update(
        actor=coordinator,
        programme=programme,
        data={},
        partners=[{"id": partner.pk, "delete": True}],
        indicators=[{"id": indicator.pk, "delete": True}],
    )
    assert not programme.partners.exists()
    assert not programme.indicators.exists()
    assert history_for(programme).get().changes["partners_removed"]


def test_update_without_changes_writes_no_audit(coordinator):
    programme = ProgrammeFactory()
    services.programme_update(actor=coordinator, programme=programme, data={"name": programme.name})
    assert not history_for(programme).exists()


def test_update_refuses_rows_of_another_programme(coordinator):
    programme = ProgrammeFactory()
    foreign = ProgrammePartnerFactory()
    with pytest.raises(ValidationError) as error:
        services.programme_update(
            actor=coordinator,
            programme=programme,
            data={"name": "Renamed"},
            partners=[{"id": foreign.pk, "delete": True}],
        )
    assert "partners-0-id" in error.value.message_dict
    assert ProgrammePartner.objects.filter(pk=foreign.pk).exists()
    programme.refresh_from_db()
    assert programme.name != "Renamed"


@pytest.mark.parametrize(
    ("overrides", "key"),
    [
        ({"end_date": datetime.date(2020, 1, 1)}, "end_date"),
        ({"name": "EXISTING programme"}, "name"),
        ({"acronym": "exi"}, "acronym"),
    ],
)
def test_programme_rules(coordinator, lead, overrides, key):
    ProgrammeFactory(name="Existing Programme", acronym="EXI")
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        services.programme_create(actor=coordinator, data=programme_data(lead, **overrides))
    assert key in error.value.message_dict
    assert snapshot() == before


def test_partner_rules(coordinator, lead, latvian):
    before = snapshot()
    row = {"id": None, "delete": False, "role": "partner", "description": ""}
    with pytest.raises(ValidationError) as error:
        services.programme_create(
            actor=coordinator,
            data=programme_data(lead),
            partners=[
                {**row, "organisation": latvian},
                {**row, "organisation": latvian},
                {**row, "organisation": lead},
            ],
        )
    errors = error.value.message_dict
    assert "partners-0-organisation" not in errors
    assert errors["partners-1-organisation"] == ["This organisation is already a partner of the programme."]
    assert errors["partners-2-organisation"] == ["The lead institution cannot also be a partner."]
    assert snapshot() == before


def test_deleted_rows_do_not_count_as_duplicates(coordinator, latvian):
    programme = ProgrammeFactory()
    old = ProgrammePartnerFactory(programme=programme, organisation=latvian)
    services.programme_update(
        actor=coordinator,
        programme=programme,
        data={},
        partners=[
            {"id": old.pk, "delete": True},
            {"id": None, "delete": False, "organisation": latvian, "role": "associate", "description": ""},
        ],
    )
    assert programme.partners.get().role == "associate"


def test_indicator_rules(coordinator, lead):
    before = snapshot()
    row = {"id": None, "delete": False, "unit": "persons"}
    with pytest.raises(ValidationError) as error:
        services.programme_create(
            actor=coordinator,
            data=programme_data(lead),
            indicators=[
                {**row, "name": "Coaches", "target_value": Decimal("-1")},
                {**row, "name": "coaches ", "target_value": Decimal("5")},
            ],
        )
    errors = error.value.message_dict
    assert "indicators-0-target_value" in errors
    assert "indicators-1-name" in errors
    assert snapshot() == before


def test_integrity_error_from_a_race_becomes_a_validation_error(coordinator, lead):
    ProgrammeFactory(name="Coaching for local government")
    before = snapshot()
    with (
        mock.patch.object(services, "programme_errors", side_effect=[{}, {"name": ["taken"]}]),
        pytest.raises(ValidationError) as error,
    ):
        services.programme_create(actor=coordinator, data=programme_data(lead, acronym=""))
    assert error.value.message_dict == {"name": ["taken"]}
    assert snapshot() == before
