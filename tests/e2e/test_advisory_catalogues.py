"""Browser journey of the coordinators' lists of the advisory cycle: from the navigation to the support areas, a new
area added with a competence, moved up, withdrawn from use and renamed. axe-core checks every page."""

from playwright.sync_api import expect

from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.advisory.models import SupportArea


def test_the_coordinator_keeps_the_support_areas(page, axe, login_as):
    login_as(user_with_role("coordinator"))
    page.goto("/")
    page.get_by_role("navigation", name="Nawigacja główna").get_by_role(
        "link", name="Słowniki cyklu doradczego"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Słowniki cyklu doradczego")
    axe(page)
    page.get_by_role("main").get_by_role("link", name="Obszary wsparcia").click()
    axe(page)
    page.get_by_label("Nazwa", exact=True).fill("Cyfrowa szkoła")
    page.get_by_role("group", name="Kompetencje, których wymaga").get_by_role("checkbox").first.check()
    page.get_by_role("button", name="Dodaj", exact=True).click()
    expect(page.get_by_text("Dodano „Cyfrowa szkoła”.")).to_be_visible()
    axe(page)
    last = SupportArea.objects.order_by("order", "pk").values_list("name", flat=True)
    assert list(last)[-1] == "Cyfrowa szkoła"
    page.get_by_role("button", name="Przesuń „Cyfrowa szkoła” wyżej").click()
    expect(page.get_by_text("Przesunięto „Cyfrowa szkoła”.")).to_be_visible()
    assert (
        list(SupportArea.objects.order_by("order", "pk").values_list("name", flat=True))[-2]
        == "Cyfrowa szkoła"
    )
    page.get_by_role("button", name="Wycofaj „Cyfrowa szkoła” z użycia").click()
    row = page.get_by_role("row").filter(has_text="Cyfrowa szkoła")
    expect(row).to_contain_text("wycofana z użycia")
    page.get_by_role("link", name="Edytuj „Cyfrowa szkoła”").click()
    axe(page)
    page.get_by_label("Nazwa", exact=True).fill("Szkoła cyfrowa")
    page.get_by_role("button", name="Zapisz").click()
    expect(page.get_by_text("Zapisano „Szkoła cyfrowa”.")).to_be_visible()
    area = SupportArea.objects.get(name="Szkoła cyfrowa")
    assert not area.is_active
    assert area.competences.count() == 1
