"""A coordinator creates and edits a programme with partners, a planned result and an indicator."""

import re

import pytest
from playwright.sync_api import expect

from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.organisations.tests.factories import OrganisationFactory
from rozwoj.programmes.models import Programme


@pytest.mark.django_db(transaction=True)
def test_coordinator_creates_and_edits_a_programme(page, axe, login_as):
    coordinator = user_with_role("coordinator")
    OrganisationFactory(name="Krajowa Szkoła Administracji Publicznej", acronym="KSAP")
    OrganisationFactory(
        name="Latvijas Sporta pedagoģijas akadēmija", acronym="LSPA", country="LV", kind="partner_institution"
    )
    OrganisationFactory(name="Society in Progress", country="GR", kind="partner_institution")
    login_as(coordinator)

    page.goto("/programmes/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Programy")
    axe(page)

    page.get_by_role("link", name="Nowy program").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nowy program")
    axe(page)

    page.locator("[name=name]").fill("Coaching w samorządzie")
    page.locator("[name=acronym]").fill("COACH")
    page.locator("[name=funding_programme]").fill("Erasmus+")
    page.locator("[name=funding_action]").fill("KA204")
    page.locator("[name=agreement_number]").fill("2020-1-PL01-KA204-000001")
    page.get_by_label("Data rozpoczęcia").fill("2020-09-01")
    page.get_by_label("Data zakończenia").fill("2019-08-31")
    page.locator("[name=goal]").fill("Rozwój kompetencji coachingowych kadr samorządowych")
    page.get_by_label("Instytucja wiodąca").select_option(
        label="Krajowa Szkoła Administracji Publicznej (KSAP) — Polska"
    )
    page.locator("select[name=partners-0-organisation]").select_option(
        label="Latvijas Sporta pedagoģijas akadēmija (LSPA) — Łotwa"
    )
    page.locator("input[name=partners-0-description]").fill("Metodyka coachingu")
    page.locator("input[name=results-0-title]").fill("Zestaw narzędzi coachingowych")
    page.locator("input[name=results-0-due_date]").fill("2021-06-30")
    page.locator("input[name=indicators-0-name]").fill("Przeszkoleni coachowie")
    page.locator("input[name=indicators-0-unit]").fill("osoby")
    page.locator("input[name=indicators-0-target_value]").fill("20")

    # End before start: the field error, and nothing saved.
    page.get_by_role("button", name="Zapisz").click()
    expect(page.locator(".field-error")).to_contain_text(
        "Data zakończenia nie może być wcześniejsza niż data rozpoczęcia."
    )
    assert not Programme.objects.exists()
    axe(page)

    page.get_by_label("Data zakończenia").fill("2022-08-31")
    page.get_by_role("button", name="Zapisz").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Coaching w samorządzie (COACH)")
    expect(page.get_by_role("status")).to_contain_text("Program został utworzony.")
    partners = page.get_by_role("table", name="Partnerzy")
    expect(partners).to_contain_text("Latvijas Sporta pedagoģijas akadēmija (LSPA)")
    expect(partners).to_contain_text("Łotwa")
    expect(partners).to_contain_text("Metodyka coachingu")
    expect(page.get_by_role("table", name="Planowane rezultaty")).to_contain_text("30 czerwca 2021")
    expect(page.get_by_role("table", name="Wskaźniki")).to_contain_text("Przeszkoleni coachowie")
    expect(page.locator("dl.details")).to_contain_text("1 września 2020")
    axe(page)

    page.get_by_role("link", name="Edytuj program").click()
    expect(page).to_have_url(re.compile(r"/programmes/\d+/edit/$"))
    axe(page)
    page.locator("select[name=partners-0-role]").select_option("associate")
    page.locator("select[name=partners-1-organisation]").select_option(label="Society in Progress — Grecja")
    page.get_by_role("button", name="Zapisz").click()

    expect(page.get_by_role("status")).to_contain_text("Program został zapisany.")
    partners = page.get_by_role("table", name="Partnerzy")
    expect(partners.get_by_role("row", name=re.compile("LSPA"))).to_contain_text("partner stowarzyszony")
    expect(partners.get_by_role("row", name=re.compile("Society in Progress"))).to_contain_text("Grecja")
    expect(page.locator("#history ~ ol")).to_contain_text("Dodani partnerzy")
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_with_a_national_registry_partners_are_found_by_typing(page, axe, login_as, settings):
    settings.ROZWOJ_ORGANISATION_SELECT_LIMIT = (
        20  # the registry below is longer: the fields offer a search box
    )
    from rozwoj.organisations.models import Organisation
    from rozwoj.programmes.tests.factories import ProgrammeFactory, ProgrammePartnerFactory

    Organisation.objects.bulk_create(
        [
            Organisation(name=f"Szkoła Podstawowa nr {n} w Radomiu", kind="school", country="PL")
            for n in range(40)
        ]
    )
    ksap = OrganisationFactory(name="Krajowa Szkoła Administracji Publicznej", acronym="KSAP")
    OrganisationFactory(name="Society in Progress", country="GR", kind="partner_institution")
    programme = ProgrammeFactory(name="Coaching w samorządzie", lead_institution=ksap)
    ProgrammePartnerFactory(programme=programme, organisation__name="MetaCoach")
    login_as(user_with_role("coordinator"))

    page.goto(f"/programmes/{programme.pk}/edit/")
    lead = page.get_by_label("Instytucja wiodąca")
    expect(lead.locator("option:checked")).to_have_text(
        "Krajowa Szkoła Administracji Publicznej (KSAP) — Polska"
    )
    assert page.locator("select[name=partners-1-organisation] option").count() == 1  # only the empty choice
    axe(page)

    search = page.locator("input[name=partners-1-organisation-search]")
    expect(search).to_have_accessible_name("Znajdź organizację po nazwie lub skrócie")
    search.fill("society")
    select = page.locator("select[name=partners-1-organisation]")
    expect(select.locator("option")).to_have_count(2)
    expect(page.locator("#id_partners-1-organisation-status")).to_have_text(
        "Znaleziono 1 organizację: wybierz ją z listy."
    )
    expect(page.locator("#id_partners-1-organisation-status")).to_have_attribute("role", "status")
    search.press("Enter")  # Enter in the search box does not submit the form
    expect(page).to_have_url(re.compile(rf"/programmes/{programme.pk}/edit/$"))
    select.select_option(label="Society in Progress — Grecja")

    search_again = page.locator("input[name=partners-0-organisation-search]")
    search_again.fill("szkoła podstawowa")
    expect(page.locator("#id_partners-0-organisation-status")).to_contain_text("Znaleziono 40 organizacji")
    expect(page.locator("select[name=partners-0-organisation] option:checked")).to_contain_text("MetaCoach")
    axe(page)

    page.get_by_role("button", name="Zapisz").click()
    expect(page.get_by_role("status")).to_contain_text("Program został zapisany.")
    partners = page.get_by_role("table", name="Partnerzy")
    expect(partners).to_contain_text("Society in Progress")
    expect(partners).to_contain_text("MetaCoach")
