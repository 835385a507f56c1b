import pytest
from django.urls import reverse

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.events.models import Attendance, AttendanceStatus, Certificate
from rozwoj.events.services import attendance as attendance_services
from rozwoj.events.services import certificates as services

from .factories import coordinator, participant, programme_event_with_sessions, trainer_of

pytestmark = pytest.mark.django_db


def attended(sessions, registration, count=None):
    actor = coordinator()
    for session in sessions[:count]:
        attendance_services.attendance_mark(
            actor=actor, session=session, registration=registration, status=AttendanceStatus.PRESENT_ON_SITE
        )
    return registration


def test_certificates_page_issues_all_and_one(client):
    event, sessions = programme_event_with_sessions()
    done = attended(sessions, participant(event, first_name="Adam", last_name="Adamski"))
    done_en = attended(sessions, participant(event, first_name="Beata", last_name="Bielska"))
    partial = attended(sessions, participant(event, first_name="Cezary", last_name="Cichy"), count=1)
    client.force_login(coordinator())
    url = reverse("events:certificates", args=[event.pk])
    html = client.get(url).content.decode()
    assert "Adam Adamski" in html
    assert "Cezary Cichy" in html
    # One, in English.
    response = client.post(url, {"registration": done_en.pk, "language": "en"})
    assert response.status_code == 302
    assert Certificate.objects.get(registration=done_en).language == "en"
    # Below the threshold: refused with a message, nothing stored.
    response = client.post(url, {"registration": partial.pk}, follow=True)
    assert "Cezary Cichy" in response.content.decode()
    assert not Certificate.objects.filter(registration=partial).exists()
    # All who completed.
    client.post(url)
    assert set(Certificate.objects.values_list("registration_id", flat=True)) == {done.pk, done_en.pk}
    # Garbage input is not an error.
    assert client.post(url, {"registration": "abc"}).status_code == 404
    assert client.post(url, {"registration": done.pk, "language": "xx"}).status_code == 302


def test_certificates_page_only_for_managers(client):
    event, _sessions = programme_event_with_sessions()
    url = reverse("events:certificates", args=[event.pk])
    client.force_login(participant(event).person.user)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert not Certificate.objects.exists()
    client.force_login(trainer_of(event))
    assert client.get(url).status_code == 200


def test_certificate_pdf_for_the_participant_and_managers_only(client):
    event, sessions = programme_event_with_sessions()
    registration = attended(sessions, participant(event))
    other = attended(sessions, participant(event))
    url = reverse("events:certificate_pdf", args=[registration.pk])
    client.force_login(registration.person.user)
    assert client.get(url).status_code == 404  # not issued yet
    services.certificate_issue(actor=coordinator(), registration=registration)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    client.force_login(other.person.user)
    assert client.get(url).status_code == 404
    client.force_login(user_with_role(Role.EXPERT))
    assert client.get(url).status_code == 404
    client.force_login(trainer_of(event))
    assert client.get(url).status_code == 200


@pytest.fixture
def certificate():
    event, sessions = programme_event_with_sessions(title="Zarządzanie projektem")
    registration = attended(sessions, participant(event, first_name="Ewa", last_name="Ęćka"))
    return services.certificate_issue(actor=coordinator(), registration=registration)


def test_verify_valid_code_shows_only_name_event_dates_and_hours(client, certificate):
    response = client.get(reverse("events:verify"), {"code": certificate.code.lower()})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ewa Ęćka" in html
    assert "Zarządzanie projektem" in html
    assert "10" in html
    person = certificate.registration.person
    assert person.email not in html
    assert certificate.registration.event.organiser.name not in html


@pytest.mark.parametrize(
    "code",
    ["ZZZZ-ZZZZ-ZZZZ", "garbage", "' OR 1=1 --", "<script>alert(1)</script>", "ą" * 39, "x" * 500, "   "],
)
def test_verify_unknown_or_garbage_code_says_so_and_never_fails(client, certificate, code):
    response = client.get(reverse("events:verify"), {"code": code})
    assert response.status_code == 200
    assert "Ewa Ęćka" not in response.content.decode()
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_verify_unknown_code_message(client, certificate):
    from django.utils import translation
    from django.utils.translation import gettext

    response = client.get(reverse("events:verify"), {"code": "ZZZZ-ZZZZ-ZZZZ"})
    with translation.override("pl"):
        assert gettext("No certificate with this code") in response.content.decode()


def test_verify_empty_form_and_post(client):
    response = client.get(reverse("events:verify"))
    assert response.status_code == 200
    assert 'name="code"' in response.content.decode()
    assert client.get(reverse("events:verify"), {"code": ""}).status_code == 200


def test_attendance_kept_when_certificate_issued(certificate):
    assert Attendance.objects.count() == 2
