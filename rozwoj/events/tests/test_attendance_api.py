import pytest

from rozwoj.accounts.models import ApiToken, Role
from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.events.models import Attendance, RegistrationStatus

from .factories import (
    RegistrationFactory,
    coordinator,
    participant,
    programme_event_with_sessions,
    trainer_of,
)

pytestmark = pytest.mark.django_db


def url(session, registration=None):
    base = f"/api/v1/events/sessions/{session.pk}/attendance"
    return f"{base}/{registration.pk}" if registration else base


def test_list_and_mark_with_a_token(client):
    event, (first, _second) = programme_event_with_sessions()
    one = participant(event, first_name="Jan", last_name="Kowalski")
    participant(event)
    RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    _token, raw = ApiToken.issue(coordinator(), "test")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    response = client.put(
        url(first, one), {"status": "present_online"}, content_type="application/json", **headers
    )
    assert response.status_code == 200
    assert response.json()["status"] == "present_online"
    assert Attendance.objects.get().status == "present_online"
    data = client.get(url(first), **headers).json()
    assert data["count"] == 2
    row = next(item for item in data["items"] if item["registration_id"] == one.pk)
    assert row == {
        "registration_id": one.pk,
        "person_id": one.person_id,
        "name": "Jan Kowalski",
        "mode": "on_site",
        "status": "present_online",
    }
    assert sum(1 for item in data["items"] if item["status"] is None) == 1


def test_invalid_status_is_422_naming_the_field(client):
    event, (first, _second) = programme_event_with_sessions()
    registration = participant(event)
    client.force_login(coordinator())
    for body in ({"status": "sleeping"}, {}, {"state": "absent"}):
        response = client.put(url(first, registration), body, content_type="application/json")
        assert response.status_code == 422
        assert any(
            error["field"] and error["field"].endswith("status") for error in response.json()["errors"]
        )
    assert not Attendance.objects.exists()


def test_unconfirmed_registration_is_refused_with_the_field(client):
    event, (first, _second) = programme_event_with_sessions()
    waiting = RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    client.force_login(coordinator())
    response = client.put(url(first, waiting), {"status": "absent"}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "registration"
    other_event, _sessions = programme_event_with_sessions()
    stranger = participant(other_event)
    response = client.put(url(first, stranger), {"status": "absent"}, content_type="application/json")
    assert response.status_code == 404
    assert not Attendance.objects.exists()


def test_permissions(client):
    event, (first, _second) = programme_event_with_sessions()
    registration = participant(event)
    assert client.get(url(first)).status_code == 401
    client.force_login(registration.person.user)
    assert client.get(url(first)).status_code == 403
    assert (
        client.put(
            url(first, registration), {"status": "absent"}, content_type="application/json"
        ).status_code
        == 403
    )
    client.force_login(user_with_role(Role.EXPERT))
    assert client.get(url(first)).status_code == 403
    assert client.get("/api/v1/events/sessions/999999/attendance").status_code == 404
    client.force_login(trainer_of(event))
    assert client.get(url(first)).status_code == 200
    assert not Attendance.objects.exists()


def test_in_openapi(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/events/sessions/{session_id}/attendance" in paths
    assert "put" in paths["/api/v1/events/sessions/{session_id}/attendance/{registration_id}"]
