"""The demo's coaching (seed 000): pilot groups in Poland, Latvia and Greece with coaches, coachees, agreements
and sessions with techniques; the demo expert coaches the Polish group and the demo local-government member reads
the shared notes of their own sessions."""

import pytest
from django.db import transaction
from django.urls import reverse

from rozwoj.coaching.models import PilotGroup, Session, Technique
from rozwoj.demo.services import demo_load


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        demo_load()
        yield
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def test_three_pilot_groups_with_coaches_members_and_sessions(demo):
    groups = {group.country.code: group for group in PilotGroup.objects.filter(is_demo=True)}
    assert sorted(groups) == ["GR", "LV", "PL"]
    for group in groups.values():
        assert group.coaches.exists()
        assert group.members.count() >= 4
        assert Session.objects.filter(agreement__pilot_group=group, techniques__isnull=False).exists()
    assert Technique.objects.filter(language="pl", original__isnull=False).exists()


def test_the_demo_coach_reads_their_log_and_the_demo_coachee_their_shared_notes(client, demo):
    from rozwoj.accounts.models import User

    client.force_login(User.objects.get(email="ekspert@example.org"))
    log = client.get(reverse("coaching:log"))
    assert log.status_code == 200
    assert "Samorządowy" in log.content.decode()
    session = Session.objects.filter(agreement__coachee__email="jst@example.org").first()
    assert "Notatka prywatna" in client.get(reverse("coaching:session", args=[session.pk])).content.decode()
    client.force_login(User.objects.get(email="jst@example.org"))
    page = client.get(reverse("coaching:session", args=[session.pk])).content.decode()
    assert "uzgodniony krok" in page
    assert "Notatka prywatna" not in page
    client.force_login(User.objects.get(email="partner@example.org"))
    assert "LSPA pilot group" in client.get(reverse("coaching:groups")).content.decode()
