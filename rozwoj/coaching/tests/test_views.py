"""Pages of coaching: what each user sees, bad input, and query budgets that do not grow with the rows."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from rozwoj.accounts.models import Role
from rozwoj.coaching import services
from rozwoj.coaching.models import Agreement, GoalProgress, LogExport, PilotGroupMember, Session
from rozwoj.core.testing import assert_page
from rozwoj.people.tests.factories import PersonFactory, person_with_login

from .factories import (
    AgreementFactory,
    PilotGroupFactory,
    SessionFactory,
    TechniqueFactory,
    make_coach,
    member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach():
    return make_coach()


@pytest.fixture
def coordinator():
    return person_with_login(Role.COORDINATOR).user


def _world(coach, rows: int):
    group = PilotGroupFactory(capacity=rows + 5)
    group.coaches.add(coach)
    techniques = [TechniqueFactory() for _ in range(3)]
    agreement = None
    for number in range(rows):
        person = PersonFactory()
        member(group, person)
        agreement = AgreementFactory(
            coach=coach, coachee=person, pilot_group=group, kind="paid" if number % 2 else "pro_bono"
        )
        session = SessionFactory(
            agreement=agreement, held_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=number)
        )
        session.techniques.set(techniques[: 1 + number % 3])
    for number in range(rows):
        session = SessionFactory(
            agreement=agreement, held_on=datetime.date(2026, 6, 1) + datetime.timedelta(days=number)
        )
        session.techniques.set(techniques)
    return group, agreement, techniques


@pytest.mark.parametrize("rows", [3, 40])
def test_every_page_within_its_budget_whatever_the_rows(client, coach, coordinator, rows):
    group, agreement, techniques = _world(coach, rows)
    session = agreement.sessions.first()
    client.force_login(coach.person.user)
    assert_page(client, reverse("coaching:home"), queries=10, template="coaching/home.html")
    assert_page(
        client, reverse("coaching:agreement", args=[agreement.pk]), queries=11, contains="Delegate more"
    )
    assert_page(client, reverse("coaching:session", args=[session.pk]), queries=10)
    assert_page(client, reverse("coaching:session_edit", args=[session.pk]), queries=12)
    assert_page(client, reverse("coaching:session_create", args=[agreement.pk]), queries=11)
    assert_page(client, reverse("coaching:agreement_create"), queries=12)
    assert_page(client, reverse("coaching:agreement_edit", args=[agreement.pk]), queries=12)
    assert_page(client, reverse("coaching:log"), queries=12, template="coaching/log.html")
    assert_page(client, reverse("coaching:supervision_create"), queries=8)
    assert_page(client, reverse("coaching:groups"), queries=9, contains=group.name)
    assert_page(client, reverse("coaching:group", args=[group.pk]), queries=12, contains=group.name)
    assert_page(client, reverse("coaching:techniques"), queries=9, contains=techniques[0].name)
    assert_page(client, reverse("coaching:technique", args=[techniques[0].pk]), queries=9)
    client.force_login(coordinator)
    assert_page(client, reverse("coaching:group", args=[group.pk]), queries=12)
    assert_page(client, reverse("coaching:group_edit", args=[group.pk]), queries=12)
    assert_page(client, reverse("coaching:group_create"), queries=12)
    assert_page(client, reverse("coaching:technique_create"), queries=8)
    assert_page(client, reverse("coaching:technique_edit", args=[techniques[0].pk]), queries=9)
    assert_page(client, reverse("coaching:requirement"), queries=8)
    assert_page(client, reverse("coaching:home"), queries=10, contains=agreement.coachee.full_name)


def test_a_coach_records_an_agreement_and_a_session_through_the_pages(client, coach):
    group = PilotGroupFactory()
    group.coaches.add(coach)
    coachee = member(group).person
    technique = TechniqueFactory(name="Koło życia")
    client.force_login(coach.person.user)
    response = client.post(
        reverse("coaching:agreement_create"),
        {
            "coachee": coachee.pk,
            "pilot_group": group.pk,
            "kind": "pro_bono",
            "sessions_planned": 5,
            "start_date": "2026-03-01",
            "confidentiality_terms": "Poufne.",
            "coachee_consent": "on",
            "goals": "Delegowanie\nInformacja zwrotna",
        },
    )
    agreement = Agreement.objects.get()
    assert response.status_code == 302
    goals = list(agreement.goals.all())
    response = client.post(
        reverse("coaching:session_create", args=[agreement.pk]),
        {
            "held_on": "2026-03-08",
            "duration_minutes": 60,
            "mode": "online",
            "group_size": 1,
            "techniques": [technique.pk],
            "shared_notes": "Wspólna notatka",
            "private_notes": "Prywatna notatka",
            f"goal_{goals[0].pk}": 4,
        },
    )
    session = Session.objects.get()
    assert response.status_code == 302
    page = client.get(reverse("coaching:session", args=[session.pk])).content.decode()
    assert "Koło życia" in page
    assert "Wspólna notatka" in page
    assert "Prywatna notatka" in page
    # The coachee reads the session with the shared notes, without the private ones.
    client.force_login(person_with_login(None, email="x@example.org").user)
    assert client.get(reverse("coaching:session", args=[session.pk])).status_code == 404


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("duration_minutes", "0"),
        ("duration_minutes", "99999999"),
        ("held_on", "3000-01-01"),
        ("held_on", "yesterday"),
        ("group_size", "-1"),
        ("mode", "telepathy"),
        ("techniques", "99999999999999999999"),
        ("private_notes", "x" * 20_001),
    ],
)
def test_bad_session_input_is_a_field_error_and_saves_nothing(client, coach, field, value):
    agreement = AgreementFactory(coach=coach)
    client.force_login(coach.person.user)
    data = {"held_on": "2026-03-08", "duration_minutes": 60, "mode": "online", "group_size": 1}
    response = client.post(reverse("coaching:session_create", args=[agreement.pk]), {**data, field: value})
    assert response.status_code == 400
    assert "Popraw" in response.content.decode() or "correct" in response.content.decode()
    assert not Session.objects.exists()


def test_the_coachee_rates_progress_after_a_session_and_the_coach_sees_it(client, coach):
    coachee = person_with_login(Role.LOCAL_GOVERNMENT_MEMBER)
    agreement = AgreementFactory(coach=coach, coachee=coachee, goals=["Delegate more"])
    goal = agreement.goals.get()
    session = SessionFactory(agreement=agreement)
    url = reverse("coaching:session_rate", args=[session.pk])
    client.force_login(coachee.user)
    assert url in client.get(reverse("coaching:session", args=[session.pk])).content.decode()
    assert client.post(url, {f"goal_{goal.pk}": "11"}).status_code == 400
    assert not GoalProgress.objects.exists()
    response = client.post(url, {f"goal_{goal.pk}": "6"})
    assert response.status_code == 302
    client.force_login(coach.person.user)
    page = client.get(reverse("coaching:session", args=[session.pk])).content.decode()
    assert "Delegate more: 6/10" in page
    assert url not in page  # the coach reads the rating, does not give it
    assert (
        "Delegate more: 6/10"
        in client.get(reverse("coaching:agreement", args=[agreement.pk])).content.decode()
    )


def test_a_coordinator_adds_members_by_e_mail_until_the_group_is_full(client, coordinator):
    group = PilotGroupFactory(capacity=1)
    first, second = PersonFactory(email="pierwsza@example.org"), PersonFactory(email="druga@example.org")
    client.force_login(coordinator)
    url = reverse("coaching:group_member_add", args=[group.pk])
    assert client.post(url, {"email": "PIERWSZA@example.org"}).status_code == 302
    response = client.post(url, {"email": second.email}, follow=True)
    assert "pełna" in response.content.decode() or "full" in response.content.decode()
    response = client.post(url, {"email": "nikt@example.org"}, follow=True)
    assert response.status_code == 200
    assert list(PilotGroupMember.objects.values_list("person_id", flat=True)) == [first.pk]


def test_the_log_export_has_the_icf_columns(client, coach):
    agreement = AgreementFactory(coach=coach, kind="paid", coachee=PersonFactory(email="klient@example.org"))
    SessionFactory(agreement=agreement, duration_minutes=90)
    client.force_login(coach.person.user)
    response = client.get(reverse("coaching:log_export", args=["csv"]))
    content = (b"".join(response.streaming_content) if response.streaming else response.content).decode(
        "utf-8-sig"
    )
    header, row = content.strip().splitlines()[:2]
    assert header.count(",") == 8
    assert "klient@example.org" in row
    assert "1.5" in row
    assert client.get(reverse("coaching:log_export", args=["pdf"])).status_code == 404
    assert client.get(reverse("coaching:log_export", args=["xlsx"])).status_code == 404  # prepared instead


def test_the_xlsx_log_is_prepared_in_the_background_with_progress_and_kept_private(
    client, coach, django_capture_on_commit_callbacks
):
    agreement = AgreementFactory(coach=coach, kind="paid", coachee=PersonFactory(email="klient@example.org"))
    SessionFactory(agreement=agreement, duration_minutes=90)
    SessionFactory(agreement=AgreementFactory(coach=coach), duration_minutes=60, group_size=5)
    client.force_login(coach.person.user)
    client.cookies["rozwoj_language"] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("coaching:log_export_request"))
    assert response.status_code == 302
    export = LogExport.objects.get()
    assert (export.ready_at is not None, export.rows_total) == (True, 2)
    assert export.file.name.startswith("coaching/log-exports/")
    page = client.get(reverse("coaching:log")).content.decode()
    assert "Ready: 2 rows" in page
    assert "hx-trigger" not in page
    download = client.get(reverse("coaching:log_export_file", args=[export.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    rows = list(
        load_workbook(io.BytesIO(b"".join(download.streaming_content))).active.iter_rows(values_only=True)
    )
    assert rows[0][:2] == ("Client", "E-mail")
    assert len(rows) == 3
    assert any(row[1] == "klient@example.org" and row[7] == 1.5 for row in rows[1:])
    # While one is written, its progress shows and the section polls itself.
    LogExport.objects.create(coach=coach, language="en", rows_total=4, rows_done=1)
    page = client.get(reverse("coaching:log")).content.decode()
    assert "1 of 4 rows written" in page
    assert 'hx-trigger="every 2s"' in page
    # Nobody else reads the file, a coordinator neither; a week later it is deleted.
    for other in (make_coach().person.user, person_with_login(Role.COORDINATOR).user):
        client.force_login(other)
        assert client.get(reverse("coaching:log_export_file", args=[export.pk])).status_code in (403, 404)
    assert services.log_exports_delete_old(timezone.now() + datetime.timedelta(days=8)) == 2
    assert not LogExport.objects.exists()


def test_partners_only_techniques_are_hidden_from_visitors(client):
    TechniqueFactory(name="Publiczna", visibility="public")
    TechniqueFactory(name="Dla partnerów", visibility="partners")
    body = client.get(reverse("coaching:techniques")).content.decode()
    assert "Publiczna" in body
    assert "Dla partnerów" not in body
    client.force_login(person_with_login(Role.PARTNER_MEMBER).user)
    assert "Dla partnerów" in client.get(reverse("coaching:techniques")).content.decode()
