"""Browser journeys: an anonymous visitor searches the local-government registry; a coordinator adds an organisation."""

import pytest
from playwright.sync_api import expect

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.organisations.models import Organisation
from rozwoj.organisations.services import teryt_import
from rozwoj.organisations.validators import regon_check_digit

TERC = """\ufeffWOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA\r
10;;;;ŁÓDZKIE;województwo;2025-01-01\r
10;61;;;Łódź;miasto na prawach powiatu;2025-01-01\r
10;61;01;1;Łódź;gmina miejska;2025-01-01\r
14;;;;MAZOWIECKIE;województwo;2025-01-01\r
14;12;;;miński;powiat;2025-01-01\r
14;12;01;1;Mińsk Mazowiecki;gmina miejska;2025-01-01\r
14;12;02;1;Sulejówek;gmina miejska;2025-01-01\r
14;12;03;2;Cegłów;gmina wiejska;2025-01-01\r
14;65;;;Warszawa;miasto stołeczne, na prawach powiatu;2025-01-01\r
14;65;01;1;Warszawa;gmina miejska, miasto stołeczne;2025-01-01\r
"""


@pytest.fixture
def registry(tmp_path):
    path = tmp_path / "terc.csv"
    path.write_text(TERC, encoding="utf-8")
    teryt_import(path)


@pytest.mark.django_db(transaction=True)
def test_anonymous_visitor_searches_the_registry(page, axe, registry):
    page.goto("/local-governments/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Samorządy")
    expect(page.get_by_text("Źródło: GUS, rejestr TERYT – katalog TERC (stan na 2025-01-01)")).to_be_visible()
    axe(page)

    page.get_by_label("Nazwa lub kod TERC").fill("Sulejówek")
    page.get_by_label("Województwo").select_option(label="Mazowieckie")
    page.get_by_label("Typ").select_option(label="gmina miejska")
    page.get_by_role("main").get_by_role("button", name="Szukaj").click()

    results = page.get_by_role("table").locator("tbody tr")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("1412021")
    axe(page)

    page.get_by_label("Nazwa lub kod TERC").fill("lodz")
    page.get_by_label("Województwo").select_option("")
    page.get_by_label("Typ").select_option("")
    page.get_by_role("main").get_by_role("button", name="Szukaj").click()
    expect(page.get_by_role("table").locator("tbody tr")).to_have_count(3)  # ŁÓDZKIE and Łódź twice

    page.get_by_label("Nazwa lub kod TERC").fill("Sulejówek")
    page.get_by_role("main").get_by_role("button", name="Szukaj").click()
    page.get_by_role("link", name="Sulejówek").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Sulejówek")
    breadcrumbs = page.get_by_role("navigation", name="Położenie w podziale terytorialnym")
    expect(breadcrumbs.get_by_role("link")).to_have_text(
        ["Samorządy", "województwo Mazowieckie", "miński (powiat)", "Sulejówek (gmina miejska)"]
    )
    expect(page.get_by_text("stan na 2025-01-01")).to_be_visible()
    axe(page)

    breadcrumbs.get_by_role("link", name="miński (powiat)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("miński")
    expect(page.get_by_role("link", name="Cegłów")).to_be_visible()
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_coordinator_fixes_a_bad_regon_and_saves_an_organisation(page, axe, login_as, registry):
    login_as(user_with_role(Role.COORDINATOR))
    good_regon = "12345678" + str(regon_check_digit("12345678"))
    bad_regon = good_regon[:-1] + str((int(good_regon[-1]) + 1) % 10)

    page.goto("/organisations/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nowa organizacja")
    axe(page)

    page.get_by_label("Nazwa").fill("Szkoła Podstawowa nr 1 w Sulejówku")
    page.get_by_label("Rodzaj").select_option(label="szkoła lub placówka oświatowa")
    lg_input = page.get_by_label("Jednostka samorządu terytorialnego (kod TERC)")
    lg_input.press_sequentially("Sulej", delay=50)
    expect(page.locator("datalist option")).to_have_count(1)
    lg_input.fill("1412021 – Sulejówek")
    page.get_by_label("REGON").fill(bad_regon)
    page.get_by_role("button", name="Zapisz").click()

    expect(page.get_by_text("Ten numer REGON jest nieprawidłowy")).to_be_visible()
    assert not Organisation.objects.exists()
    axe(page)

    page.get_by_label("REGON").fill(good_regon)
    page.get_by_role("button", name="Zapisz").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Szkoła Podstawowa nr 1 w Sulejówku")
    expect(page.get_by_text("Zapisano organizację.")).to_be_visible()
    expect(page.get_by_role("link", name="Sulejówek (gmina miejska)")).to_be_visible()
    expect(page.get_by_role("heading", name="Historia zmian")).to_be_visible()
    axe(page)
    organisation = Organisation.objects.get()
    assert organisation.regon == good_regon
    assert organisation.local_government.terc == "1412021"
