"""The write API of coaching: pilot groups (coordinators), agreements (their coach, coordinators), sessions (their
coach) and the coachee's rating — and never a private note in or out."""

import json

import pytest

from rozwoj.accounts.models import Role
from rozwoj.coaching import crypto
from rozwoj.coaching.models import Agreement, GoalProgress, PilotGroup, PilotGroupMember, Session
from rozwoj.organisations.tests.factories import OrganisationFactory
from rozwoj.people.tests.factories import PersonFactory, person_with_login
from rozwoj.programmes.tests.factories import ProgrammeFactory

from .factories import (
    AgreementFactory,
    PilotGroupFactory,
    SessionFactory,
    TechniqueFactory,
    make_coach,
    member,
)

pytestmark = pytest.mark.django_db

SECRET = "Niejawne: coachee boi się rozmowy z burmistrzem."


def _send(client, method, url, body):
    return client.generic(method, url, data=json.dumps(body), content_type="application/json")


def _agreement_body(coachee, **extra):
    return {
        "coachee_id": coachee.pk,
        "kind": "paid",
        "sessions_planned": 4,
        "start_date": "2026-03-01",
        "confidentiality_terms": "Between us.",
        "coachee_consent": True,
        "goals": ["Delegate more", "Listen first"],
        **extra,
    }


SESSION = {
    "held_on": "2026-03-08",
    "duration_minutes": 60,
    "mode": "online",
    "shared_notes": "Wspólne: krok.",
}


def test_the_journey_through_the_api(client):
    coordinator = person_with_login(Role.COORDINATOR).user
    coach = make_coach()
    coachee = person_with_login(Role.LOCAL_GOVERNMENT_MEMBER)
    client.force_login(coordinator)
    group_body = {
        "programme_id": ProgrammeFactory().pk,
        "partner_id": OrganisationFactory(country="LV").pk,
        "country": "lv",
        "name": "Rīga pilot group",
        "capacity": 1,
        "coach_ids": [coach.pk],
    }
    response = _send(client, "POST", "/api/v1/coaching/pilot-groups", group_body)
    assert response.status_code == 201, response.content
    group_id = response.json()["id"]
    assert response.json()["country"] == "LV"
    assert [c["id"] for c in response.json()["coaches"]] == [coach.pk]
    url = f"/api/v1/coaching/pilot-groups/{group_id}/members"
    assert _send(client, "POST", url, {"person_id": coachee.pk}).status_code == 201
    full = _send(client, "POST", url, {"person_id": PersonFactory().pk})
    assert full.status_code == 400
    assert PilotGroupMember.objects.filter(group_id=group_id).count() == 1
    # Fewer places than members: refused, named.
    shrink = _send(client, "PUT", f"/api/v1/coaching/pilot-groups/{group_id}", {**group_body, "capacity": 0})
    assert shrink.status_code == 422
    # The coach records an agreement with a member of their group, and a session with a technique.
    client.force_login(coach.person.user)
    technique = TechniqueFactory()
    response = _send(
        client, "POST", "/api/v1/coaching/agreements", _agreement_body(coachee, pilot_group_id=group_id)
    )
    assert response.status_code == 201, response.content
    agreement = Agreement.objects.get(pk=response.json()["id"])
    assert (agreement.coach_id, agreement.coachee_id) == (coach.pk, coachee.pk)
    assert [goal["title"] for goal in response.json()["goals"]] == ["Delegate more", "Listen first"]
    response = _send(
        client,
        "POST",
        f"/api/v1/coaching/agreements/{agreement.pk}/sessions",
        {**SESSION, "technique_ids": [technique.pk], "private_notes": SECRET},
    )
    assert response.status_code == 201, response.content
    session = Session.objects.get(pk=response.json()["id"])
    assert response.json()["techniques"] == [{"id": technique.pk, "name": technique.name}]
    assert crypto.decrypt(session.private_notes_token) == ""  # an unknown field writes nothing
    # The coachee rates; the coach reads it, may not rate.
    goal = agreement.goals.first()
    progress_url = f"/api/v1/coaching/sessions/{session.pk}/progress"
    assert (
        _send(client, "PUT", progress_url, {"ratings": [{"goal_id": goal.pk, "rating": 5}]}).status_code
        == 403
    )
    client.force_login(coachee.user)
    response = _send(client, "PUT", progress_url, {"ratings": [{"goal_id": goal.pk, "rating": 8}]})
    assert response.status_code == 200
    assert response.json()["progress"] == [{"goal_id": goal.pk, "rating": 8}]
    assert (
        _send(client, "PUT", progress_url, {"ratings": [{"goal_id": goal.pk, "rating": 11}]}).status_code
        == 422
    )
    assert GoalProgress.objects.get().rating == 8


def test_an_api_change_of_a_session_keeps_its_private_notes_and_never_shows_them(client):
    session = SessionFactory(
        agreement=AgreementFactory(coach=make_coach()), private_notes_token=crypto.encrypt(SECRET)
    )
    client.force_login(session.agreement.coach.person.user)
    response = _send(client, "PUT", f"/api/v1/coaching/sessions/{session.pk}", {**SESSION, "group_size": 3})
    assert response.status_code == 200, response.content
    session.refresh_from_db()
    assert (session.group_size, crypto.decrypt(session.private_notes_token)) == (3, SECRET)
    for answer in (
        response,
        client.get(f"/api/v1/coaching/agreements/{session.agreement_id}/sessions"),
        client.get("/api/v1/openapi.json"),
    ):
        body = answer.content.decode()
        assert SECRET not in body
        assert session.private_notes_token not in body
        assert "private_notes" not in body  # no schema, input or output, has a field for them


@pytest.mark.parametrize("role", ["coordinator", "other_coach", "coachee", "stranger"])
def test_only_the_coach_records_or_changes_a_session(client, role):
    coachee = person_with_login(Role.LOCAL_GOVERNMENT_MEMBER)
    session = SessionFactory(agreement=AgreementFactory(coach=make_coach(), coachee=coachee))
    user = {
        "coordinator": lambda: person_with_login(Role.COORDINATOR).user,
        "other_coach": lambda: make_coach().person.user,
        "coachee": lambda: coachee.user,
        "stranger": lambda: person_with_login(Role.PARTNER_MEMBER).user,
    }[role]()
    client.force_login(user)
    create = _send(client, "POST", f"/api/v1/coaching/agreements/{session.agreement_id}/sessions", SESSION)
    change = _send(client, "PUT", f"/api/v1/coaching/sessions/{session.pk}", SESSION)
    assert create.status_code in (403, 404)
    assert change.status_code in (403, 404)
    assert Session.objects.count() == 1
    assert Session.objects.get().mode == "on_site"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"coachee_consent": False}, "coachee_consent"),
        ({"goals": []}, "goals"),
        ({"sessions_planned": 0}, "sessions_planned"),
        ({"kind": "barter"}, "kind"),
        ({"end_date": "2026-01-01"}, None),
        ({"pilot_group_id": 999_999}, "pilot_group_id"),
        ({"coachee_id": 999_999}, "coachee_id"),
    ],
)
def test_bad_agreements_are_refused_with_the_field_named_and_nothing_written(client, change, field):
    coach = make_coach()
    group = PilotGroupFactory()
    group.coaches.add(coach)
    coachee = member(group).person
    client.force_login(coach.person.user)
    response = _send(client, "POST", "/api/v1/coaching/agreements", _agreement_body(coachee, **change))
    assert response.status_code in (400, 422), response.content
    if field is not None:
        assert field in json.dumps(response.json()["errors"])
    assert not Agreement.objects.exists()


def test_a_coach_cannot_name_someone_outside_their_groups_nor_an_unknown_technique(client):
    coach = make_coach()
    client.force_login(coach.person.user)
    response = _send(client, "POST", "/api/v1/coaching/agreements", _agreement_body(PersonFactory()))
    assert response.status_code == 400
    agreement = AgreementFactory(coach=coach)
    response = _send(
        client,
        "POST",
        f"/api/v1/coaching/agreements/{agreement.pk}/sessions",
        {**SESSION, "technique_ids": [99999]},
    )
    assert response.status_code == 400
    assert "technique_ids" in json.dumps(response.json())
    assert not Session.objects.exists()


def test_pilot_groups_are_written_by_coordinators_only(client):
    group = PilotGroupFactory()
    body = {
        "programme_id": group.programme_id,
        "partner_id": group.partner_id,
        "country": "LV",
        "name": "Renamed",
        "capacity": 5,
    }
    client.force_login(make_coach().person.user)
    assert _send(client, "POST", "/api/v1/coaching/pilot-groups", body).status_code == 403
    assert _send(client, "PUT", f"/api/v1/coaching/pilot-groups/{group.pk}", body).status_code in (403, 404)
    client.force_login(person_with_login(Role.COORDINATOR).user)
    assert (
        _send(client, "POST", "/api/v1/coaching/pilot-groups", {**body, "country": "XX"}).status_code == 400
    )
    assert _send(client, "PUT", f"/api/v1/coaching/pilot-groups/{group.pk}", body).status_code == 200
    assert PilotGroup.objects.get().name == "Renamed"
