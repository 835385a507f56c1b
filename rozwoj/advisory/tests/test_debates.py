"""Debates and dialogue meetings: the service's rules (validation, the ordered recommendations kept with their
HDR actions, turning a recommendation into an action and its refusals), the pages within a query budget, bad
input as messages, and who may read and write."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.core.models import AuditLogEntry
from rozwoj.core.testing import assert_page

from ..models import ActionOrigin, Debate, DebateKind, EngagementStatus, HdrStatus, Recommendation
from ..services import debates as services
from ..services import hdr as hdr_services
from .factories import engagement_with_team
from .hdr_helpers import drafted_hdr, lg_member_of

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 20


def _u(name, *args):
    return reverse(f"advisory:{name}", args=args)


def _data(engagement, **extra):
    return {
        "kind": DebateKind.DIALOGUE,
        "topic": "Sieć szkół w gminie",
        "date": engagement.call.cycle_starts_on + datetime.timedelta(days=10),
        "place": "Sala sesyjna urzędu gminy",
        "is_online": False,
        "moderator_expert": engagement.pro_expert,
        "moderator_name": "",
        "invited_groups": ["parents", "teachers", "councillors"],
        "agenda": "1. Dane o sieci szkół\n2. Dyskusja",
        "participant_count": 42,
        "participants": "",
        "conclusions": "Mieszkańcy chcą zachować małe szkoły.",
        **extra,
    }


def _debate(engagement, recommendations=("Powołać zespół ds. sieci szkół", "Konsultować zmiany z rodzicami")):
    adviser = engagement.pro_expert.person.user
    return services.debate_save(
        actor=adviser, engagement=engagement, data=_data(engagement), recommendations=list(recommendations)
    )


def test_a_debate_keeps_its_recommendations_in_order():
    engagement = engagement_with_team()
    debate = _debate(engagement)
    assert [r.text for r in debate.recommendations.all()] == [
        "Powołać zespół ds. sieci szkół",
        "Konsultować zmiany z rodzicami",
    ]
    assert debate.moderator == str(engagement.pro_expert.person)
    assert debate.invited_group_labels()[0] in ("parents", "rodzice")


def test_bad_input_is_refused_with_messages():
    engagement = engagement_with_team()
    other = engagement_with_team()
    adviser = engagement.pro_expert.person.user
    with pytest.raises(ValidationError) as error:
        services.debate_save(
            actor=adviser,
            engagement=engagement,
            data=_data(
                engagement,
                topic=" ",
                place="",
                moderator_expert=other.ros_expert,
                invited_groups=["aliens"],
            ),
            recommendations=["x" * 2001],
        )
    assert set(error.value.message_dict) == {
        "topic",
        "place",
        "moderator_expert",
        "invited_groups",
        "recommendations",
    }
    online = services.debate_save(
        actor=adviser, engagement=engagement, data=_data(engagement, place="", is_online=True)
    )
    assert online.is_online


def test_only_the_team_and_coordinators_write():
    engagement = engagement_with_team()
    lg_user = lg_member_of(engagement)
    with pytest.raises(PermissionDenied):
        services.debate_save(actor=lg_user, engagement=engagement, data=_data(engagement))
    with pytest.raises(PermissionDenied):
        services.debate_save(actor=user_with_role("expert"), engagement=engagement, data=_data(engagement))
    assert services.debate_save(
        actor=user_with_role("coordinator"), engagement=engagement, data=_data(engagement)
    )


def test_editing_the_list_keeps_the_recommendation_that_became_an_action():
    hdr = drafted_hdr()
    engagement = hdr.engagement
    adviser = engagement.pro_expert.person.user
    debate = _debate(engagement)
    first, second = debate.recommendations.all()
    action = services.recommendation_to_action(actor=adviser, recommendation=second)
    debate = services.debate_save(
        actor=adviser,
        engagement=engagement,
        debate=debate,
        data=_data(engagement),
        recommendations=["Konsultować zmiany z rodzicami", "Nowa rekomendacja", "Powołać zespół"],
    )
    rows = list(debate.recommendations.all())
    assert [r.text for r in rows] == ["Konsultować zmiany z rodzicami", "Nowa rekomendacja", "Powołać zespół"]
    assert rows[0].pk == second.pk
    assert rows[0].hdr_actions.get() == action
    assert first.pk in {r.pk for r in rows}  # edited in place
    with pytest.raises(ValidationError) as error:
        services.debate_save(
            actor=adviser, engagement=engagement, debate=debate, data=_data(engagement), recommendations=[]
        )
    assert "recommendations" in error.value.message_dict
    assert Recommendation.objects.filter(pk=second.pk).exists()


def test_a_recommendation_becomes_an_action_that_shows_where_it_came_from(client):
    hdr = drafted_hdr()
    engagement = hdr.engagement
    adviser = engagement.pro_expert.person.user
    debate = _debate(engagement)
    recommendation = debate.recommendations.first()
    client.force_login(adviser)
    response = client.post(_u("recommendation_to_action", recommendation.pk))
    action = hdr.actions.get(source_recommendation=recommendation)
    assert response.status_code == 302
    assert response.url == _u("hdr_action", action.pk)
    assert action.title == recommendation.text
    assert action.description == recommendation.text
    assert action.origin == ActionOrigin.DEBATE
    origin = f"ze spotkania dialogowego „{debate.topic}”"  # the dialogue meeting's origin, in Polish
    action_page = client.get(_u("hdr_action", action.pk)).content.decode()
    assert origin in action_page
    assert _u("debate", debate.pk) in action_page
    assert origin in client.get(_u("hdr", engagement.pk)).content.decode()
    again = client.post(_u("recommendation_to_action", recommendation.pk), follow=True)
    assert hdr.actions.filter(source_recommendation=recommendation).count() == 1
    assert "already" in again.content.decode() or "już" in again.content.decode()


def test_turning_into_an_action_is_refused_without_an_hdr_or_when_published(client):
    engagement = engagement_with_team()
    adviser = engagement.pro_expert.person.user
    recommendation = _debate(engagement).recommendations.first()
    with pytest.raises(ValidationError, match="no HDR|nie ma"):
        services.recommendation_to_action(actor=adviser, recommendation=recommendation)
    hdr = hdr_services.hdr_start(actor=adviser, engagement=engagement)
    hdr.status, hdr.published_at = HdrStatus.PUBLISHED, hdr.created_at
    hdr.save()
    with pytest.raises(ValidationError, match="published|opublikowany"):
        services.recommendation_to_action(actor=adviser, recommendation=recommendation)
    client.force_login(adviser)
    response = client.post(_u("recommendation_to_action", recommendation.pk), follow=True)
    assert response.status_code == 200
    assert not hdr.actions.exists()
    with pytest.raises(PermissionDenied):
        services.recommendation_to_action(actor=lg_member_of(engagement), recommendation=recommendation)


@pytest.mark.parametrize("count", [1, 6])
def test_the_pages_within_their_budget(client, count):
    hdr = drafted_hdr()
    engagement = hdr.engagement
    for _ in range(count):
        debate = _debate(engagement, recommendations=[f"Rekomendacja {n}" for n in range(count)])
    services.recommendation_to_action(
        actor=engagement.pro_expert.person.user, recommendation=debate.recommendations.first()
    )
    client.force_login(engagement.pro_expert.person.user)
    assert_page(client, _u("debates", engagement.pk), queries=QUERY_BUDGET, contains=debate.topic)
    assert_page(client, _u("debate", debate.pk), queries=QUERY_BUDGET, contains="Rekomendacja 0")
    assert_page(client, _u("debate_edit", debate.pk), queries=QUERY_BUDGET)
    assert_page(client, _u("debate_create", engagement.pk), queries=QUERY_BUDGET)
    assert_page(client, _u("engagement", engagement.pk), queries=40, contains=_u("debates", engagement.pk))


def test_the_form_creates_and_shows_bad_input(client):
    engagement = engagement_with_team()
    client.force_login(engagement.ros_expert.person.user)
    bad = client.post(
        _u("debate_create", engagement.pk),
        {
            "kind": "nonsense",
            "topic": "",
            "date": "31-31-2020",
            "participant_count": "-5",
            "moderator_expert": "99999999999999999999",
            "invited_groups": ["aliens"],
        },
    )
    assert bad.status_code == 200
    assert not Debate.objects.exists()
    no_place = client.post(
        _u("debate_create", engagement.pk), {"kind": "debate", "topic": "Debata", "date": "2026-03-01"}
    )
    assert no_place.status_code == 200
    assert not Debate.objects.exists()
    response = client.post(
        _u("debate_create", engagement.pk),
        {
            "kind": "debate",
            "topic": "Debata oświatowa",
            "date": "2026-03-01",
            "is_online": "on",
            "moderator_name": "Anna Moderatorka",
            "invited_groups": ["parents", "ngos"],
            "participant_count": "30",
            "recommendations": "Pierwsza\n\nDruga\n",
        },
    )
    debate = Debate.objects.get()
    assert response.status_code == 302
    assert response.url == _u("debate", debate.pk)
    assert [r.text for r in debate.recommendations.all()] == ["Pierwsza", "Druga"]
    assert debate.invited_groups == ["parents", "ngos"]


def test_local_government_members_read_and_others_get_404(client):
    engagement = engagement_with_team()
    debate = _debate(engagement)
    client.force_login(lg_member_of(engagement))
    assert client.get(_u("debate", debate.pk)).status_code == 200
    assert client.get(_u("debates", engagement.pk)).status_code == 200
    assert client.get(_u("debate_edit", debate.pk)).status_code == 403
    client.force_login(user_with_role("expert"))
    assert client.get(_u("debate", debate.pk)).status_code == 404
    assert client.get(_u("debates", engagement.pk)).status_code == 404
    assert client.post(_u("recommendation_to_action", debate.recommendations.first().pk)).status_code == 404


# --- deleting a meeting ---------------------------------------------------------------------------------


def test_a_meeting_is_deleted_with_its_recommendations_and_logged():
    engagement = engagement_with_team()
    debate = _debate(engagement)
    with pytest.raises(PermissionDenied):
        services.debate_delete(actor=lg_member_of(engagement), debate=debate)
    with pytest.raises(PermissionDenied):
        services.debate_delete(actor=user_with_role("expert"), debate=debate)
    services.debate_delete(actor=engagement.ros_expert.person.user, debate=debate)
    assert not Debate.objects.exists()
    assert not Recommendation.objects.exists()
    assert AuditLogEntry.objects.filter(action="advisory.debate.delete").count() == 1


def test_a_meeting_whose_recommendation_became_an_action_is_not_deleted(client):
    hdr = drafted_hdr()
    engagement = hdr.engagement
    adviser = engagement.pro_expert.person.user
    debate = _debate(engagement)
    second = debate.recommendations.order_by("order")[1]
    action = services.recommendation_to_action(actor=adviser, recommendation=second)
    with pytest.raises(ValidationError, match="HDR"):
        services.debate_delete(actor=adviser, debate=debate)
    client.force_login(adviser)
    url = _u("debate_delete", debate.pk)
    with translation.override("pl"):
        page = client.get(url).content.decode()
        response = client.post(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "rekomendacja 2" in body
    assert "działaniem HDR" in body
    assert "rekomendacja 2" in page
    assert Debate.objects.filter(pk=debate.pk).exists()
    assert debate.recommendations.count() == 2
    action.refresh_from_db()
    assert action.source_recommendation_id == second.pk
    # once the action is deleted from the draft, the meeting can go
    hdr_services.action_delete(actor=adviser, action=action)
    response = client.post(url)
    assert response.status_code == 302
    assert response.url == _u("debates", engagement.pk)
    assert not Debate.objects.filter(pk=debate.pk).exists()


def test_a_closed_engagement_keeps_its_meetings(client):
    engagement = engagement_with_team()
    debate = _debate(engagement)
    engagement.status = EngagementStatus.CLOSED
    engagement.save()
    client.force_login(engagement.pro_expert.person.user)
    with translation.override("pl"):
        response = client.post(_u("debate_delete", debate.pk))
    assert response.status_code == 200
    assert "zakończon" in response.content.decode()
    assert Debate.objects.filter(pk=debate.pk).exists()


def test_the_deletion_page_asks_first_within_its_budget(client):
    engagement = engagement_with_team()
    debate = _debate(engagement, recommendations=[f"Rekomendacja {n}" for n in range(6)])
    client.force_login(engagement.pro_expert.person.user)
    assert _u("debate_delete", debate.pk) in client.get(_u("debate", debate.pk)).content.decode()
    assert_page(
        client,
        _u("debate_delete", debate.pk),
        queries=QUERY_BUDGET,
        template="advisory/debates/delete.html",
        contains=debate.topic,
    )
    assert Debate.objects.filter(pk=debate.pk).exists()
    client.force_login(lg_member_of(engagement))
    assert client.get(_u("debate_delete", debate.pk)).status_code == 403
    assert client.post(_u("debate_delete", debate.pk)).status_code == 403
    client.force_login(user_with_role("expert"))
    assert client.post(_u("debate_delete", debate.pk)).status_code == 404
    assert Debate.objects.filter(pk=debate.pk).exists()
