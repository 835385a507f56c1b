"""A questionnaire sent to a partner's pilot group: coaching registers its groups as an audience of surveys
(rozwoj.surveys.audiences), which never imports coaching."""

import pytest
from django.urls import reverse

from rozwoj.accounts.models import Role
from rozwoj.people.tests.factories import person_with_login
from rozwoj.surveys.audiences import audience_choices, audience_members
from rozwoj.surveys.models import Distribution, Invitation
from rozwoj.surveys.tests.factories import training_feedback

from .factories import PilotGroupFactory, make_coach, member

pytestmark = pytest.mark.django_db


def _post(client, questionnaire, group_value):
    data = {
        "target": "group",
        "group": group_value,
        "wave": questionnaire.waves.get().pk,
        "reminder_every_days": "7",
        "max_reminders": "2",
    }
    return client.post(reverse("surveys:distributions", args=[questionnaire.pk]), data)


def test_a_coordinator_sends_a_questionnaire_to_a_pilot_groups_members(client):
    coordinator = person_with_login(Role.COORDINATOR).user
    group = PilotGroupFactory(name="Rīga mentors")
    members = [member(group).person for _ in range(3)]
    other = PilotGroupFactory()
    member(other)
    questionnaire = training_feedback(coordinator)
    client.force_login(coordinator)
    page = client.get(reverse("surveys:distributions", args=[questionnaire.pk])).content.decode()
    assert "Rīga mentors" in page
    response = _post(client, questionnaire, f"coaching.pilot_group:{group.pk}")
    assert response.status_code == 302
    invited = set(Invitation.objects.values_list("person_id", flat=True))
    assert invited == {person.pk for person in members}
    distribution = Distribution.objects.get()
    assert "Rīga mentors" in distribution.source_label
    assert distribution.source_url == reverse("coaching:group", args=[group.pk])
    page = client.get(reverse("surveys:distributions", args=[questionnaire.pk])).content.decode()
    assert f'href="{distribution.source_url}"' in page


def test_a_coach_sends_only_to_the_groups_they_coach(client):
    coach = make_coach()
    user = coach.person.user
    mine, theirs = PilotGroupFactory(), PilotGroupFactory()
    mine.coaches.add(coach)
    member(mine)
    member(theirs)
    assert [value for _kind, options in audience_choices(user) for value, _name in options] == [
        f"coaching.pilot_group:{mine.pk}"
    ]
    assert audience_members(user, f"coaching.pilot_group:{theirs.pk}") is None
    questionnaire = training_feedback(user)
    client.force_login(user)
    response = _post(client, questionnaire, f"coaching.pilot_group:{theirs.pk}")  # a tampered form
    assert response.status_code == 400
    assert not Invitation.objects.exists()
    assert _post(client, questionnaire, f"coaching.pilot_group:{mine.pk}").status_code == 302
    assert Invitation.objects.count() == 1


def test_bad_group_values_are_refused_with_a_message(client):
    coordinator = person_with_login(Role.COORDINATOR).user
    empty = PilotGroupFactory()
    questionnaire = training_feedback(coordinator)
    client.force_login(coordinator)
    for value in ["", "nonsense", "coaching.pilot_group:x", "coaching.pilot_group:999999", "other:1"]:
        response = _post(client, questionnaire, value)
        assert response.status_code == 400, value
    response = _post(client, questionnaire, f"coaching.pilot_group:{empty.pk}")
    assert response.status_code == 400
    assert not Distribution.objects.exists()


def test_an_expert_who_coaches_no_group_is_not_offered_groups(client):
    expert = person_with_login(Role.EXPERT).user
    PilotGroupFactory()
    assert audience_choices(expert) == []
    questionnaire = training_feedback(expert)
    client.force_login(expert)
    page = client.get(reverse("surveys:distributions", args=[questionnaire.pk])).content.decode()
    assert 'value="group"' not in page
