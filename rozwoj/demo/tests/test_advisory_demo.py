"""The demo's advisory cycle: the 2022–23 cycle (20 local governments with Dwikozy, 97 participants, its meetings
as events on the published dates, the support log) and a live engagement for the demo expert and the demo
local-government member, whose dashboards show it."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse

from rozwoj.advisory.models import AdvisorySettings, Call, Engagement, EngagementMember, SupportLogEntry
from rozwoj.demo.advisory import CALL_2022, CALL_NOW, DWIKOZY, PRO_NAME, ROS_NAME
from rozwoj.demo.services import demo_load
from rozwoj.events.models import Session


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        demo_load()
        yield
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def test_the_2022_cycle_as_published(demo):
    call = Call.objects.get(title=CALL_2022)
    assert (call.cycle_starts_on, call.cycle_ends_on) == (
        datetime.date(2022, 10, 1),
        datetime.date(2023, 5, 31),
    )
    engagements = Engagement.objects.filter(call=call)
    assert engagements.count() == 20
    assert engagements.filter(local_government__terc=DWIKOZY).exists()
    assert not engagements.filter(is_demo=False).exists()
    members = EngagementMember.objects.filter(engagement__call=call)
    assert members.count() == 97
    assert not members.filter(person__is_demo=False).exists()
    dwikozy = engagements.get(local_government__terc=DWIKOZY)
    roles = sorted(dwikozy.members.values_list("role", flat=True))
    assert roles == ["official", "official", "school_director", "school_director"]
    starts = sorted(
        Session.objects.filter(event__programme=call.programme, starts_at__year__in=[2022, 2023]).values_list(
            "starts_at", flat=True
        )
    )
    assert [moment.date() for moment in starts] == [
        datetime.date(2022, 10, 5),
        datetime.date(2022, 10, 27),
        datetime.date(2022, 11, 23),
        datetime.date(2023, 5, 18),
    ]
    entries = SupportLogEntry.objects.filter(engagement=dwikozy)
    assert entries.filter(event__isnull=False).count() == 4  # opening, two workshop rounds, closing
    assert entries.filter(form__name="Spotkanie doradcze w siedzibie JST").count() == 3
    assert entries.aggregate(total=Sum("hours"))["total"] > 40
    settings = AdvisorySettings.objects.get(programme=call.programme)
    assert (settings.ros_role_name, settings.pro_role_name) == (ROS_NAME, PRO_NAME)


def test_the_demo_logins_have_a_live_engagement_on_their_dashboards(client, demo):
    live = Engagement.objects.get(call__title=CALL_NOW)
    assert live.status == "active"
    users = get_user_model().objects
    for email in ("ekspert@example.org", "jst@example.org"):
        client.force_login(users.get(email=email))
        body = client.get(reverse("advisory:dashboard")).content.decode()
        assert live.local_government.name in body, email
        assert client.get(reverse("advisory:engagement", args=[live.pk])).status_code == 200
    body = client.get(reverse("advisory:dashboard")).content.decode()
    assert "Zjazd warsztatowy bieżącego cyklu" in body  # our next meeting
    client.force_login(users.get(email="koordynator@example.org"))
    call = Call.objects.get(title=CALL_2022)
    body = client.get(reverse("advisory:dashboard") + f"?call={call.pk}").content.decode()
    assert "Dwikozy" in body


def test_the_2022_cycle_is_monitored_with_an_overdue_and_an_at_risk_action(client, demo):
    from rozwoj.advisory.models import MonitoringEntry
    from rozwoj.advisory.selectors.monitoring import engagement_flagged

    call = Call.objects.get(title=CALL_2022)
    assert MonitoringEntry.objects.filter(action__hdr__engagement__call=call).count() > 40
    dwikozy = Engagement.objects.get(call=call, local_government__terc=DWIKOZY)
    flagged = engagement_flagged(dwikozy)
    assert len(flagged) == 2
    assert flagged[0].is_overdue  # delayed past its deadline
    assert not flagged[0].is_at_risk
    assert flagged[1].is_at_risk  # at risk (its deadline of May 2023 has passed too)
    client.force_login(get_user_model().objects.get(email="koordynator@example.org"))
    body = client.get(reverse("advisory:dashboard") + f"?call={call.pk}").content.decode()
    assert flagged[0].title in body
    assert client.get(reverse("advisory:monitoring", args=[dwikozy.pk])).status_code == 200


def test_one_engagement_of_the_2022_cycle_has_a_finished_evaluation(client, demo):
    from rozwoj.advisory.models import Evaluation

    evaluation = Evaluation.objects.get(engagement__call__title=CALL_2022, closed_at__isnull=False)
    assert evaluation.engagement.status == "closed"
    assert evaluation.results.exclude(achieved_value="").count() == 3
    client.force_login(get_user_model().objects.get(email="koordynator@example.org"))
    body = client.get(reverse("advisory:evaluation", args=[evaluation.engagement_id])).content.decode()
    assert evaluation.lessons_learned[:40] in body
