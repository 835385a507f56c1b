"""The demo's partnership (seed 000): the national reports for the second transnational meeting and their
synthesis, the cost table of the meeting of 13–15 October 2021, and a report the demo partner login has to write."""

from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse

from rozwoj.accounts.models import User
from rozwoj.demo.services import demo_load
from rozwoj.partnerships.models import PartnerReport, ReportPeriod
from rozwoj.partnerships.selectors.pages import cost_table


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        demo_load()
        yield
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def test_the_national_reports_of_the_second_meeting_and_their_synthesis(client, demo):
    period = ReportPeriod.objects.get(title__startswith="Second transnational meeting")
    accepted = PartnerReport.objects.filter(period=period, status="accepted")
    assert sorted(r.organisation.country.code for r in accepted) == ["GR", "LV", "PL"]
    assert all(r.figures["sessions"] > 0 for r in accepted)
    assert period.synthesis.quotations.count() == 5
    client.force_login(User.objects.get(email="koordynator@example.org"))
    page = client.get(reverse("partnerships:synthesis", args=[period.pk])).content.decode()
    assert "Online coaching works for managers in public administration" in page


def test_the_meeting_of_october_2021_has_its_cost_table(demo):
    period = ReportPeriod.objects.get(title__startswith="Second transnational meeting")
    table = cost_table(period.meeting)
    # The Latvian partners took part online; the two Greek trainers travelled from Athens (100–1,999 km).
    assert table.total == Decimal("1150.00")
    assert str(table.first_day) == "2021-10-13"
    assert str(table.last_day) == "2021-10-15"


def test_the_demo_partner_has_a_report_to_write(client, demo):
    client.force_login(User.objects.get(email="partner@example.org"))
    report = PartnerReport.objects.get(
        period__title="Final report on the pilot groups", organisation__acronym="LSPA"
    )
    assert report.status == "draft"
    workspace = client.get(
        reverse("partnerships:workspace", args=[report.period.programme_id])
    ).content.decode()
    assert reverse("partnerships:report_edit", args=[report.pk]) in workspace
    assert client.get(reverse("partnerships:report_edit", args=[report.pk])).status_code == 200
