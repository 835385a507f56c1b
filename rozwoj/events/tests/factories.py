"""Factories and helpers for the tests of the events app."""

import datetime
import io
import itertools
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.events.models import (
    AgendaItem,
    AttendanceMode,
    Event,
    EventKind,
    EventStatus,
    EventTrainer,
    Format,
    Registration,
    RegistrationStatus,
    Session,
)
from rozwoj.organisations.tests.factories import OrganisationFactory, VenueFactory
from rozwoj.people.tests.factories import MembershipFactory, PersonFactory, person_with_login
from rozwoj.programmes.tests.factories import ProgrammeFactory


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


WARSAW = datetime.timezone(datetime.timedelta(hours=1))


def at(year, month, day, hour=10, minute=0) -> datetime.datetime:
    """An aware datetime in Warsaw local time."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


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


def event_with_sessions(*formats: str, seats: int | None = 20, **event_kwargs):
    """An event open for registration with one session per format given (default: one on-site session)."""
    # Seeded by a data migration, which a flush between transactional tests removes.
    event_kwargs.setdefault(
        "kind", EventKind.objects.get_or_create(code="training", defaults={"name": "szkolenie"})[0]
    )
    event = EventFactory(**event_kwargs)
    for number, session_format in enumerate(formats or (Format.ON_SITE,), start=1):
        SessionFactory(
            event=event,
            order=number,
            format=session_format,
            onsite_seats=None if session_format == Format.ONLINE else seats,
        )
    return event


def hybrid_event(seats: int | None = 20, **event_kwargs):
    return event_with_sessions(Format.HYBRID, seats=seats, **event_kwargs)


_programme_numbers = itertools.count(1)


def programme_event_with_sessions(
    hours=(Decimal("6"), Decimal("4")), *, days_ahead: int = -10, **event_kwargs
):
    """An event in a programme with sessions of the given hours, one day apart, starting `days_ahead` days from
    now (by default already held, so that attendance can be marked)."""
    if "programme" not in event_kwargs:
        event_kwargs["programme"] = ProgrammeFactory(
            name=f"Profesjonalne kadry dla rozwoju {next(_programme_numbers)}",
            funding_programme="Program Operacyjny Wiedza Edukacja Rozwój",
            funding_action="Działanie 2.18",
        )
    event = EventFactory(**event_kwargs)
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days_ahead)
    sessions = [
        SessionFactory(
            event=event,
            order=number,
            starts_at=start + datetime.timedelta(days=number),
            ends_at=start + datetime.timedelta(days=number, hours=6),
            hours=hour,
            format=Format.HYBRID,
        )
        for number, hour in enumerate(hours, start=1)
    ]
    return event, sessions


def participant(event, *, language="", mode=AttendanceMode.ON_SITE, organisation=None, **person_kwargs):
    """A confirmed registration of a person with a login."""
    person = person_with_login(None, organisation=organisation, **person_kwargs)
    if language:
        person.user.preferred_language = language
        person.user.save(update_fields=["preferred_language"])
    return RegistrationFactory(event=event, person=person, mode=mode)


def trainer_of(event):
    person = person_with_login(Role.EXPERT)
    EventTrainer.objects.create(event=event, person=person)
    return person.user


def coordinator():
    return user_with_role(Role.COORDINATOR)


def member_of(person, organisation):
    return MembershipFactory(person=person, organisation=organisation)


def png_bytes(size=(40, 30), fmt="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)
