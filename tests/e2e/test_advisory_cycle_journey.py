"""Browser journey of an advisory cycle around what other journeys drive (team matching, the HDR): gmina Dwikozy
applies through the public form with a team of four; the coordinator accepts it; the adviser logs an advisory
meeting at the seat, marks an action of the approved HDR at risk, writes the evaluation and closes it; the
coordinator sees the local government on the dashboard's stage matrix and map and downloads the matrix. axe-core
checks every page."""

import csv
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.advisory.models import (
    Application,
    ApplicationStatus,
    Engagement,
    EngagementStatus,
    Evaluation,
    MonitoringStatus,
    StageKind,
    SupportLogEntry,
    TeamRole,
)
from rozwoj.advisory.services import engagements
from rozwoj.advisory.services import hdr as hdr_services
from rozwoj.advisory.tests.factories import CallFactory, advisers
from rozwoj.advisory.tests.hdr_helpers import complete_action, lg_member_of
from rozwoj.organisations.models import LocalGovernmentKind
from rozwoj.organisations.tests.factories import GminaFactory, PowiatFactory, VoivodeshipFactory

AREA = "Finansowanie oświaty"
MEETING = "Spotkanie doradcze w siedzibie JST"
TEAM = [
    ("Jan", "Urzędniczy", "urzędnik"),
    ("Ewa", "Skarbnikowa", "urzędnik"),
    ("Piotr", "Dyrektorski", "dyrektor szkoły"),
    ("Maria", "Szkolna", "dyrektor szkoły"),
]


def dwikozy():
    """Gmina Dwikozy as the TERYT registry has it (TERC 2609022), with its powiat and voivodeship."""
    voivodeship = VoivodeshipFactory(terc="26", name="ŚWIĘTOKRZYSKIE")
    powiat = PowiatFactory(terc="2609", name="sandomierski", parent=voivodeship)
    return GminaFactory(terc="2609022", name="Dwikozy", parent=powiat, kind=LocalGovernmentKind.RURAL_GMINA)


def approved_hdr(engagement, adviser):
    """The HDR of one action (tied to a priority), submitted by the adviser and approved by the local government."""
    engagement = engagements.support_area_choose(
        actor=adviser, engagement=engagement, area=engagement.application.preferred_area
    )
    priority = engagements.priority_add(actor=adviser, engagement=engagement, title="Finansowanie szkół")
    hdr = hdr_services.hdr_start(actor=adviser, engagement=engagement)
    hdr = hdr_services.hdr_update(
        actor=adviser,
        hdr=hdr,
        data={"context": "Gmina prowadzi trzy szkoły.", "goals": "Lepszy budżet"},
        revision=hdr.revision,
    )
    action = hdr_services.action_create(
        actor=adviser, hdr=hdr, data=complete_action(engagement, priority, title="Budżet zadaniowy oświaty")
    )
    hdr_services.hdr_submit(actor=adviser, hdr=hdr)
    hdr_services.hdr_approve(actor=lg_member_of(engagement), hdr=hdr)
    return action


@pytest.mark.django_db(transaction=True)
def test_a_local_government_applies_is_supported_evaluated_and_seen_on_the_dashboard(page, axe, login_as):
    gmina = dwikozy()
    call = CallFactory(title="Nabór JST 2022–23", places=20)
    coordinator = user_with_role("coordinator")
    page.set_default_navigation_timeout(60_000)  # a shared, loaded test machine

    # 1. A visitor applies for gmina Dwikozy through the public form
    page.goto(f"/advisory/calls/{call.pk}/apply/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Zgłoszenie do naboru: Nabór JST 2022–23")
    axe(page)
    unit = page.get_by_label("Jednostka samorządu terytorialnego")
    unit.press_sequentially("Dwik", delay=50)
    offered = page.locator("datalist option")
    expect(offered).to_have_count(1)
    unit.fill(offered.first.get_attribute("value"))
    page.get_by_label("Imię osoby do kontaktu").fill("Anna")
    page.get_by_label("Nazwisko osoby do kontaktu").fill("Kontaktowa")
    page.get_by_label("E-mail osoby do kontaktu").fill("anna.kontaktowa@dwikozy.example.org")
    page.get_by_label("Stanowisko osoby do kontaktu").fill("Sekretarz gminy")
    page.get_by_label("Preferowany obszar wsparcia").select_option(label=AREA)
    page.get_by_label("Motywacja").fill("Chcemy lepiej planować finansowanie naszych szkół.")
    for index, (first, last, role) in enumerate(TEAM):
        page.locator(f"#id_members-{index}-first_name").fill(first)
        page.locator(f"#id_members-{index}-last_name").fill(last)
        page.locator(f"#id_members-{index}-email").fill(f"{first.lower()}@dwikozy.example.org")
        page.locator(f"#id_members-{index}-role").select_option(label=role)
    page.get_by_role("button", name="Wyślij zgłoszenie").click()
    expect(page.get_by_text("Dziękujemy: zgłoszenie zostało wysłane.")).to_be_visible()
    axe(page)
    application = Application.objects.get(call=call)
    assert application.local_government == gmina
    assert application.preferred_area.name == AREA
    assert sorted(application.members.values_list("role", flat=True)) == sorted(
        [TeamRole.OFFICIAL, TeamRole.OFFICIAL, TeamRole.SCHOOL_DIRECTOR, TeamRole.SCHOOL_DIRECTOR]
    )
    assert [message.to for message in mail.outbox] == [["anna.kontaktowa@dwikozy.example.org"]]
    assert "Dwikozy" in mail.outbox[0].body

    # 2. The coordinator reviews the application and accepts it
    login_as(coordinator)
    page.goto(f"/advisory/calls/{call.pk}/")
    axe(page)
    page.get_by_role("link", name="Dwikozy (gmina wiejska)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zgłoszenie JST Dwikozy (gmina wiejska)")
    axe(page)
    page.get_by_label("przyjmij").check()
    page.get_by_role("button", name="Zapisz decyzję").click()
    expect(page.get_by_text("Decyzja została zapisana, a osoba do kontaktu powiadomiona.")).to_be_visible()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    engagement = Engagement.objects.get(call=call, local_government=gmina)
    assert engagement.members.count() == 4
    assert len(mail.outbox) == 2
    ros, pro = advisers()  # matching has its own journey
    engagements.engagement_set_team(actor=coordinator, engagement=engagement, ros=ros, pro=pro)

    # 3. The adviser logs an advisory meeting at the seat
    adviser = ros.person.user
    page.context.clear_cookies()
    login_as(adviser)
    page.goto(f"/advisory/engagements/{engagement.pk}/")
    axe(page)
    page.get_by_role("link", name="Otwórz dziennik wsparcia").click()
    axe(page)
    page.get_by_role("link", name="Nowy wpis").click()
    axe(page)
    page.get_by_label("Forma wsparcia").select_option(label=MEETING)
    page.get_by_label("Data").first.fill(timezone.localdate().isoformat())
    page.get_by_label("Liczba godzin").fill("3")
    page.get_by_label(str(ros.person)).check()
    page.get_by_label(str(pro.person)).check()
    page.get_by_label("Jan Urzędniczy").check()
    page.get_by_label("Piotr Dyrektorski").check()
    page.get_by_label("Uwagi").fill("Analiza budżetu oświaty z zespołem JST.")
    page.get_by_role("button", name="Zapisz", exact=True).click()
    expect(page.get_by_text("Wpis w dzienniku wsparcia został zapisany.")).to_be_visible()
    row = page.get_by_role("table").locator("tbody tr").filter(has_text=MEETING)
    expect(row).to_contain_text("Jan Urzędniczy")
    expect(row).to_contain_text("Analiza budżetu oświaty")
    axe(page)
    entry = SupportLogEntry.objects.get(engagement=engagement)
    assert (entry.form.name, entry.date, entry.hours) == (MEETING, timezone.localdate(), Decimal(3))
    assert entry.experts.count() == 2
    assert sorted(str(member.person) for member in entry.attendees.all()) == [
        "Jan Urzędniczy",
        "Piotr Dyrektorski",
    ]

    # 4. With the HDR approved, the adviser marks its action at risk; the engagement page flags it
    action = approved_hdr(engagement, adviser)
    page.goto(f"/advisory/engagements/{engagement.pk}/monitoring/")
    axe(page)
    page.get_by_role("link", name=action.title).click()
    axe(page)
    page.get_by_label("Status").select_option(label="zagrożone")
    page.get_by_label("Procent wykonania").fill("30")
    page.get_by_label("Wartość wskaźnika").fill("2")
    page.get_by_label("Komentarz").fill("Rada gminy nie przyjęła jeszcze uchwały.")
    page.get_by_role("button", name="Zapisz wpis").click()
    expect(page.get_by_text("Wpis monitorowania został zapisany.")).to_be_visible()
    expect(page.get_by_role("row", name=action.title)).to_contain_text("zagrożone")
    action.refresh_from_db()
    assert action.latest_entry.status == MonitoringStatus.AT_RISK
    page.goto(f"/advisory/engagements/{engagement.pk}/")
    expect(page.get_by_text("1 działanie wymaga uwagi:")).to_be_visible()
    expect(page.locator("#monitoring + p + ul")).to_contain_text("zagrożone")
    axe(page)

    # 5. The adviser writes the evaluation and closes it, and with it the engagement
    stage = engagement.stages.get(kind=StageKind.MONITORING)
    engagements.stage_update(actor=adviser, stage=stage, data={"status": "closed"})
    page.get_by_role("link", name="Ewaluacja", exact=True).click()
    axe(page)
    page.get_by_label("Ocena JST", exact=True).fill("Zespół nauczył się planować budżet zadaniowy.")
    page.get_by_label("Ocena JST (1–5)").select_option("4")
    page.get_by_label("Ocena ekspertów", exact=True).fill("Cel osiągnięty w większości.")
    page.get_by_label("Ocena ekspertów (1–5)").select_option("5")
    page.get_by_label("Wnioski na przyszłość").fill("Wcześniej angażować radę gminy.")
    page.locator(f"#id_achieved_{action.pk}").fill("5")
    page.get_by_role("button", name="Zapisz ewaluację").click()
    expect(page.get_by_text("Ewaluacja została zapisana.")).to_be_visible()
    expect(
        page.get_by_text("Niczego nie brakuje: zamknięcie ewaluacji zamyka etap 6 i proces doradczy.")
    ).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Zamknij ewaluację").click()
    expect(page.get_by_text("Ewaluacja została zamknięta, a wraz z nią proces doradczy.")).to_be_visible()
    axe(page)
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.CLOSED
    evaluation = Evaluation.objects.get(engagement=engagement)
    assert evaluation.closed_at is not None
    assert evaluation.results.get().achieved_value == "5"

    # 6. The coordinator sees the local government on the dashboard and downloads the stage matrix
    page.context.clear_cookies()
    login_as(coordinator)
    page.goto("/advisory/dashboard/")
    matrix_section = page.locator('section[aria-labelledby="matrix-heading"]')
    dwikozy_row = matrix_section.get_by_role("row", name="Dwikozy")
    expect(dwikozy_row).to_contain_text("zamknięty")  # the evaluation stage, closed with the engagement
    map_section = page.locator("section.dashboard-map")
    expect(map_section.locator("svg")).to_be_visible()
    expect(map_section.get_by_role("row", name="świętokrzyskie")).to_contain_text("1")
    axe(page)
    with page.expect_download() as download_info:
        matrix_section.get_by_role("link", name="CSV").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8-sig", newline="") as exported:
        rows = list(csv.reader(exported))
    exported = next(row for row in rows if "Dwikozy" in row)
    assert "2609022" in exported
    assert exported[-1] == "zamknięty"
