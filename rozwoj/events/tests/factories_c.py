"""Factories and helpers of area C (attendance, certificates, materials)."""

import datetime
import io
import itertools
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.events.models import AttendanceMode, EventTrainer, Format
from rozwoj.people.tests.factories import MembershipFactory, person_with_login
from rozwoj.programmes.tests.factories import ProgrammeFactory

from .factories import EventFactory, RegistrationFactory, SessionFactory

_programme_numbers = itertools.count(1)


def event_with_sessions(hours=(Decimal("6"), Decimal("4")), **event_kwargs):
    """An event in a programme with sessions of the given hours, one day apart."""
    if "programme" not in event_kwargs:
        event_kwargs["programme"] = ProgrammeFactory(
            name=f"Profesjonalne kadry dla rozwoju {next(_programme_numbers)}",
            funding_programme="Program Operacyjny Wiedza Edukacja Rozwój",
            funding_action="Działanie 2.18",
        )
    event = EventFactory(**event_kwargs)
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)
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
