"""The advisory pages: every route walked within its query budget (the same for few and many rows), the public
application form, the review, the support-log form, and bad input on each: a message on the field, nothing saved."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.advisory import urls as advisory_urls
from rozwoj.core.testing import assert_page
from rozwoj.organisations.tests.factories import GminaFactory

from ..models import Application, ApplicationStatus, SupportLogEntry
from ..services import engagements, support_log
from ..services import hdr as hdr_services
from .factories import ApplicationFactory, CallFactory, engagement_with_team, support_area, support_form
from .hdr_helpers import drafted_hdr, lg_member_of

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 12
NOT_PAGES = {
    "support_area": "POST only (redirects)",
    "finding_add": "POST only (redirects)",
    "priority_add": "POST only (redirects)",
    "priority_move": "POST only (redirects)",
    "log_delete": "POST only (redirects)",
    "follow_up_done": "POST only (redirects)",
    "teams": "walked with its proposals in test_matching_page.py",
    "team_swap": "walked with its proposal in test_matching_page.py",
    "teams_propose": "POST only (redirects)",
    "teams_confirm": "POST only (redirects)",
    "team_accept": "POST only (redirects)",
    "teams_accept_all": "POST only (redirects)",
    "diagnosis_send": "POST only (redirects)",
    "dashboard": "walked per role with its own budget in test_dashboards.py",
    "dashboard_export": "file downloads, tested in test_dashboards.py",
    "programme_settings": "walked in test_programme_settings.py",
    "catalogues": "walked in test_catalogues.py",
    "catalogue": "walked with its budget in test_catalogues.py",
    "catalogue_term": "walked with its budget in test_catalogues.py",
    "catalogue_term_move": "POST only (redirects)",
    "catalogue_term_in_use": "POST only (redirects)",
    "catalogue_term_delete": "POST only (redirects)",
    **{
        name: "walked in test_hdr_views.py and the authorisation matrix"
        for name in (
            "hdr",
            "hdr_start",
            "hdr_edit",
            "hdr_action_add",
            "hdr_action_copy",
            "hdr_submit",
            "hdr_return",
            "hdr_approve",
            "hdr_publish",
            "hdr_unpublish",
            "hdr_version",
            "hdr_compare",
            "hdr_comment",
            "hdr_pdf",
            "hdr_action",
            "hdr_action_delete",
            "hdr_gallery",
            "hdr_public",
            "hdr_public_pdf",
        )
    },
    **{
        name: "walked in test_debates.py and the authorisation matrix"
        for name in (
            "debates",
            "debate_create",
            "debate",
            "debate_edit",
            "debate_delete",
            "recommendation_to_action",
        )
    },
    **{
        name: "walked in test_monitoring.py and the authorisation matrix"
        for name in (
            "monitoring",
            "action_monitoring",
            "monitoring_evidence",
            "monitoring_entry_edit",
            "monitoring_entry_delete",
        )
    },
    **{
        name: "walked in test_evaluation.py and the authorisation matrix"
        for name in ("evaluation", "evaluation_questionnaire", "evaluation_close")
    },
}


def _fill(engagement, entries: int):
    adviser = engagement.ros_expert.person.user
    member = engagement.members.first()
    for index in range(entries):
        support_log.entry_save(
            actor=adviser,
            engagement=engagement,
            data={
                "form": support_form(),
                "date": datetime.date.today(),
                "hours": Decimal(2),
                "notes": f"n{index}",
            },
            experts=[engagement.ros_expert, engagement.pro_expert],
            attendees=list(engagement.members.all()),
            follow_ups=[
                {"text": f"zadanie {index}", "owner": member.person, "due_on": datetime.date.today()}
            ],
        )
        engagements.finding_add(actor=adviser, engagement=engagement, text=f"Wniosek {index}")
        engagements.priority_add(actor=adviser, engagement=engagement, title=f"Priorytet {index}")


def _pages(engagement, coordinator):
    call = engagement.call
    entry = engagement.log_entries.first()
    return {
        "calls": (reverse("advisory:calls"), coordinator),
        "call_create": (reverse("advisory:call_create"), coordinator),
        "call": (reverse("advisory:call", args=[call.pk]), coordinator),
        "call_edit": (reverse("advisory:call_edit", args=[call.pk]), coordinator),
        "apply": (reverse("advisory:apply", args=[call.pk]), None),
        "application": (reverse("advisory:application", args=[engagement.application_id]), coordinator),
        "engagements": (reverse("advisory:engagements"), engagement.pro_expert.person.user),
        "engagement": (
            reverse("advisory:engagement", args=[engagement.pk]),
            engagement.ros_expert.person.user,
        ),
        "log": (
            reverse("advisory:log", args=[engagement.pk]),
            engagement.members.first().person.user or coordinator,
        ),
        "engagement_team": (reverse("advisory:engagement_team", args=[engagement.pk]), coordinator),
        "stage": (reverse("advisory:stage", args=[engagement.stages.first().pk]), coordinator),
        "log_create": (
            reverse("advisory:log_create", args=[engagement.pk]),
            engagement.pro_expert.person.user,
        ),
        "log_edit": (reverse("advisory:log_edit", args=[entry.pk]), coordinator),
    }


def test_every_route_is_walked():
    names = {
        inner.name
        for pattern in advisory_urls.urlpatterns
        for inner in getattr(pattern, "url_patterns", [pattern])
    }
    engagement = engagement_with_team()
    _fill(engagement, 1)
    walked = set(_pages(engagement, user_with_role("coordinator")))
    assert names - walked - set(NOT_PAGES) == set()


@pytest.mark.parametrize("rows", [2, 25])
def test_every_page_within_its_budget_whatever_the_rows(client, rows):
    engagement = engagement_with_team()
    for _ in range(rows):
        ApplicationFactory(call=engagement.call)
    _fill(engagement, rows)
    coordinator = user_with_role("coordinator")
    for name, (url, user) in _pages(engagement, coordinator).items():
        client.logout()
        if user is not None:
            client.force_login(user)
        assert_page(client, url, queries=QUERY_BUDGET), name


def test_the_public_form_sends_an_application_with_its_team(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    call = CallFactory()
    gmina = GminaFactory(name="Dwikozy")
    data = {
        "local_government": gmina.terc,
        "contact_first_name": "Ewa",
        "contact_last_name": "Nowak",
        "contact_email": "ewa@dwikozy.example.org",
        "preferred_area": support_area().pk,
        "motivation": "Rozwój szkół",
        "members-TOTAL_FORMS": "5",
        "members-INITIAL_FORMS": "0",
    }
    team = [
        ("Jan", "official"),
        ("Anna", "official"),
        ("Piotr", "school_director"),
        ("Maria", "school_director"),
    ]
    for index, (name, role) in enumerate(team):
        data |= {
            f"members-{index}-first_name": name,
            f"members-{index}-last_name": "Kowal",
            f"members-{index}-role": role,
        }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("advisory:apply", args=[call.pk]), data)
    assert response.status_code == 302
    application = Application.objects.get(local_government=gmina)
    assert application.members.count() == 4
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    "change",
    [
        {"local_government": "9999999"},
        {"local_government": ""},
        {"contact_email": "not-an-address"},
        {"preferred_area": "99999999999999999999"},
        {"motivation": "x" * 6000},
        {"members-2-first_name": "", "members-3-first_name": ""},
        {"members-0-role": "king"},
    ],
)
def test_bad_input_on_the_application_form_is_a_message_and_nothing_is_saved(client, change):
    call = CallFactory()
    gmina = GminaFactory()
    data = {
        "local_government": gmina.terc,
        "contact_first_name": "Ewa",
        "contact_last_name": "Nowak",
        "contact_email": "ewa@example.org",
        "preferred_area": support_area().pk,
        "motivation": "Rozwój",
        "members-TOTAL_FORMS": "5",
        "members-INITIAL_FORMS": "0",
    }
    for index in range(4):
        data |= {
            f"members-{index}-first_name": f"Osoba{index}",
            f"members-{index}-last_name": "K",
            f"members-{index}-role": "official",
        }
    data |= change
    response = client.post(reverse("advisory:apply", args=[call.pk]), data)
    assert response.status_code == 200
    assert "Popraw błędy" in response.content.decode()
    assert not Application.objects.exists()


def test_rejecting_without_a_reason_is_refused_on_the_form(client):
    application = ApplicationFactory()
    client.force_login(user_with_role("coordinator"))
    response = client.post(
        reverse("advisory:application", args=[application.pk]), {"status": "rejected", "reason": ""}
    )
    assert response.status_code == 200
    assert "Podaj powód odrzucenia" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


@pytest.mark.parametrize("hours", ["0", "1000", "abc", "99999999999999999999"])
def test_bad_hours_in_the_support_log_are_a_message(client, hours):
    engagement = engagement_with_team()
    client.force_login(engagement.ros_expert.person.user)
    response = client.post(
        reverse("advisory:log_create", args=[engagement.pk]),
        {
            "form": support_form().pk,
            "date": datetime.date.today().isoformat(),
            "hours": hours,
            "follow_ups-TOTAL_FORMS": "3",
            "follow_ups-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert not SupportLogEntry.objects.exists()


def test_a_date_outside_the_cycle_is_a_message(client):
    engagement = engagement_with_team()
    client.force_login(engagement.ros_expert.person.user)
    response = client.post(
        reverse("advisory:log_create", args=[engagement.pk]),
        {
            "form": support_form().pk,
            "date": "2001-01-01",
            "hours": "2",
            "follow_ups-TOTAL_FORMS": "3",
            "follow_ups-INITIAL_FORMS": "0",
        },
    )
    assert "poza cykl" in response.content.decode()
    assert not SupportLogEntry.objects.exists()


def test_the_engagement_page_reads_in_polish(client):
    """Every step logged on the engagement has a label on its timeline (never the action's code), a team change
    reads "before → after", and the statuses are the advisory app's own, not another app's "closed" of another
    gender (a stage is "zamknięty", an engagement "trwające")."""
    hdr = drafted_hdr()
    engagement = hdr.engagement
    adviser = engagement.ros_expert.person.user
    hdr_services.hdr_submit(actor=adviser, hdr=hdr)
    hdr_services.hdr_approve(actor=lg_member_of(engagement), hdr=hdr)  # closes the HDR stage
    client.force_login(adviser)
    body = client.get(reverse("advisory:engagement", args=[engagement.pk])).content.decode()
    assert "advisory.hdr" not in body
    for label in ("Rozpoczęto opracowywanie HDR", "Dodano działanie HDR", "Zatwierdzono HDR"):
        assert label in body
    assert "Ustalono team doradczy (" in body
    assert f"— → {engagement.ros_expert.person}, {engagement.pro_expert.person}" in body
    assert "<td>zamknięty</td>" in body
    assert "trwające" in body
    assert "zamknięta" not in body
