import pytest
from django.urls import reverse
from icalendar import Calendar

from rozwoj.accounts.models import Role
from rozwoj.core.testing import assert_page
from rozwoj.events.models import (
    CalendarFeed,
    EventStatus,
    EventTrainer,
    Format,
    RegistrationStatus,
    Visibility,
)
from rozwoj.events.services import calendars as services
from rozwoj.events.tests.factories import EventFactory, RegistrationFactory, SessionFactory, at
from rozwoj.organisations.tests.factories import GminaFactory, VenueFactory, VoivodeshipFactory
from rozwoj.people.tests.factories import person_with_login

pytestmark = pytest.mark.django_db


def _hybrid(event=None, **kwargs):
    return SessionFactory(
        event=event or EventFactory(),
        format=Format.HYBRID,
        online_url="https://meet.example.org/tajne",
        starts_at=at(2030, 3, 26, 9),
        ends_at=at(2030, 3, 27, 16),
        **kwargs,
    )


def test_event_ics_download_and_link_only_for_confirmed(client):
    session = _hybrid()
    event = session.event
    response = client.get(reverse("events:ics", args=[event.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    vevent = calendar.walk("VEVENT")[0]
    assert str(vevent["UID"]).startswith(str(event.ical_uid))
    assert "meet.example.org" not in response.content.decode()
    person = person_with_login(Role.EXPERT)
    RegistrationFactory(event=event, person=person, status=RegistrationStatus.CONFIRMED)
    client.force_login(person.user)
    assert "meet.example.org/tajne" in client.get(reverse("events:ics", args=[event.pk])).content.decode()


def test_event_ics_of_invisible_event_is_404(client):
    draft = EventFactory(status=EventStatus.DRAFT)
    internal = EventFactory(visibility=Visibility.INTERNAL)
    assert client.get(reverse("events:ics", args=[draft.pk])).status_code == 404
    assert client.get(reverse("events:ics", args=[internal.pk])).status_code == 404


def test_calendar_month_and_week_views(client):
    session = _hybrid()
    session.event.title = "Szkolenie w kalendarzu"
    session.event.save()
    response = client.get(reverse("events:calendar"), {"date": "2030-03-10"})
    assert response.status_code == 200
    text = response.text
    assert "Szkolenie w kalendarzu" in text
    assert text.count("Szkolenie w kalendarzu") == 2  # two days
    assert "date=2030-02-01" in text  # previous month
    assert "date=2030-04-01" in text  # next month
    week = client.get(reverse("events:calendar"), {"date": "2030-03-26", "view": "week"})
    assert "Szkolenie w kalendarzu" in week.text
    assert len(week.context["weeks"]) == 1
    other_week = client.get(reverse("events:calendar"), {"date": "2030-04-10", "view": "week"})
    assert "Szkolenie w kalendarzu" not in other_week.text


def test_calendar_filters_and_bad_values(client):
    mazowieckie = VoivodeshipFactory()
    malopolskie = VoivodeshipFactory(terc="12", name="MAŁOPOLSKIE")
    gmina = GminaFactory(parent__parent=mazowieckie)
    here = _hybrid(venue=VenueFactory(local_government=gmina))
    here.event.title = "Na Mazowszu"
    here.event.save()
    online = SessionFactory(
        format=Format.ONLINE, venue=None, online_url="https://x.example.org", starts_at=at(2030, 3, 5, 9),
        ends_at=at(2030, 3, 5, 12),
    )  # fmt: skip
    online.event.title = "Tylko online"
    online.event.save()
    url = reverse("events:calendar")
    text = client.get(url, {"date": "2030-03-01", "voivodeship": mazowieckie.pk}).text
    assert "Na Mazowszu" in text
    assert "Tylko online" not in text
    assert "Na Mazowszu" not in client.get(url, {"date": "2030-03-01", "voivodeship": malopolskie.pk}).text
    text = client.get(url, {"date": "2030-03-01", "format": "online"}).text
    assert "Tylko online" in text
    assert "Na Mazowszu" not in text
    response = client.get(url, {"date": "nie-data", "format": "teleport", "view": "year"})
    assert response.status_code == 200
    assert set(response.context["filter_form"].errors) == {"date", "format", "view"}


def test_calendar_hides_invisible_events(client):
    draft = _hybrid(event=EventFactory(status=EventStatus.DRAFT, title="Szkic kalendarza"))
    response = client.get(reverse("events:calendar"), {"date": "2030-03-01"})
    assert draft.event.title not in response.text


def test_feed_settings_requires_login_and_revokes(client):
    url = reverse("events:feed_settings")
    assert client.get(url).status_code == 302
    person = person_with_login(Role.EXPERT)
    client.force_login(person.user)
    response = client.get(url)
    feed = CalendarFeed.objects.get(user=person.user)
    assert feed.token in response.text
    old = feed.token
    assert client.get(reverse("events:feed", args=[old])).status_code == 200
    client.post(url)
    feed.refresh_from_db()
    assert feed.token != old
    assert client.get(reverse("events:feed", args=[old])).status_code == 404
    assert client.get(reverse("events:feed", args=[feed.token])).status_code == 200


def test_feed_contains_registered_and_trained_events_only(client):
    person = person_with_login(Role.EXPERT)
    registered = _hybrid()
    trained = SessionFactory()
    EventTrainer.objects.create(event=trained.event, person=person)
    cancelled_registration = SessionFactory()
    other = SessionFactory()
    RegistrationFactory(event=registered.event, person=person, status=RegistrationStatus.WAITING)
    RegistrationFactory(
        event=cancelled_registration.event, person=person, status=RegistrationStatus.CANCELLED
    )
    feed = services.feed_for_user(person.user)
    client.logout()
    response = client.get(reverse("events:feed", args=[feed.token]))
    assert response.status_code == 200
    uids = {str(v["UID"]) for v in Calendar.from_ical(response.content).walk("VEVENT")}
    assert any(uid.startswith(str(registered.event.ical_uid)) for uid in uids)
    assert any(uid.startswith(str(trained.event.ical_uid)) for uid in uids)
    assert not any(uid.startswith(str(other.event.ical_uid)) for uid in uids)
    assert not any(uid.startswith(str(cancelled_registration.event.ical_uid)) for uid in uids)
    assert client.get(reverse("events:feed", args=["nieznany"])).status_code == 404


def test_feed_query_count_is_bounded(client):
    person = person_with_login(Role.EXPERT)
    for _ in range(5):
        RegistrationFactory(event=SessionFactory().event, person=person)
    feed = services.feed_for_user(person.user)
    assert_page(client, reverse("events:feed", args=[feed.token]), queries=6, contains="BEGIN:VEVENT")
