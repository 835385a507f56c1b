import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from rozwoj.events.models import (
    AgendaItem,
    AttendanceMode,
    Event,
    EventKind,
    EventStatus,
    Format,
    Registration,
    RegistrationStatus,
    Session,
)
from rozwoj.organisations.tests.factories import OrganisationFactory, VenueFactory
from rozwoj.people.tests.factories import PersonFactory


def kind(code: str = "training") -> EventKind:
    # Seeded by a data migration; recreated here because transactional tests flush the database.
    return EventKind.objects.get_or_create(code=code, defaults={"name": code.replace("_", " ")})[0]


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    kind = factory.LazyFunction(kind)
    organiser = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Szkolenie {n}")
    status = EventStatus.REGISTRATION_OPEN
    languages = factory.LazyFunction(lambda: ["pl"])


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    order = factory.Sequence(lambda n: n + 1)
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=6))
    hours = Decimal("6")
    format = Format.ON_SITE
    venue = factory.SubFactory(VenueFactory, capacity=20)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    session = factory.SubFactory(SessionFactory)
    topic = factory.Sequence(lambda n: f"Temat {n}")
    order = factory.Sequence(int)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)
    mode = AttendanceMode.ON_SITE
    status = RegistrationStatus.CONFIRMED
