"""The demo invites trying: trainings ahead of the day the demo is loaded, open for registration (one hybrid, one
with a single seat left), and something to do on every demo login's dashboard."""

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from rozwoj.accounts.models import User
from rozwoj.demo import data
from rozwoj.demo.services import demo_load
from rozwoj.demo.upcoming import (
    COACHING_TITLE,
    CONSULTATION_TITLE,
    DEBATE_TITLE,
    HDR_TITLE,
    TITLES,
    load_upcoming_demo,
)
from rozwoj.events.models import Event, Format, RegistrationStatus
from rozwoj.events.selectors.registration_window import WindowState, registration_window
from rozwoj.events.selectors.registrations import places

LOGINS = [row[0] for row in data.ACCOUNTS] + [data.EXPERT_ACCOUNT]


@pytest.fixture(scope="module")
def upcoming(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        demo_load()
        yield {event.title: event for event in Event.objects.filter(title__in=TITLES)}
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def test_future_trainings_relative_to_today(upcoming):
    assert set(upcoming) == set(TITLES)
    now = timezone.now()
    for event in upcoming.values():
        assert event.is_demo
        assert all(session.starts_at > now for session in event.sessions.all())
    assert len(load_upcoming_demo()) == len(TITLES)  # a second load changes nothing


def test_open_for_registration_one_hybrid_one_nearly_full(upcoming):
    hybrid, full = upcoming[HDR_TITLE], upcoming[DEBATE_TITLE]
    assert registration_window(hybrid).is_open  # by its dates: nobody stepped the status
    assert {s.format for s in hybrid.sessions.all()} == {Format.HYBRID}
    assert registration_window(full).is_open
    assert places(full).onsite_left == 1
    assert registration_window(upcoming[CONSULTATION_TITLE]).is_open
    assert registration_window(upcoming[COACHING_TITLE]).state == WindowState.NOT_YET


@pytest.mark.parametrize("email", LOGINS)
def test_every_demo_login_has_something_to_do(client, upcoming, email):
    client.force_login(User.objects.get(email=email))
    response = client.get(reverse("dashboard:home"))
    context = response.context
    to_do = (
        list(context["open_for_registration"])
        + list(context["events_trained"])
        + list(context.get("awaiting_approval") or [])
    )
    assert to_do, email
    for event in context["open_for_registration"]:
        assert reverse("events:detail", args=[event.pk]) in response.text


def test_the_demo_workflows(client, upcoming):
    coordinator = User.objects.get(email="koordynator@example.org")
    client.force_login(coordinator)
    approvals = client.get(reverse("dashboard:home")).context["awaiting_approval"]
    assert [(e.title, e.pending) for e in approvals] == [(CONSULTATION_TITLE, 2)]
    client.force_login(User.objects.get(email=data.EXPERT_ACCOUNT))
    trained = client.get(reverse("dashboard:home")).context["events_trained"]
    assert [e.title for e in trained] == [HDR_TITLE]
    # The local-government member registers for the last seat of the nearly full training.
    member = User.objects.get(email="jst@example.org")
    client.force_login(member)
    event = upcoming[DEBATE_TITLE]
    response = client.post(reverse("events:register", args=[event.pk]), {"mode": "on_site"})
    assert response.status_code == 302
    assert event.registrations.get(person__user=member).status == RegistrationStatus.CONFIRMED
    page = client.get(reverse("events:detail", args=[upcoming[COACHING_TITLE].pk])).text
    assert "Zapisy rozpoczną się" in page
