import datetime
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rozwoj.people import services
from rozwoj.people.models import Person
from rozwoj.people.tests.factories import PersonFactory


def test_create_requires_coordinator(world):
    with pytest.raises(PermissionDenied):
        services.person_create(actor=world["lg_member"].user, data={"first_name": "A", "last_name": "B"})


def test_create_race_on_email_becomes_field_error(world):
    """Two requests passing the form check at once: the database constraint decides, as a field error."""
    coordinator = world["coordinator"].user
    with (
        mock.patch.object(services, "email_in_use", return_value=False),
        pytest.raises(ValidationError) as info,
    ):
        services.person_create(
            actor=coordinator,
            data={"first_name": "A", "last_name": "B", "email": world["teacher_a"].email.upper()},
        )
    assert "email" in info.value.message_dict
    assert not Person.objects.filter(first_name="A", last_name="B").exists()


def test_update_race_on_email_keeps_old_values(world):
    coordinator = world["coordinator"].user
    person = PersonFactory(email="stary@example.org")
    with mock.patch.object(services, "email_in_use", return_value=False), pytest.raises(ValidationError):
        services.person_update(
            actor=coordinator, person=person, data={"email": world["teacher_a"].email, "first_name": "Nowe"}
        )
    person.refresh_from_db()
    assert person.email == "stary@example.org"
    assert person.first_name != "Nowe"


def test_membership_dates_checked_in_service(world):
    with pytest.raises(ValidationError):
        services.membership_create(
            actor=world["coordinator"].user,
            person=world["outsider"],
            data={
                "organisation": world["school_a"],
                "position": "",
                "start_date": datetime.date(2025, 1, 2),
                "end_date": datetime.date(2025, 1, 1),
            },
        )


def test_update_own_refuses_other_person(world):
    with pytest.raises(PermissionDenied):
        services.person_update_own(
            actor=world["lg_member"].user, person=world["teacher_a"], data={"first_name": "X"}
        )


def test_grant_login_refuses_existing_user_email(world, mailoutbox):
    from rozwoj.accounts.tests.factories import UserFactory

    UserFactory(email="login@example.org")
    person = PersonFactory(email="LOGIN@example.org")
    with pytest.raises(ValidationError):
        services.person_grant_login(actor=world["coordinator"].user, person=person, request=None)
    assert mailoutbox == []


def test_set_roles_without_login(world):
    with pytest.raises(ValidationError):
        services.person_set_roles(
            actor=world["coordinator"].user, person=world["teacher_a"], roles=["expert"]
        )


def test_signup_adapter_links_existing_person(world):
    user = world["no_role"]
    person = PersonFactory(email=user.email.upper())
    linked = services.person_for_new_user(user=user, first_name="X", last_name="Y")
    assert linked == person


def test_erase_handles_integrity_of_person_without_login(world):
    person = services.person_erase(actor=world["coordinator"].user, person=world["outsider"])
    assert person.first_name == "Usunięta osoba"
    assert person.memberships.count() == 0
