"""The partner member of LSPA writes Latvia's pilot-group report, with the figures of its sessions filled in by
the platform, and submits it; the coordinator accepts it and quotes it in the synthesis, with axe on every page."""

import datetime

import pytest
from playwright.sync_api import expect

from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.coaching.tests.factories import AgreementFactory, PilotGroupFactory, SessionFactory
from rozwoj.organisations.tests.factories import OrganisationFactory
from rozwoj.partnerships.models import PartnerReport
from rozwoj.partnerships.tests.factories import TEXTS, partner_of, period_for, report_for
from rozwoj.people.tests.factories import person_with_login
from rozwoj.programmes.tests.factories import ProgrammeFactory


@pytest.mark.django_db(transaction=True)
def test_partner_writes_and_submits_coordinator_accepts_and_quotes(page, axe, login_as):
    programme = ProgrammeFactory(
        name="Techniki coachingowe w sektorze publicznym", acronym="Erasmus+ Coaching"
    )
    lspa = OrganisationFactory(name="Latvian School of Public Administration", acronym="LSPA", country="LV")
    partner_of(programme, lspa)
    group = PilotGroupFactory(programme=programme, partner=lspa, name="LSPA pilot group – Rīga")
    SessionFactory(
        agreement=AgreementFactory(pilot_group=group), held_on=datetime.date(2021, 3, 1), duration_minutes=90
    )
    period = period_for(programme)
    report = report_for(period, lspa, filled=False)
    member = person_with_login("partner_member", organisation=lspa).user
    coordinator = user_with_role("coordinator")

    page.set_default_navigation_timeout(60_000)  # the shared test machine is slow to serve the first page
    login_as(member)
    page.goto("/partnerships/")
    axe(page)
    page.get_by_role("link", name="Techniki coachingowe w sektorze publicznym").click()
    axe(page)
    page.get_by_role("link", name="Napisz sprawozdanie").first.click()
    expect(page.locator(".figures")).to_contain_text("1,50")
    axe(page)
    for key, text in TEXTS.items():
        page.locator(f"[name={key}]").fill(text)
    page.locator("[name=recommendations]").fill("")
    page.get_by_role("button", name="Zapisz i złóż").click()
    expect(page.locator(".field-error")).to_contain_text("Napisz tę część przed złożeniem sprawozdania.")
    axe(page)
    page.locator("[name=recommendations]").fill(TEXTS["recommendations"])
    page.get_by_role("button", name="Zapisz i złóż").click()
    expect(page.locator(".messages")).to_contain_text("Sprawozdanie złożono koordynatorowi.")
    axe(page)
    report.refresh_from_db()
    assert report.status == "submitted"
    assert report.figures["sessions"] == 1

    login_as(coordinator)
    page.goto(f"/partnerships/reports/{report.pk}/")
    page.get_by_role("button", name="Przyjmij sprawozdanie").click()
    expect(page.locator(".messages")).to_contain_text("Sprawozdanie przyjęto.")
    axe(page)
    assert PartnerReport.objects.get(pk=report.pk).status == "accepted"

    page.goto(f"/partnerships/periods/{period.pk}/synthesis/")
    axe(page)
    page.get_by_label("Sprawozdanie").select_option(label="Latvian School of Public Administration")
    page.get_by_label("Część sprawozdania").select_option("observations")
    page.get_by_label("Cytowany fragment").fill("Managers delegate more")
    page.get_by_role("button", name="Dodaj cytat").click()
    expect(page.locator("blockquote")).to_contain_text("Managers delegate more")
    expect(
        page.get_by_role("link", name="Latvian School of Public Administration, Obserwacje")
    ).to_have_attribute("href", f"/partnerships/reports/{report.pk}/#section-observations")
    axe(page)
