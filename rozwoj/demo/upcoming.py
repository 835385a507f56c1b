"""Demo trainings still ahead, so that a newcomer can try registering: dates relative to the day the demo is loaded.

- a hybrid workshop on development action schedules (HDR), two sessions, open for registration by its dates, run
  by the demo expert account;
- a training on preparing and moderating debates, on site in Sulejówek, one seat left;
- an opening information-consultation meeting for local governments, online, registrations need approval (two
  wait for the coordinator);
- an online coaching course whose registration opens in a few days (the event page says when).

Written directly, like the past demo events, so that loading sends no e-mail. Each demo login finds something to
do on its dashboard: the coordinator and the administrator registrations to approve, the expert a workshop to
run, the local-government and partner members trainings to register for.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from rozwoj.accounts.models import User
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
    Visibility,
)
from rozwoj.organisations.models import Organisation, Venue
from rozwoj.people.models import Person
from rozwoj.programmes.models import Programme

from . import data

WARSAW = ZoneInfo("Europe/Warsaw")
HDR_TITLE = "Warsztaty: Harmonogram Działań Rozwojowych w praktyce"
DEBATE_TITLE = "Szkolenie: przygotowanie i moderowanie debat oświatowych"
CONSULTATION_TITLE = "Spotkanie informacyjno-konsultacyjne otwierające nowy cykl doradczy"
COACHING_TITLE = "Kurs coachingowy dla kadry administracji publicznej (online)"
TITLES = (HDR_TITLE, DEBATE_TITLE, CONSULTATION_TITLE, COACHING_TITLE)
DEBATE_SEATS = 12
HDR_AGENDA = [
    "Cele, działania i wskaźniki w Harmonogramie Działań Rozwojowych.",
    "Praca na przykładach: HDR gminy wiejskiej i powiatu.",
    "Monitorowanie realizacji i ewaluacja efektów.",
]


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=WARSAW)


def _event(**fields) -> Event:
    defaults = {"visibility": Visibility.PUBLIC, "languages": ["pl"], "status": EventStatus.PLANNED}
    return Event.objects.create(**{**defaults, **fields, "is_demo": True})


def _session(event: Event, order: int, day: datetime.date, **fields) -> Session:
    values = {"starts_at": _at(day, 9), "ends_at": _at(day, 15), "hours": Decimal("6"), "title": ""}
    return Session.objects.create(event=event, order=order, **{**values, **fields})


def _register(
    actor: User, event: Event, people, *, mode=AttendanceMode.ON_SITE, status=RegistrationStatus.CONFIRMED
):
    Registration.objects.bulk_create(
        Registration(event=event, person=person, mode=mode, status=status, registered_by=actor)
        for person in people
    )


def _hdr_workshop(actor, today, orgs, programme, sulejowek, expert, people) -> Event:
    first, second = today + datetime.timedelta(days=21), today + datetime.timedelta(days=35)
    event = _event(
        kind=EventKind.objects.get(code="workshop"),
        programme=programme,
        organiser=orgs["ore"],
        title=HDR_TITLE,
        description=(
            "Dwa zjazdy warsztatowe dla zespołów JST i ekspertów: jak zaplanować cele, działania, zasoby "
            "i wskaźniki Harmonogramu Działań Rozwojowych. Można uczestniczyć w Sulejówku albo online."
        ),
        registration_opens_at=_at(today - datetime.timedelta(days=7), 9),
        registration_closes_at=_at(first - datetime.timedelta(days=3), 16),
        cancellation_deadline=_at(first - datetime.timedelta(days=5), 16),
        online_capacity=40,
    )
    for order, day in enumerate((first, second), start=1):
        session = _session(
            event,
            order,
            day,
            format=Format.HYBRID,
            venue=sulejowek,
            onsite_seats=24,
            online_url=f"https://spotkania.example.org/ore-hdr-{order}",
        )
        AgendaItem.objects.bulk_create(
            AgendaItem(session=session, topic=topic, order=number, trainer=expert)
            for number, topic in enumerate(HDR_AGENDA, start=1)
        )
    EventTrainer.objects.create(event=event, person=expert, role=EventTrainer.Role.TRAINER)
    _register(actor, event, people[:3])
    _register(actor, event, people[3:5], mode=AttendanceMode.ONLINE)
    return event


def _debate_training(actor, today, orgs, programme, sulejowek, people) -> Event:
    day = today + datetime.timedelta(days=14)
    event = _event(
        kind=EventKind.objects.get(code="training"),
        programme=programme,
        organiser=orgs["ore"],
        title=DEBATE_TITLE,
        description=(
            "Jednodniowe szkolenie stacjonarne: jak przygotować, zorganizować i moderować debatę oświatową "
            "w samorządzie, od zaproszenia grup po wnioski i rekomendacje."
        ),
        status=EventStatus.REGISTRATION_OPEN,
        registration_closes_at=_at(day - datetime.timedelta(days=2), 16),
    )
    _session(event, 1, day, ends_at=_at(day, 16), hours=Decimal("7"), format=Format.ON_SITE, venue=sulejowek,
             onsite_seats=DEBATE_SEATS)  # fmt: skip
    _register(actor, event, people[: DEBATE_SEATS - 1])  # one seat left
    return event


def _consultation(actor, today, orgs, programme, people) -> Event:
    day = today + datetime.timedelta(days=28)
    event = _event(
        kind=EventKind.objects.get(code="consultation_meeting"),
        programme=programme,
        organiser=orgs["ore"],
        title=CONSULTATION_TITLE,
        description=(
            "Spotkanie online dla przedstawicieli JST zainteresowanych udziałem w cyklu doradczym: model "
            "doradztwa, obszary wsparcia i zasady współpracy z teamem doradczym. Zgłoszenia zatwierdza "
            "koordynatorka programu."
        ),
        audience_roles=["local_government_member"],
        requires_approval=True,
        registration_opens_at=_at(today - datetime.timedelta(days=3), 9),
        registration_closes_at=_at(day - datetime.timedelta(days=1), 12),
    )
    _session(event, 1, day, starts_at=_at(day, 10), ends_at=_at(day, 13), hours=Decimal("3"),
             format=Format.ONLINE, venue=None, online_url="https://spotkania.example.org/ore-cykl")  # fmt: skip
    _register(actor, event, people[:2], mode=AttendanceMode.ONLINE, status=RegistrationStatus.PENDING)
    return event


def _coaching_course(today, orgs, programme) -> Event:
    first = today + datetime.timedelta(days=45)
    event = _event(
        kind=EventKind.objects.get(code="training"),
        programme=programme,
        organiser=orgs["ksap"],
        title=COACHING_TITLE,
        description=(
            "Kurs oparty na podręczniku technik coachingowych projektu Erasmus+ Coaching: trzy spotkania online "
            "dla kadry kierowniczej administracji publicznej. / A course based on the coaching toolkit of the "
            "Erasmus+ Coaching project: three online meetings."
        ),
        languages=["pl", "en"],
        registration_opens_at=_at(today + datetime.timedelta(days=5), 10),
        registration_closes_at=_at(first - datetime.timedelta(days=7), 16),
        online_capacity=30,
    )
    for order in range(1, 4):
        day = first + datetime.timedelta(days=7 * (order - 1))
        _session(event, order, day, title=f"Moduł {order}", starts_at=_at(day, 10), ends_at=_at(day, 14),
                 hours=Decimal("4"), format=Format.ONLINE, venue=None,
                 online_url=f"https://spotkania.example.org/ksap-coaching-{order}")  # fmt: skip
    return event


@transaction.atomic
def load_upcoming_demo(*, today: datetime.date | None = None) -> list[Event]:
    """Load the upcoming demo trainings once, dated from `today` (the day the demo is loaded)."""
    existing = Event.objects.filter(is_demo=True, title__in=TITLES)
    if existing.exists():
        return list(existing.order_by("pk"))
    today = today or timezone.localdate()
    actor = User.objects.get(email=next(row[0] for row in data.ACCOUNTS if row[1] == "coordinator"))
    orgs = {
        "ore": Organisation.objects.get(acronym="ORE", country="PL"),
        "ksap": Organisation.objects.get(acronym="KSAP"),
    }
    sulejowek = Venue.objects.get(name="Centrum Szkoleniowe w Sulejówku")
    jst = Programme.objects.get(acronym="Wsparcie JST")
    coaching = Programme.objects.get(acronym="Erasmus+ Coaching")
    expert = Person.objects.get(email=data.EXPERT_ACCOUNT)
    # Fictitious people without a login take the seats, so that every demo login can still register.
    people = list(
        Person.objects.filter(is_demo=True, user__isnull=True, expert_profile__isnull=True).order_by("pk")
    )
    members = [p for p in people if p.email.startswith("jst")]
    _hdr_workshop(actor, today, orgs, jst, sulejowek, expert, people[DEBATE_SEATS:])
    _debate_training(actor, today, orgs, jst, sulejowek, people)
    _consultation(actor, today, orgs, jst, members)
    _coaching_course(today, orgs, coaching)
    return list(existing.order_by("pk"))
