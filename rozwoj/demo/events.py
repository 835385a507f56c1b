"""Demo trainings and meetings from the two seed documents.

- PRO expert training (seed 004): planned on site 26–28 March 2020 at Centrum Szkoleniowe w Sulejówku,
  postponed because of COVID-19 and held online 24–25 June 2020; seven agenda topics; 13 participants with
  attendance and certificates.
- ROS expert training (seed 004): three sessions; the first two moved online because of COVID-19, the third
  on site 7–11 September 2020 in Sulejówek.
- Second transnational trainers' meeting of Erasmus+ Coaching (seed 000): KSAP, 13–15 October 2021, hybrid;
  KSAP the host, LSPA and MetaCoach online, Society in Progress on site (as participating organisations and
  as the mode of their people's registrations); three agenda points; a group photo.

Attendance, certificates and status changes go through the events services; changes of plan are written
as `event_change_plan` records them (before anybody is registered), so loading the demo sends no e-mail. People are fictitious and marked as demo data.
"""

import datetime
import io
import random
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F

from rozwoj.accounts.models import User
from rozwoj.core.audit import log_action
from rozwoj.events.models import (
    AgendaItem,
    AttendanceMode,
    ChangeType,
    Event,
    EventChange,
    EventKind,
    EventPhoto,
    EventStatus,
    EventTrainer,
    Format,
    MaterialVisibility,
    OrganisationRole,
    ReasonCategory,
    Registration,
    RegistrationStatus,
    Session,
    Visibility,
)
from rozwoj.events.services import attendance as attendance_services
from rozwoj.events.services import certificates as certificate_services
from rozwoj.events.services import events as event_services
from rozwoj.events.services import participation as participation_services
from rozwoj.organisations.models import Organisation, Venue
from rozwoj.people.models import Membership, Person
from rozwoj.programmes.models import Programme

from . import data

WARSAW = ZoneInfo("Europe/Warsaw")
SULEJOWEK = "Centrum Szkoleniowe w Sulejówku"
KSAP_VENUE = "Siedziba KSAP"
COVID_REASON = "zagrożenie związane z pandemią COVID-19"
COORDINATOR_EMAIL = next(row[0] for row in data.ACCOUNTS if row[1] == "coordinator")


def at(year, month, day, hour=9, minute=0) -> datetime.datetime:
    """A moment in Warsaw time (stored in UTC)."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=WARSAW)


PRO_TITLE = "Szkolenie dla ekspertów ds. personalnego rozwoju organizacji (PRO)"
PRO_DESCRIPTION = (
    "Szkolenie przygotowujące do pełnienia roli eksperta ds. personalnego rozwoju organizacji w systemie "
    "wsparcia, doskonalenia i rozwoju pracowników JST (Jednostek Samorządu Terytorialnego).\n\n"
    "Szkolenie wstępnie planowane było w formie stacjonarnej w Centrum Szkoleniowym w Sulejówku "
    "w terminie 26–28 marca 2020 roku, jednak ze względu na zagrożenie związane z pandemią COVID-19 "
    "zostało przełożone i zrealizowane on-line w dniach 24–25 czerwca 2020 roku.\n\n"
    "Eksperci pracują w teamach doradczych, składających się z eksperta ds. rozwoju oświaty samorządowej "
    "(ROS) oraz eksperta ds. personalnego rozwoju organizacji (PRO)."
)
# Seed 004, verbatim.
PRO_AGENDA = [
    "Omówienie modelu doradztwa dla JST.",
    "Omówienie roli i zadań ekspertów ds. personalnego rozwoju organizacji (PRO) w systemie wsparcia, "
    "doskonalenia i rozwoju pracowników JST. Kanon kompetencji.",
    "Zapoznanie z podstawami prawa oświatowego.",
    "Partycypacja społeczna w kontekście systemu wsparcia, doskonalenia i rozwoju pracowników JST. "
    "Przygotowanie i prowadzenie debat. Wymiana doświadczeń.",
    "Przedstawienie modelu doradztwa ze szczególnym uwzględnieniem stosowanych w nim metod pracy.",
    "Planowanie pracy w teamie doradczym cz. 1 (zasady współpracy, etyka, podział zadań, studium przypadku).",
    "Planowanie pracy w teamie doradczym cz. 2 (Harmonogramy Działań Rozwojowych w praktyce).",
]
PRO_PARTICIPANTS = 13

ROS_TITLE = "Szkolenie dla ekspertów ds. rozwoju oświaty samorządowej (ROS)"
ROS_DESCRIPTION = (
    "Szkolenie przygotowujące do pełnienia roli eksperta ds. rozwoju oświaty samorządowej w systemie "
    "wsparcia, doskonalenia i rozwoju pracowników JST, w trzech zjazdach.\n\n"
    "Ze względu na zagrożenie koronawirusem COVID-19 szkolenie zostało przesunięte na późniejszy termin; "
    "pierwsze dwa zjazdy odbyły się on-line, ostatni zjazd (trzeci) w formie stacjonarnej w dniach "
    "7–11 września 2020 roku w Centrum Szkoleniowym w Sulejówku."
)
ROS_PARTICIPANTS = 13

MEETING_TITLE = "Drugie ponadnarodowe spotkanie trenerów – Erasmus+ Coaching"
MEETING_DESCRIPTION = (
    "W dniach 13–15 października 2021 r. KSAP gościł przedstawicieli partnerów projektu Techniki "
    "coachingowe w sektorze publicznym jako narzędzie doskonalenia usług publicznych, współfinansowanego "
    "ze środków Unii Europejskiej w Programie Erasmus+.\n\n"
    "Drugie spotkanie trenerów ponadnarodowych poświęcone było pracy nad stworzeniem podręcznika "
    "zawierającego rozwiązania coachingowe, przeznaczone do implementacji w jednostkach administracji "
    "publicznej.\n\n"
    "Spotkanie zorganizowane zostało w formie hybrydowej: sesja stacjonarna połączona została z sesją "
    "online, dzięki czemu możliwy był udział w spotkaniu także uczestniczek z Łotwy, które nie mogły "
    "przyjechać do Warszawy ze względu na obostrzenia epidemiczne."
)
# Seed 000, verbatim.
MEETING_AGENDA = [
    (
        datetime.date(2021, 10, 13),
        "Omówiono sprawozdania poszczególnych zespołów krajowych z postępu w pracach w grupach pilotażowych. "
        "Ta część programu miała na celu analizę różnorodnych doświadczeń z realizacji projektu "
        "w poszczególnych krajach oraz syntezę doświadczeń na potrzeby publikacji projektowej.",
    ),
    (
        datetime.date(2021, 10, 14),
        "Zaprezentowano najnowsze trendy w sposobach nauczania osób dorosłych, w celu wzmocnienia kompetencji "
        "członków zespołów uczestniczących w przygotowaniu publikacji projektowej w ramach wzajemnego "
        "dzielenia się wiedzą.",
    ),
    (
        datetime.date(2021, 10, 15),
        "W ostatnim dniu spotkania zaplanowano wspólną pracę nad publikacją (zawartością merytoryczną, "
        "strukturą publikacji oraz szczegółami technicznymi).",
    ),
]
PHOTO_ALT = "Zdjęcie grupowe uczestników spotkania"

# Fictitious people, marked as demo data: (first name, last name, sex).
PRO_EXTRA = [
    ("Aleksandra", "Nowakowska", "female"),
    ("Bartosz", "Grabowski", "male"),
    ("Dominika", "Pawlak", "female"),
    ("Jakub", "Michalak", "male"),
    ("Natalia", "Zając", "female"),
    ("Sebastian", "Wróblewski", "male"),
    ("Urszula", "Jabłońska", "female"),
]
ROS_EXTRA = [
    ("Beata", "Górska", "female"),
    ("Damian", "Rutkowski", "male"),
    ("Elżbieta", "Ostrowska", "female"),
    ("Filip", "Witkowski", "male"),
    ("Halina", "Walczak", "female"),
    ("Leszek", "Baranowski", "male"),
    ("Renata", "Szczepańska", "female"),
]
TRAINERS = {
    "ore": ("Małgorzata", "Sadowska", "female", "Trenerka, Ośrodek Rozwoju Edukacji"),
    "ksap": ("Andrzej", "Kalinowski", "male", "Koordynator projektu Erasmus+ Coaching"),
}
MEETING_PEOPLE = {
    # organisation key: [(first, last, sex)], mode of taking part
    "lspa": ([("Inese", "Kalniņa", "female")], AttendanceMode.ONLINE),
    "metacoach": ([("Ilze", "Ozola", "female"), ("Dace", "Liepiņa", "female")], AttendanceMode.ONLINE),
    "sip": ([("Eleni", "Papadopoulou", "female"), ("Nikos", "Georgiou", "male")], AttendanceMode.ON_SITE),
}


def demo_events_loaded() -> bool:
    return Event.objects.filter(is_demo=True).exists()


def _person(first, last, email, sex, organisation, position) -> Person:
    person, created = Person.objects.get_or_create(
        email=email, defaults={"first_name": first, "last_name": last, "sex": sex, "is_demo": True}
    )
    if created and organisation is not None:
        Membership.objects.create(person=person, organisation=organisation, position=position)
    return person


def _experts(specialisation: str) -> list[Person]:
    """The demo experts of one specialisation (PRO or ROS), in the order of the demo data."""
    names = [(first, last) for first, last, _sex, specs, *_rest in data.EXPERTS if specialisation in specs]
    people = {
        (p.first_name, p.last_name): p
        for p in Person.objects.filter(is_demo=True, expert_profile__isnull=False).select_related("user")
    }
    return [people[name] for name in names if name in people]


def _participants(specialisation: str, extra, prefix: str, count: int, ore: Organisation) -> list[Person]:
    people = _experts(specialisation)
    for number, (first, last, sex) in enumerate(extra, start=1):
        if len(people) >= count:
            break
        position = "Ekspertka" if sex == "female" else "Ekspert"
        people.append(
            _person(first, last, f"{prefix}{number}@demo.example.org", sex, ore, f"{position} (szkolenie)")
        )
    return people[:count]


def _trainer(event: Event, key: str, organisation: Organisation, role=EventTrainer.Role.TRAINER) -> Person:
    first, last, sex, position = TRAINERS[key]
    person = _person(first, last, f"trener.{key}@demo.example.org", sex, organisation, position)
    EventTrainer.objects.get_or_create(event=event, person=person, defaults={"role": role})
    return person


def _event(**fields) -> Event:
    defaults = {
        "status": EventStatus.REGISTRATION_CLOSED,
        "visibility": Visibility.PUBLIC,
        "languages": ["pl"],
    }
    return Event.objects.create(**{**defaults, **fields, "is_demo": True})


def _snapshot(session: Session) -> dict:
    return {
        "starts_at": session.starts_at.isoformat(),
        "ends_at": session.ends_at.isoformat(),
        "format": session.format,
        "venue": session.venue_id,
        "venue_name": str(session.venue) if session.venue_id else "",
        "online_url": session.online_url,
    }


def _change(actor, event, session, *, starts, ends, fmt, venue, url, when) -> None:
    """A change of plan dated `when`, recorded as the events service records it (what was planned kept in
    `planned_*`, one EventChange per kind of change with its reason, SEQUENCE raised). Written directly rather
    than through `event_change_plan`, which e-mails registrants and locks rows (demo data needs neither)."""
    before = _snapshot(session)
    change_types = []
    if (starts, ends) != (session.starts_at, session.ends_at):
        change_types.append(ChangeType.RESCHEDULE)
    if fmt != session.format:
        change_types.append(ChangeType.FORMAT)
    if venue is not None and venue != session.venue:
        change_types.append(ChangeType.VENUE)
    if not session.was_changed:
        session.planned_starts_at, session.planned_ends_at = session.starts_at, session.ends_at
        session.planned_format, session.planned_venue = session.format, session.venue
    session.starts_at, session.ends_at, session.format = starts, ends, fmt
    session.venue, session.online_url = venue, url
    session.save()
    after = _snapshot(session)
    changes = EventChange.objects.bulk_create(
        EventChange(
            event=event,
            session=session,
            change_type=change_type,
            reason_category=ReasonCategory.EPIDEMIC,
            reason=COVID_REASON,
            before=before,
            after=after,
            actor=actor,
        )
        for change_type in change_types
    )
    EventChange.objects.filter(pk__in=[c.pk for c in changes]).update(created_at=when)
    Event.objects.filter(pk=event.pk).update(ical_sequence=F("ical_sequence") + 1)
    log_action(
        actor,
        event,
        "event.change_plan",
        {
            "session": str(session),
            "changes": [str(ChangeType(t).label) for t in change_types],
            "reason_category": ReasonCategory.EPIDEMIC,
            "reason": COVID_REASON,
            "before": before,
            "after": after,
        },
    )


def _register(actor, event: Event, people, mode: str) -> list[Registration]:
    return [
        Registration.objects.create(
            event=event,
            person=person,
            mode=mode,
            status=RegistrationStatus.CONFIRMED,
            registered_by=actor,
        )
        for person in people
    ]


def _close(actor, event: Event, *, certificates: bool) -> None:
    """Everybody present at every session, the event held, certificates for those who completed it."""
    for session in event.sessions.order_by("order"):
        attendance_services.attendance_mark_all_present(actor=actor, session=session)
    event_services.event_set_status(actor=actor, event=event, status=EventStatus.HELD)
    if certificates:
        certificate_services.certificates_issue_all(actor=actor, event=event)


def _pro_training(actor, orgs, programme, sulejowek) -> Event:
    event = _event(
        kind=EventKind.objects.get(code="expert_training"),
        programme=programme,
        organiser=orgs["ore"],
        title=PRO_TITLE,
        description=PRO_DESCRIPTION,
        audience_roles=["expert"],
    )
    session = Session.objects.create(
        event=event,
        order=1,
        starts_at=at(2020, 3, 26, 9),
        ends_at=at(2020, 3, 28, 15),
        hours=Decimal("16"),  # typed by the coordinator: two days online after the postponement
        hours_overridden=True,
        format=Format.ON_SITE,
        venue=sulejowek,
    )
    trainer = _trainer(event, "ore", orgs["ore"])
    AgendaItem.objects.bulk_create(
        AgendaItem(session=session, topic=topic, order=order, trainer=trainer)
        for order, topic in enumerate(PRO_AGENDA, start=1)
    )
    _change(
        actor,
        event,
        session,
        starts=at(2020, 6, 24, 9),
        ends=at(2020, 6, 25, 16),
        fmt=Format.ONLINE,
        venue=None,
        url="https://spotkania.example.org/ore-pro-2020",
        when=at(2020, 3, 13, 10),
    )
    people = _participants("pro", PRO_EXTRA, "pro", PRO_PARTICIPANTS, orgs["ore"])
    _register(actor, event, people, AttendanceMode.ONLINE)
    _close(actor, event, certificates=True)
    return event


def _ros_training(actor, orgs, programme, sulejowek) -> Event:
    event = _event(
        kind=EventKind.objects.get(code="expert_training"),
        programme=programme,
        organiser=orgs["ore"],
        title=ROS_TITLE,
        description=ROS_DESCRIPTION,
        audience_roles=["expert"],
    )
    # Planned on site in spring 2020; the first two sessions moved online because of COVID-19.
    planned = [
        (at(2020, 3, 23, 9), at(2020, 3, 25, 15), at(2020, 5, 25, 9), at(2020, 5, 27, 15)),
        (at(2020, 4, 20, 9), at(2020, 4, 22, 15), at(2020, 6, 29, 9), at(2020, 7, 1, 15)),
    ]
    sessions = []
    for order, (starts, ends, _new_starts, _new_ends) in enumerate(planned, start=1):
        sessions.append(
            Session.objects.create(
                event=event,
                order=order,
                title=f"Zjazd {order}",
                starts_at=starts,
                ends_at=ends,
                hours=Decimal("18"),
                format=Format.ON_SITE,
                venue=sulejowek,
            )
        )
    Session.objects.create(
        event=event,
        order=3,
        title="Zjazd 3",
        starts_at=at(2020, 9, 7, 9),
        ends_at=at(2020, 9, 11, 14),
        hours=Decimal("32"),  # typed: five days without the breaks
        hours_overridden=True,
        format=Format.ON_SITE,
        venue=sulejowek,
    )
    _trainer(event, "ore", orgs["ore"])
    for session, (_starts, _ends, new_starts, new_ends) in zip(sessions, planned, strict=True):
        _change(
            actor,
            event,
            session,
            starts=new_starts,
            ends=new_ends,
            fmt=Format.ONLINE,
            venue=None,
            url=f"https://spotkania.example.org/ore-ros-2020-{session.order}",
            when=at(2020, 3, 16, 12),
        )
    people = _participants("ros", ROS_EXTRA, "ros", ROS_PARTICIPANTS, orgs["ore"])
    _register(actor, event, people, AttendanceMode.ON_SITE)
    _close(actor, event, certificates=True)
    return event


def group_photo_png(seed: int = 2021) -> bytes:
    """A simple drawn illustration (1200×800 PNG) standing in for the group photo: a meeting room with a
    screen for the online participants and a row of people."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    image = Image.new("RGB", (1200, 800), (226, 232, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 560, 1200, 800), fill=(168, 140, 110))  # floor
    draw.rectangle((80, 60, 620, 360), fill=(40, 48, 64))  # screen
    for column in range(3):  # online participants on the screen
        x = 110 + column * 170
        draw.rectangle((x, 90, x + 150, 330), fill=(90, 110, 140))
        draw.ellipse((x + 45, 130, x + 105, 190), fill=(240, 205, 170))
        draw.rounded_rectangle((x + 30, 200, x + 120, 320), radius=20, fill=(rng.randint(60, 200), 90, 120))
    draw.rectangle((700, 80, 1120, 330), fill=(250, 250, 250), outline=(120, 120, 120), width=4)  # flipchart
    for line in range(5):
        draw.line(
            (730, 120 + line * 40, 1090 - rng.randint(0, 120), 120 + line * 40), fill=(0, 86, 150), width=6
        )
    colours = [(0, 86, 150), (200, 60, 60), (40, 140, 90), (230, 160, 30), (120, 80, 160), (60, 60, 60)]
    for index in range(9):  # people standing in a row
        x = 90 + index * 120
        body = colours[index % len(colours)]
        draw.ellipse((x + 20, 400, x + 80, 460), fill=(235, 200, 165))
        draw.rounded_rectangle((x, 465, x + 100, 640), radius=30, fill=body)
        draw.rectangle((x + 15, 630, x + 40, 740), fill=(50, 50, 70))
        draw.rectangle((x + 60, 630, x + 85, 740), fill=(50, 50, 70))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _transnational_meeting(actor, orgs, programme, ksap_venue) -> Event:
    event = _event(
        kind=EventKind.objects.get(code="transnational_meeting"),
        programme=programme,
        organiser=orgs["ksap"],
        title=MEETING_TITLE,
        description=MEETING_DESCRIPTION,
        languages=["pl", "en"],
    )
    session = Session.objects.create(
        event=event,
        order=1,
        starts_at=at(2021, 10, 13, 9),
        ends_at=at(2021, 10, 15, 15),
        hours=Decimal("18"),
        format=Format.HYBRID,
        venue=ksap_venue,
        online_url="https://spotkania.example.org/ksap-erasmus-coaching-2021",
    )
    moderator = _trainer(event, "ksap", orgs["ksap"], role=EventTrainer.Role.MODERATOR)
    AgendaItem.objects.bulk_create(
        AgendaItem(session=session, day=day, topic=topic, order=order, trainer=moderator)
        for order, (day, topic) in enumerate(MEETING_AGENDA, start=1)
    )
    # KSAP hosted the meeting; LSPA and MetaCoach joined online, Society in Progress on site (seed 000).
    participation_services.event_organisation_add(
        actor=actor,
        event=event,
        organisation=orgs["ksap"],
        role=OrganisationRole.HOST,
        mode=AttendanceMode.ON_SITE,
    )
    for key, (_people, mode) in MEETING_PEOPLE.items():
        participation_services.event_organisation_add(
            actor=actor, event=event, organisation=orgs[key], role=OrganisationRole.PARTNER, mode=mode
        )
    partner_login = Person.objects.filter(email=next(r[0] for r in data.ACCOUNTS if r[1] == "partner_member"))
    for key, (people, mode) in MEETING_PEOPLE.items():
        organisation = orgs[key]
        persons = [
            _person(first, last, f"{key}{number}@demo.example.org", sex, organisation, "Trener / Trainer")
            for number, (first, last, sex) in enumerate(people, start=1)
        ]
        if key == "lspa":
            persons = list(partner_login) + persons
        _register(actor, event, persons, mode)
    _close(actor, event, certificates=False)
    EventPhoto.objects.create(
        event=event,
        image=ContentFile(group_photo_png(), name="spotkanie-trenerow-ksap-2021.png"),
        alt_text=PHOTO_ALT,
        caption="Drugie ponadnarodowe spotkanie trenerów, KSAP, 13–15 października 2021 r. "
        "(ilustracja demonstracyjna)",
        visibility=MaterialVisibility.PUBLIC,
    )
    return event


def _organisations() -> dict[str, Organisation]:
    by_acronym = {"ksap": "KSAP", "ore": "ORE", "lspa": "LSPA", "sip": "SiP"}
    orgs = {key: Organisation.objects.get(acronym=acronym) for key, acronym in by_acronym.items()}
    orgs["metacoach"] = Organisation.objects.get(name="MetaCoach")
    return orgs


@transaction.atomic
def load_events_demo() -> list[Event]:
    """Load the demo events once (after the foundation's demo data); a second call does nothing."""
    if demo_events_loaded():
        return list(Event.objects.filter(is_demo=True).order_by("pk"))
    actor = User.objects.get(email=COORDINATOR_EMAIL)
    orgs = _organisations()
    sulejowek = Venue.objects.get(name=SULEJOWEK)
    ksap_venue = Venue.objects.get(name=KSAP_VENUE)
    jst = Programme.objects.get(acronym="Wsparcie JST")
    coaching = Programme.objects.get(acronym="Erasmus+ Coaching")
    _pro_training(actor, orgs, jst, sulejowek)
    _ros_training(actor, orgs, jst, sulejowek)
    _transnational_meeting(actor, orgs, coaching, ksap_venue)
    return list(Event.objects.filter(is_demo=True).order_by("pk"))
