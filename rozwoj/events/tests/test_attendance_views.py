import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.events.models import (
    Attendance,
    AttendanceMode,
    AttendanceStatus,
    Registration,
    RegistrationStatus,
)
from rozwoj.organisations.tests.factories import OrganisationFactory
from rozwoj.people.models import Membership, Person

from .factories import (
    RegistrationFactory,
    coordinator,
    member_of,
    participant,
    programme_event_with_sessions,
    trainer_of,
)

pytestmark = pytest.mark.django_db


def test_marking_page_lists_participants_with_accessible_radio_groups(client):
    event, (first, _second) = programme_event_with_sessions()
    registration = participant(event, first_name="Zofia", last_name="Ślęzak")
    member_of(registration.person, OrganisationFactory(name="Urząd Gminy Kłodzko"))
    RegistrationFactory(event=event, status=RegistrationStatus.WAITING, person__last_name="Czekający")
    client.force_login(coordinator())
    response = client.get(reverse("events:attendance", args=[first.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Zofia Ślęzak" in html
    assert "Urząd Gminy Kłodzko" in html
    assert "Czekający" not in html
    assert html.count(f'name="status-{registration.pk}"') == 4
    assert "<legend" in html
    assert reverse("events:attendance_mark", args=[first.pk, registration.pk]) in html


def test_page_access_per_role(client):
    event, (first, _second) = programme_event_with_sessions()
    registration = participant(event)
    url = reverse("events:attendance", args=[first.pk])
    assert client.get(url).status_code == 302
    client.force_login(registration.person.user)
    assert client.get(url).status_code == 403
    assert client.get(reverse("events:attendance_pdf", args=[first.pk])).status_code == 403
    client.force_login(trainer_of(event))
    assert client.get(url).status_code == 200
    assert client.get(reverse("events:attendance", args=[999999])).status_code == 404


def test_htmx_mark_returns_the_updated_row(client):
    event, (first, _second) = programme_event_with_sessions()
    registration = participant(event)
    client.force_login(coordinator())
    url = reverse("events:attendance_mark", args=[first.pk, registration.pk])
    response = client.post(url, {f"status-{registration.pk}": "present_online"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<tr") or "<tr id=" in html
    assert (
        f'id="att-{registration.pk}-present_online" name="status-{registration.pk}" value="present_online" checked'
        in html
    )
    assert 'hx-swap-oob="true"' in html
    assert Attendance.objects.get().status == AttendanceStatus.PRESENT_ONLINE


def test_htmx_mark_with_bad_status_shows_the_error_and_changes_nothing(client):
    event, (first, _second) = programme_event_with_sessions()
    registration = participant(event)
    client.force_login(coordinator())
    url = reverse("events:attendance_mark", args=[first.pk, registration.pk])
    response = client.post(url, {f"status-{registration.pk}": "asleep"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not Attendance.objects.exists()
    waiting = RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    response = client.post(
        reverse("events:attendance_mark", args=[first.pk, waiting.pk]),
        {"status": "absent"},
        HTTP_HX_REQUEST="true",
    )
    assert "errorlist" in response.content.decode()
    assert not Attendance.objects.exists()
    other_event, _sessions = programme_event_with_sessions()
    stranger = participant(other_event)
    assert (
        client.post(
            reverse("events:attendance_mark", args=[first.pk, stranger.pk]), {"status": "absent"}
        ).status_code
        == 404
    )


def test_mark_without_javascript_redirects_back(client):
    event, (first, _second) = programme_event_with_sessions()
    registration = participant(event)
    client.force_login(coordinator())
    response = client.post(
        reverse("events:attendance_mark", args=[first.pk, registration.pk]), {"status": "excused"}
    )
    assert response.status_code == 302
    assert Attendance.objects.get().status == AttendanceStatus.EXCUSED


def test_save_all_and_mark_all_present(client):
    event, (first, _second) = programme_event_with_sessions()
    one, two, three = (participant(event) for _i in range(3))
    client.force_login(coordinator())
    url = reverse("events:attendance", args=[first.pk])
    response = client.post(
        url, {f"status-{one.pk}": "absent", f"status-{two.pk}": "present_on_site", "csrf": "x"}
    )
    assert response.status_code == 302
    assert dict(Attendance.objects.values_list("registration_id", "status")) == {
        one.pk: "absent",
        two.pk: "present_on_site",
    }
    # A bad value anywhere saves nothing.
    client.post(url, {f"status-{one.pk}": "present_on_site", f"status-{three.pk}": "bogus"})
    assert Attendance.objects.get(registration=one).status == "absent"
    client.post(reverse("events:attendance_mark_all", args=[first.pk]))
    assert dict(Attendance.objects.values_list("registration_id", "status")) == {
        one.pk: "absent",
        two.pk: "present_on_site",
        three.pk: "present_on_site",
    }


def test_attendance_pdf_is_a_pdf(client):
    event, (first, _second) = programme_event_with_sessions()
    participant(event)
    client.force_login(coordinator())
    response = client.get(reverse("events:attendance_pdf", args=[first.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def _bulk_registrations(event, count: int):
    organisation = OrganisationFactory()
    people = Person.objects.bulk_create(
        [
            Person(first_name="Uczestnik", last_name=f"Nr {n:05d}", email=f"bulk{event.pk}-{n}@example.org")
            for n in range(count)
        ]
    )
    Membership.objects.bulk_create([Membership(person=p, organisation=organisation) for p in people])
    Registration.objects.bulk_create(
        [
            Registration(
                event=event, person=p, mode=AttendanceMode.ON_SITE, status=RegistrationStatus.CONFIRMED
            )
            for p in people
        ]
    )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_marking_page_queries_do_not_grow_with_5000_registrations(client, django_assert_max_num_queries):
    small, (small_session, _s) = programme_event_with_sessions()
    large, (large_session, _l) = programme_event_with_sessions()
    _bulk_registrations(small, 10)
    _bulk_registrations(large, 5000)
    client.force_login(trainer_of(large))
    client.force_login(coordinator())
    small_count = _queries(client, reverse("events:attendance", args=[small_session.pk]))
    large_count = _queries(client, reverse("events:attendance", args=[large_session.pk]) + "?page=7")
    assert small_count == large_count
    with django_assert_max_num_queries(12):
        response = client.get(reverse("events:attendance", args=[large_session.pk]))
    assert response.content.decode().count('type="radio"') == 400  # 100 rows on a page


def test_certificates_page_queries_do_not_grow(client):
    small, _s = programme_event_with_sessions()
    large, _l = programme_event_with_sessions()
    _bulk_registrations(small, 10)
    _bulk_registrations(large, 500)
    client.force_login(coordinator())
    assert _queries(client, reverse("events:certificates", args=[small.pk])) == _queries(
        client, reverse("events:certificates", args=[large.pk])
    )


def test_expert_without_the_event_gets_403(client):
    event, (first, _second) = programme_event_with_sessions()
    client.force_login(user_with_role(Role.EXPERT))
    assert client.post(reverse("events:attendance_mark_all", args=[first.pk])).status_code == 403
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("key", ["status-²", "status-99999999999999999999", "status--1"])
def test_marks_with_impossible_registration_numbers_save_nothing(client, key):
    event, (first, _second) = programme_event_with_sessions()
    participant(event)
    client.force_login(coordinator())
    response = client.post(reverse("events:attendance", args=[first.pk]), {key: "present_on_site"})
    assert response.status_code == 302
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("value", ["²", "99999999999999999999", "x"])
def test_issuing_a_certificate_for_an_impossible_registration_is_404(client, value):
    event, _sessions = programme_event_with_sessions()
    participant(event)
    client.force_login(coordinator())
    response = client.post(reverse("events:certificates", args=[event.pk]), {"registration": value})
    assert response.status_code == 404
