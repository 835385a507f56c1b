"""Browser journey of a development action schedule (HDR): the adviser drafts it (context, goals, an action
tied to the priority) until the check finds nothing missing and submits it; the local government's member
approves it; a coordinator publishes it; the public finds it in the gallery and opens it. axe-core checks
every page."""

import pytest
from playwright.sync_api import expect

from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.advisory.models import Hdr, HdrStatus
from rozwoj.advisory.services import engagements
from rozwoj.advisory.tests.factories import engagement_with_team, support_area
from rozwoj.advisory.tests.hdr_helpers import lg_member_of


@pytest.mark.django_db(transaction=True)
def test_draft_approve_publish_and_find_in_the_gallery(page, axe, login_as):
    engagement = engagement_with_team()
    adviser = engagement.ros_expert.person.user
    engagements.support_area_choose(actor=adviser, engagement=engagement, area=support_area())
    engagements.priority_add(actor=adviser, engagement=engagement, title="Przywództwo edukacyjne")
    call = engagement.call
    login_as(adviser)
    page.set_default_navigation_timeout(60_000)  # a shared, loaded test machine

    page.goto(f"/advisory/engagements/{engagement.pk}/")
    page.get_by_role("link", name="Harmonogram działań rozwojowych (HDR)", exact=True).click()
    axe(page)
    page.get_by_role("button", name="Zacznij opracowywać HDR").click()
    expect(page.get_by_role("heading", name="Sprawdzenie przed przedłożeniem")).to_be_visible()
    expect(page.get_by_text("Opisz kontekst.")).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Edytuj kontekst i cele").click()
    axe(page)
    page.get_by_label("Kontekst").fill("Gmina prowadzi pięć szkół podstawowych i dwa przedszkola.")
    page.get_by_label("Cele").fill("Sieć współpracy dyrektorów\nDecyzje oparte na danych")
    page.get_by_role("button", name="Zapisz").click()
    expect(page.get_by_text("HDR został zapisany.")).to_be_visible()

    page.get_by_role("link", name="Dodaj działanie").click()
    axe(page)
    page.locator("#id_priority").select_option(label="Przywództwo edukacyjne")
    page.locator("#id_title").fill("Sieć współpracy dyrektorów szkół")
    page.get_by_label("Kto odpowiada").fill("Sekretarz gminy")
    page.locator("#id_starts_on").fill(call.cycle_starts_on.isoformat())
    page.locator("#id_ends_on").fill(call.cycle_ends_on.isoformat())
    page.locator("#id_indicator").fill("Liczba spotkań sieci")
    page.get_by_label("Wartość bazowa").fill("0")
    page.get_by_label("Wartość docelowa").fill("6")
    page.get_by_role("button", name="Zapisz").click()
    expect(page.get_by_text("Działanie zostało dodane.")).to_be_visible()
    expect(page.get_by_text("Niczego nie brakuje: HDR można przedłożyć do zatwierdzenia.")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Przedłóż do zatwierdzenia").click()
    expect(page.get_by_text("HDR przedłożono zespołowi JST do zatwierdzenia.")).to_be_visible()
    hdr = Hdr.objects.get(engagement=engagement)
    page.goto(f"/advisory/hdr-drafts/{hdr.pk}/versions/compare/?old=1&new=1")
    axe(page)

    page.context.clear_cookies()
    login_as(lg_member_of(engagement))
    page.goto(f"/advisory/engagements/{engagement.pk}/hdr/")
    page.get_by_role("button", name="Zatwierdź HDR").click()
    expect(page.get_by_text("HDR został zatwierdzony; jego etap jest zamknięty.")).to_be_visible()
    axe(page)

    page.context.clear_cookies()
    login_as(user_with_role("coordinator"))
    page.goto(f"/advisory/engagements/{engagement.pk}/hdr/")
    page.get_by_role("button", name="Opublikuj w galerii").click()
    expect(page.get_by_text("HDR został opublikowany w galerii.")).to_be_visible()
    assert Hdr.objects.get(pk=hdr.pk).status == HdrStatus.PUBLISHED

    page.context.clear_cookies()
    page.goto("/advisory/hdr/")
    axe(page)
    gallery_search = page.get_by_role("search", name="Szukaj w HDR")
    gallery_search.get_by_label("Szukaj", exact=True).fill("sieci dyrektorów")
    gallery_search.get_by_role("button", name="Szukaj").click()
    page.get_by_role("link", name=hdr.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(hdr.title)
    expect(page.get_by_text("Sieć współpracy dyrektorów szkół")).to_be_visible()
    axe(page)
