"""Helpers for the tests of area A (events and calendars)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.events.models import Format
from rozwoj.events.tests.factories import kind
from rozwoj.organisations.tests.factories import OrganisationFactory, VenueFactory

WARSAW = datetime.timezone(datetime.timedelta(hours=1))


def at(year, month, day, hour=10, minute=0) -> datetime.datetime:
    """An aware datetime in Warsaw local time."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def coordinator_user():
    return user_with_role(Role.COORDINATOR)


def event_data(**overrides) -> dict:
    data = {
        "kind": kind("training"),
        "programme": None,
        "organiser": OrganisationFactory(),
        "title": "Szkolenie hybrydowe",
        "description": "Opis **wydarzenia**",
        "audience_roles": [],
        "audience_organisation_kinds": [],
        "languages": ["pl"],
        "visibility": "public",
        "registration_opens_at": None,
        "registration_closes_at": None,
        "cancellation_deadline": None,
        "requires_approval": False,
        "online_capacity": None,
        "completion_threshold": 80,
        "reminder_days_before": 3,
    }
    data.update(overrides)
    return data


def session_data(**overrides) -> dict:
    data = {
        "order": None,
        "title": "",
        "starts_at": at(2030, 3, 26, 9),
        "ends_at": at(2030, 3, 26, 16),
        "hours": Decimal("6"),
        "format": Format.ON_SITE,
        "venue": None,
        "online_url": "",
        "onsite_seats": None,
    }
    data.update(overrides)
    if data["venue"] is None and data["format"] != Format.ONLINE and "venue" not in overrides:
        data["venue"] = VenueFactory(capacity=20)
    return data
