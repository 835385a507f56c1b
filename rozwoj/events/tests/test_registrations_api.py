import datetime

import pytest
from django.test import Client
from django.utils import timezone

from rozwoj.accounts.models import ApiToken, Role
from rozwoj.events.models import EventTrainer, Format, Registration
from rozwoj.people.tests.factories import PersonFactory, person_with_login

from .factories import RegistrationFactory, event_with_sessions, hybrid_event

pytestmark = pytest.mark.django_db


def token_client(user) -> Client:
    _token, raw = ApiToken.issue(user, "test")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def url(event) -> str:
    return f"/api/v1/events/{event.pk}/registrations"


def test_register_self_with_token():
    person = person_with_login()
    event = hybrid_event()
    response = token_client(person.user).post(
        url(event), {"mode": "on_site"}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["mode"], body["person_id"]) == ("confirmed", "on_site", person.pk)


def test_full_goes_online_or_waiting_via_api():
    event = hybrid_event(seats=1)
    RegistrationFactory(event=event)
    a, b = person_with_login(), person_with_login()
    online = token_client(a.user).post(
        url(event), {"mode": "on_site", "online_if_full": True}, content_type="application/json"
    )
    assert (online.json()["status"], online.json()["mode"]) == ("confirmed", "online")
    waiting = token_client(b.user).post(url(event), {"mode": "on_site"}, content_type="application/json")
    assert waiting.json()["status"] == "waiting"


def test_refusals_are_json_with_the_field():
    person = person_with_login()
    client = token_client(person.user)
    on_site_only = event_with_sessions(Format.ON_SITE)
    bad_mode = client.post(url(on_site_only), {"mode": "online"}, content_type="application/json")
    assert bad_mode.status_code == 422
    assert bad_mode.json()["errors"][0]["field"] == "mode"
    unknown = client.post(url(on_site_only), {"mode": "teleport"}, content_type="application/json")
    assert unknown.status_code == 422
    missing = client.post(url(on_site_only), {}, content_type="application/json")
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"].endswith("mode")
    closed = hybrid_event(
        registration_opens_at=timezone.now() - datetime.timedelta(days=2),
        registration_closes_at=timezone.now() - datetime.timedelta(days=1),
    )
    refused = client.post(url(closed), {"mode": "on_site"}, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "person"
    event = hybrid_event()
    assert client.post(url(event), {"mode": "on_site"}, content_type="application/json").status_code == 201
    again = client.post(url(event), {"mode": "on_site"}, content_type="application/json")
    assert again.status_code == 409
    assert again.json()["errors"][0]["field"] == "person"
    assert Registration.objects.count() == 1


def test_person_id_only_for_coordinators():
    event = hybrid_event()
    someone = PersonFactory()
    participant = person_with_login()
    forbidden = token_client(participant.user).post(
        url(event), {"mode": "on_site", "person_id": someone.pk}, content_type="application/json"
    )
    assert forbidden.status_code == 403
    coordinator = person_with_login(Role.COORDINATOR).user
    created = token_client(coordinator).post(
        url(event), {"mode": "on_site", "person_id": someone.pk}, content_type="application/json"
    )
    assert created.status_code == 201
    assert created.json()["person_id"] == someone.pk
    missing = token_client(coordinator).post(
        url(event), {"mode": "on_site", "person_id": 999999}, content_type="application/json"
    )
    assert missing.status_code == 404


def test_list_for_managers_only_with_bounded_queries(django_assert_max_num_queries):
    event = hybrid_event()
    RegistrationFactory.create_batch(30, event=event)
    RegistrationFactory(event=event, status="waiting")
    participant = person_with_login()
    assert token_client(participant.user).get(url(event)).status_code == 403
    assert Client().get(url(event)).status_code == 401
    trainer = person_with_login(Role.EXPERT)
    EventTrainer.objects.create(event=event, person=trainer)
    client = token_client(trainer.user)
    with django_assert_max_num_queries(12):
        response = client.get(url(event))
    assert response.status_code == 200
    assert response.json()["count"] == 31
    waiting = client.get(url(event), {"status": "waiting"}).json()
    assert waiting["count"] == 1
    assert client.get(url(event), {"status": "bogus"}).status_code == 422


def test_cancel_own_and_not_others():
    event = hybrid_event(seats=1)
    person = person_with_login()
    mine = RegistrationFactory(event=event, person=person)
    waiting = RegistrationFactory(event=event, status="waiting")
    other_user = person_with_login().user
    assert token_client(other_user).post(f"/api/v1/events/registrations/{mine.pk}/cancel").status_code == 404
    response = token_client(person.user).post(f"/api/v1/events/registrations/{mine.pk}/cancel")
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    again = token_client(person.user).post(f"/api/v1/events/registrations/{mine.pk}/cancel")
    assert again.status_code == 409


def test_cancel_after_deadline_is_409():
    event = hybrid_event(cancellation_deadline=timezone.now() - datetime.timedelta(hours=1))
    person = person_with_login()
    mine = RegistrationFactory(event=event, person=person)
    response = token_client(person.user).post(f"/api/v1/events/registrations/{mine.pk}/cancel")
    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "status"
    mine.refresh_from_db()
    assert mine.status == "confirmed"


def test_session_post_needs_csrf_token():
    person = person_with_login()
    event = hybrid_event()
    client = Client(enforce_csrf_checks=True)
    client.force_login(person.user)
    refused = client.post(url(event), {"mode": "on_site"}, content_type="application/json")
    assert refused.status_code == 403
    assert not Registration.objects.exists()
    client.get("/")  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    accepted = client.post(
        url(event), {"mode": "on_site"}, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert accepted.status_code == 201


def test_registrations_in_openapi():
    schema = Client().get("/api/v1/openapi.json").json()
    assert "/api/v1/events/{event_id}/registrations" in schema["paths"]
    assert "/api/v1/events/registrations/{registration_id}/cancel" in schema["paths"]
