"""The demo's dialogue meeting of gmina Dwikozy: two recommendations, shown to the demo expert."""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from rozwoj.advisory.models import Debate, DebateKind
from rozwoj.demo import data
from rozwoj.demo.advisory import DWIKOZY
from rozwoj.demo.services import demo_load


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        demo_load()
        yield
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def test_dwikozy_has_a_dialogue_meeting_with_two_recommendations(client, demo):
    meeting = Debate.objects.select_related("engagement__local_government").get(
        kind=DebateKind.DIALOGUE, engagement__local_government__terc=DWIKOZY
    )
    assert "Dwikozy" in meeting.engagement.local_government.name
    assert meeting.recommendations.count() == 2
    client.force_login(get_user_model().objects.get(email=data.EXPERT_ACCOUNT))
    body = client.get(reverse("advisory:debate", args=[meeting.pk])).content.decode()
    assert meeting.topic in body
