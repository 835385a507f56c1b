"""What a coordinator notices in trainings (issue #8, items 8, 10, 11): attendance only once a session has
begun, hours computed from start and end, one number of seats for the event, the self-cancellation deadline
and the waiting list on the event page, breadcrumbs, English dates, certificates anyone can check, and the
organisations taking part in a meeting."""

import datetime
from decimal import Decimal
from urllib.parse import unquote

import pytest
import segno
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from rozwoj.accounts.models import ApiToken
from rozwoj.core.audit import history_for
from rozwoj.events import pdf
from rozwoj.events.models import Attendance, AttendanceMode, EventOrganisation, Format, Session
from rozwoj.events.selectors import registrations as registration_selectors
from rozwoj.events.services import attendance as attendance_services
from rozwoj.events.services import certificates as certificate_services
from rozwoj.events.services import events as event_services
from rozwoj.events.services import participation
from rozwoj.organisations.tests.factories import OrganisationFactory, VenueFactory

from .factories import (
    EventFactory,
    SessionFactory,
    at,
    coordinator,
    event_with_sessions,
    participant,
    programme_event_with_sessions,
    session_data,
    trainer_of,
)

pytestmark = pytest.mark.django_db


# --- attendance before the session --------------------------------------------------------------------


def test_attendance_cannot_be_marked_before_the_session_starts():
    event, (first, _second) = programme_event_with_sessions(days_ahead=79)
    registration = participant(event)
    actor = coordinator()
    with pytest.raises(ValidationError) as error:
        attendance_services.attendance_mark(
            actor=actor, session=first, registration=registration, status="absent"
        )
    assert "session" in error.value.message_dict
    with pytest.raises(ValidationError):
        attendance_services.attendance_mark_many(
            actor=actor, session=first, marks={registration.pk: "absent"}
        )
    with pytest.raises(ValidationError):
        attendance_services.attendance_mark_all_present(actor=actor, session=first)
    assert not Attendance.objects.exists()


def test_attendance_page_of_a_future_session_says_when_marking_opens(client):
    event, (first, _second) = programme_event_with_sessions(days_ahead=79)
    registration = participant(event)
    client.force_login(trainer_of(event))
    html = client.get(reverse("events:attendance", args=[first.pk])).content.decode()
    assert "attendance can be marked from then" in html or "obecność można oznaczać od tej chwili" in html
    assert f'name="status-{registration.pk}"' not in html
    assert reverse("events:attendance_mark_all", args=[first.pk]) not in html
    response = client.post(reverse("events:attendance_mark_all", args=[first.pk]), follow=True)
    assert response.status_code == 200
    response = client.post(
        reverse("events:attendance", args=[first.pk]), {f"status-{registration.pk}": "absent"}
    )
    assert response.status_code == 302
    assert not Attendance.objects.exists()


def test_the_api_refuses_attendance_before_the_session_with_the_field(client):
    event, (first, _second) = programme_event_with_sessions(days_ahead=3)
    registration = participant(event)
    _token, raw = ApiToken.issue(coordinator(), "test")
    response = client.put(
        f"/api/v1/events/sessions/{first.pk}/attendance/{registration.pk}",
        {"status": "absent"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "session"
    assert not Attendance.objects.exists()


def test_attendance_can_be_marked_once_the_session_has_started():
    event, (first, _second) = programme_event_with_sessions(days_ahead=0)
    Session.objects.filter(pk=first.pk).update(starts_at=timezone.now() - datetime.timedelta(minutes=5))
    first.refresh_from_db()
    registration = participant(event)
    attendance_services.attendance_mark(
        actor=coordinator(), session=first, registration=registration, status="present_on_site"
    )
    assert Attendance.objects.get().status == "present_on_site"


# --- training hours -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("starts", "ends", "hours"),
    [
        (at(2030, 3, 26, 9), at(2030, 3, 26, 16), Decimal("7")),
        (at(2030, 3, 26, 9), at(2030, 3, 26, 12, 30), Decimal("3.5")),
        # 13–15 October, 9:00 to 15:00 each day: 3 days × 6 hours
        (at(2030, 10, 13, 9), at(2030, 10, 15, 15), Decimal("18")),
        # overnight: the span itself
        (at(2030, 10, 13, 20), at(2030, 10, 14, 2), Decimal("6")),
    ],
)
def test_hours_from_start_and_end(starts, ends, hours):
    assert event_services.session_hours(starts, ends) == hours


def test_hours_left_empty_are_computed_and_follow_the_dates_typed_hours_stay():
    event, actor = EventFactory(), coordinator()
    session = event_services.session_create(actor=actor, event=event, data=session_data(hours=None))
    assert (session.hours, session.hours_overridden) == (Decimal("7"), False)
    session = event_services.session_update(
        actor=actor, session=session, data={"ends_at": at(2030, 3, 26, 13)}
    )
    session.refresh_from_db()
    assert session.hours == Decimal("4")
    session = event_services.session_update(actor=actor, session=session, data={"hours": Decimal("3.25")})
    session = event_services.session_update(
        actor=actor, session=session, data={"ends_at": at(2030, 3, 26, 17)}
    )
    session.refresh_from_db()
    assert (session.hours, session.hours_overridden) == (Decimal("3.25"), True)
    session = event_services.session_update(actor=actor, session=session, data={"hours": None})
    session.refresh_from_db()
    assert (session.hours, session.hours_overridden) == (Decimal("8"), False)


def test_session_form_offers_computed_hours(client):
    event = EventFactory()
    venue = VenueFactory(capacity=30)
    client.force_login(coordinator())
    response = client.post(
        reverse("events:session_create", args=[event.pk]),
        {
            "starts_at": "2030-03-26T09:00",
            "ends_at": "2030-03-26T15:30",
            "hours": "",
            "format": Format.ON_SITE,
            "venue": venue.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    session = event.sessions.get()
    assert session.hours == Decimal("6.5")
    html = client.get(reverse("events:session_edit", args=[session.pk])).content.decode()
    assert 'name="hours"' in html
    assert 'name="hours" value=' not in html  # empty: still computed
    assert "6,5" in html or "6.5" in html


# --- one number of seats for the event ------------------------------------------------------------------


def test_one_number_of_seats_for_the_event_applies_to_sessions_without_their_own():
    event = EventFactory(onsite_seats=12)
    venue = VenueFactory(capacity=40)
    SessionFactory(event=event, order=1, format=Format.ON_SITE, venue=venue, onsite_seats=None)
    SessionFactory(
        event=event,
        order=2,
        format=Format.HYBRID,
        venue=venue,
        onsite_seats=None,
        online_url="https://x.example.org",
    )
    assert registration_selectors.places(event).onsite_capacity == 12
    SessionFactory(event=event, order=3, format=Format.ON_SITE, venue=venue, onsite_seats=8)
    assert registration_selectors.places(event).onsite_capacity == 8
    event.onsite_seats = None
    event.save()
    assert {session.seats for session in event.sessions.all()} == {40, 8}


def test_event_seats_are_validated():
    with pytest.raises(ValidationError) as error:
        event_services.event_create(actor=coordinator(), data={**_event_values(), "onsite_seats": 0})
    assert "onsite_seats" in error.value.message_dict


def _event_values():
    from .factories import event_data

    return event_data()


# --- the event page -------------------------------------------------------------------------------------


def test_event_page_says_until_when_one_can_cancel(client):
    event = event_with_sessions(cancellation_deadline=at(2030, 9, 1, 12))
    client.cookies["rozwoj_language"] = "en"
    html = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "You can cancel your registration until" in html
    assert "1 Sep 2030, 12:00" in html


def test_a_full_event_tells_an_anonymous_visitor_about_the_waiting_list(client):
    event = event_with_sessions(seats=1)
    client.cookies["rozwoj_language"] = "en"
    html = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "Log in to register" in html
    assert "waiting list" not in html
    participant(event)
    html = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "Registering now puts you on the waiting list" in html
    assert "Log in to join the waiting list" in html


def test_english_dates_are_unambiguous(client):
    event = event_with_sessions()
    Session.objects.filter(event=event).update(starts_at=at(2030, 9, 1, 9), ends_at=at(2030, 9, 1, 15))
    client.cookies["rozwoj_language"] = "en"
    html = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "1 Sep 2030" in html
    assert "09/01/2030" not in html
    assert "Sept. 1" not in html


def test_certificates_page_breadcrumb_starts_at_trainings(client):
    event, _sessions = programme_event_with_sessions()
    client.force_login(coordinator())
    html = client.get(reverse("events:certificates", args=[event.pk])).content.decode()
    breadcrumbs = html.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert reverse("events:list") in breadcrumbs
    assert reverse("events:detail", args=[event.pk]) in breadcrumbs


# --- certificates anyone can check --------------------------------------------------------------------


def test_every_page_links_to_certificate_verification(client):
    for path in ("/", reverse("events:list"), reverse("events:calendar")):
        html = client.get(path).content.decode()
        footer = html.split('class="site-footer"', 1)[1]
        assert f'href="{reverse("events:verify")}"' in footer


def test_certificate_prints_the_verification_address_and_its_qr_code(rf, settings):
    settings.SITE_URL = "https://rozwoj.example.gov.pl"
    event, sessions = programme_event_with_sessions()
    registration = participant(event)
    for session in sessions:
        Attendance.objects.create(session=session, registration=registration, status="present_on_site")
    certificate = certificate_services.certificate_issue(actor=coordinator(), registration=registration)
    html = pdf.certificate_html(certificate)
    address = f"https://rozwoj.example.gov.pl/events/certificates/verify/?code={certificate.code}"
    assert address in html
    qr = segno.make(address, error="m").svg_data_uri(scale=4, border=2)
    assert f'src="{qr}"' in html.replace("&amp;", "&") or f'src="{qr}"' in unquote(html)
    assert pdf.certificate_pdf(certificate).startswith(b"%PDF")


# --- organisations taking part ----------------------------------------------------------------------


def test_coordinator_adds_changes_and_removes_participating_organisations(client):
    event = event_with_sessions(Format.HYBRID)
    lspa = OrganisationFactory(name="Latvian School of Public Administration", country="LV")
    client.force_login(coordinator())
    url = reverse("events:organisations", args=[event.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"organisation": lspa.pk, "role": "partner", "mode": AttendanceMode.ONLINE})
    assert response.status_code == 302
    item = EventOrganisation.objects.get(event=event)
    assert (item.organisation, item.role, item.mode) == (lspa, "partner", "online")
    client.post(url, {"organisation": lspa.pk, "role": "partner", "mode": AttendanceMode.ON_SITE})
    assert EventOrganisation.objects.get(event=event).mode == "on_site"
    client.cookies["rozwoj_language"] = "en"
    html = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "Participating organisations" in html
    assert "Latvian School of Public Administration (Latvia): partner, on site" in html
    assert client.post(url, {"remove": item.pk}).status_code == 302
    assert not EventOrganisation.objects.exists()
    actions = [entry.action for entry in history_for(event)]
    assert actions.count("event.organisations") == 3


@pytest.mark.parametrize(
    "data",
    [
        {"organisation": "", "role": "partner", "mode": "online"},
        {"organisation": "99999999999999999999", "role": "partner", "mode": "online"},
        {"role": "boss", "mode": "online"},
        {"role": "partner", "mode": "by pigeon"},
    ],
)
def test_bad_input_on_participating_organisations_is_a_field_error(client, data):
    event = event_with_sessions()
    organisation = OrganisationFactory()
    data = {"organisation": organisation.pk, **data}
    client.force_login(coordinator())
    response = client.post(reverse("events:organisations", args=[event.pk]), data)
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert not EventOrganisation.objects.exists()


def test_only_coordinators_manage_participating_organisations():
    event = event_with_sessions()
    with pytest.raises(Exception) as error:
        participation.event_organisation_add(
            actor=trainer_of(event),
            event=event,
            organisation=OrganisationFactory(),
            role="partner",
            mode="online",
        )
    assert error.type.__name__ == "PermissionDenied"
