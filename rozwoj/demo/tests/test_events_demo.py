"""The demo events reproduce the seed documents: dates in Warsaw time, planned vs actual, people, certificates."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from PIL import Image

from rozwoj.demo.advisory import EVENT_TITLES as ADVISORY_EVENTS
from rozwoj.demo.events import (
    COVID_REASON,
    MEETING_AGENDA,
    MEETING_TITLE,
    PHOTO_ALT,
    PRO_AGENDA,
    PRO_TITLE,
    ROS_TITLE,
    load_events_demo,
)
from rozwoj.demo.services import demo_load
from rozwoj.demo.upcoming import TITLES as UPCOMING
from rozwoj.events.models import (
    Attendance,
    AttendanceMode,
    AttendanceStatus,
    Certificate,
    ChangeType,
    Event,
    EventStatus,
    Format,
    MaterialVisibility,
    ReasonCategory,
    RegistrationStatus,
)

WARSAW = ZoneInfo("Europe/Warsaw")


def local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value, WARSAW).replace(tzinfo=None)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load the whole demo once for this module (it imports the TERYT register, which takes a while),
    inside a transaction rolled back afterwards; each test runs in a savepoint within it."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo_load()
        load_events_demo()  # no-op when demo_load already loads the events
        yield {
            event.title: event
            for event in Event.objects.filter(is_demo=True)
            .exclude(title__in=UPCOMING)
            .exclude(title__in=ADVISORY_EVENTS)
        }
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def test_three_demo_events_all_marked_demo(demo):
    assert set(demo) == {PRO_TITLE, ROS_TITLE, MEETING_TITLE}
    assert all(event.is_demo for event in demo.values())
    assert all(event.status == EventStatus.HELD for event in demo.values())
    assert (
        len([e for e in load_events_demo() if e.title not in UPCOMING and e.title not in ADVISORY_EVENTS])
        == 3
    )  # a second load changes nothing
    # the advisory cycle's meetings (rozwoj/demo/advisory.py) are events of their own
    assert Event.objects.exclude(title__in=UPCOMING).exclude(title__in=ADVISORY_EVENTS).count() == 3


def test_pro_training_planned_and_actual(demo):
    event = demo[PRO_TITLE]
    assert event.kind.code == "expert_training"
    assert event.organiser.acronym == "ORE"
    assert event.programme.acronym == "Wsparcie JST"
    (session,) = event.sessions.all()
    assert local(session.planned_starts_at).date() == datetime.date(2020, 3, 26)
    assert local(session.planned_ends_at).date() == datetime.date(2020, 3, 28)
    assert session.planned_format == Format.ON_SITE
    assert session.planned_venue.name == "Centrum Szkoleniowe w Sulejówku"
    assert local(session.starts_at) == datetime.datetime(2020, 6, 24, 9, 0)
    assert local(session.ends_at).date() == datetime.date(2020, 6, 25)
    assert session.format == Format.ONLINE
    assert session.venue is None
    assert session.online_url
    changes = list(event.changes.order_by("change_type"))
    assert sorted(c.change_type for c in changes) == [ChangeType.FORMAT, ChangeType.RESCHEDULE]
    assert {c.reason_category for c in changes} == {ReasonCategory.EPIDEMIC}
    assert {c.reason for c in changes} == {COVID_REASON}
    assert local(changes[0].created_at).date() == datetime.date(2020, 3, 13)
    assert event.ical_sequence == 1


def test_pro_training_agenda_is_the_seed_verbatim(demo):
    session = demo[PRO_TITLE].sessions.get()
    assert list(session.agenda.order_by("order").values_list("topic", flat=True)) == PRO_AGENDA
    assert len(PRO_AGENDA) == 7
    assert PRO_AGENDA[0] == "Omówienie modelu doradztwa dla JST."


def test_pro_training_13_participants_present_online_with_certificates(demo):
    event = demo[PRO_TITLE]
    registrations = event.registrations.select_related("person")
    assert registrations.count() == 13
    assert {r.status for r in registrations} == {RegistrationStatus.CONFIRMED}
    assert all(r.person.is_demo for r in registrations)
    # the PRO demo experts take part, the expert demo account among them
    assert registrations.filter(person__email="ekspert@example.org").exists()
    assert registrations.filter(person__expert_profile__specialisations__specialisation="pro").count() == 6
    statuses = set(Attendance.objects.filter(registration__event=event).values_list("status", flat=True))
    assert statuses == {AttendanceStatus.PRESENT_ONLINE}
    assert Attendance.objects.filter(registration__event=event).count() == 13
    certificates = Certificate.objects.filter(registration__event=event)
    assert certificates.count() == 13
    assert len({c.code for c in certificates}) == 13
    assert {c.hours for c in certificates} == {event.sessions.get().hours}


def test_ros_training_three_sessions_third_on_site_in_sulejowek(demo):
    event = demo[ROS_TITLE]
    assert event.kind.code == "expert_training"
    assert event.organiser.acronym == "ORE"
    first, second, third = event.sessions.order_by("order")
    assert local(third.starts_at).date() == datetime.date(2020, 9, 7)
    assert local(third.ends_at).date() == datetime.date(2020, 9, 11)
    assert third.format == Format.ON_SITE
    assert third.venue.name == "Centrum Szkoleniowe w Sulejówku"
    assert not third.was_changed
    for session in (first, second):
        assert session.was_changed
        assert session.planned_format == Format.ON_SITE
        assert session.format == Format.ONLINE
        assert local(session.starts_at).year == 2020
        assert session.starts_at > session.planned_starts_at  # postponed
        assert session.starts_at < third.starts_at
    assert event.changes.filter(reason_category=ReasonCategory.EPIDEMIC).count() == 4
    assert event.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 13


def test_transnational_meeting(demo):
    event = demo[MEETING_TITLE]
    assert event.kind.code == "transnational_meeting"
    assert event.organiser.acronym == "KSAP"
    assert event.programme.acronym == "Erasmus+ Coaching"
    (session,) = event.sessions.all()
    assert local(session.starts_at).date() == datetime.date(2021, 10, 13)
    assert local(session.ends_at).date() == datetime.date(2021, 10, 15)
    assert session.format == Format.HYBRID
    assert session.venue.name == "Siedziba KSAP"
    assert session.online_url.startswith("https://")
    agenda = list(session.agenda.order_by("order"))
    assert [item.topic for item in agenda] == [topic for _day, topic in MEETING_AGENDA]
    assert agenda[0].topic.startswith("Omówiono sprawozdania poszczególnych zespołów krajowych")
    assert [item.day for item in agenda] == [datetime.date(2021, 10, d) for d in (13, 14, 15)]


def test_transnational_meeting_participants_by_organisation(demo):
    event = demo[MEETING_TITLE]
    rows = {}
    for registration in event.registrations.prefetch_related("person__memberships__organisation"):
        (membership,) = registration.person.memberships.all()
        status = registration.attendance.get().status
        rows.setdefault(membership.organisation.name, set()).add((registration.mode, status))
    online = {(AttendanceMode.ONLINE, AttendanceStatus.PRESENT_ONLINE)}
    assert rows["Latvian School of Public Administration"] == online
    assert rows["MetaCoach"] == online
    assert rows["Society in Progress"] == {(AttendanceMode.ON_SITE, AttendanceStatus.PRESENT_ON_SITE)}
    assert set(rows) == {"Latvian School of Public Administration", "MetaCoach", "Society in Progress"}


def test_group_photo(demo):
    (photo,) = demo[MEETING_TITLE].photos.all()
    assert photo.alt_text == PHOTO_ALT == "Zdjęcie grupowe uczestników spotkania"
    assert photo.visibility == MaterialVisibility.PUBLIC
    assert (photo.width, photo.height) == (1200, 800)
    with photo.image.open("rb") as handle:
        image = Image.open(handle)
        assert image.format == "PNG"
        assert image.size == (1200, 800)


def test_loading_notified_nobody(demo):
    from rozwoj.notifications.models import Notification

    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_demo_event_page_shows_planned_and_actual(demo, client):
    event = demo[PRO_TITLE]
    response = client.get(f"/events/{event.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sulejówku" in html
    assert "2020" in html


def test_transnational_meeting_page_names_the_partners_and_how_they_took_part(demo, client):
    event = demo[MEETING_TITLE]
    modes = {
        item.organisation.name: (item.role, item.mode)
        for item in event.participating_organisations.select_related("organisation")
    }
    assert modes == {
        "Krajowa Szkoła Administracji Publicznej im. Prezydenta Rzeczypospolitej Polskiej Lecha Kaczyńskiego": (
            "host",
            AttendanceMode.ON_SITE,
        ),
        "Latvian School of Public Administration": ("partner", AttendanceMode.ONLINE),
        "MetaCoach": ("partner", AttendanceMode.ONLINE),
        "Society in Progress": ("partner", AttendanceMode.ON_SITE),
    }
    client.cookies["rozwoj_language"] = "en"
    html = client.get(f"/events/{event.pk}/").content.decode()  # anonymous visitor: the page is public
    section = html.split('id="organisations"', 1)[1].split("</ul>", 1)[0]
    assert "Latvian School of Public Administration" in section
    lines = section.split("<li>")[1:]
    assert any("MetaCoach" in line and "online" in line for line in lines)
    assert any("Society in Progress" in line and "on site" in line for line in lines)
    assert any("host" in line and "on site" in line for line in lines)


def test_demo_hours_are_computed_where_they_follow_the_dates_and_typed_where_not(demo):
    from rozwoj.events.services.events import session_hours

    for event in demo.values():
        for session in event.sessions.all():
            computed = session_hours(session.starts_at, session.ends_at)
            assert session.hours_overridden is (session.hours != computed), (event.title, session.order)
