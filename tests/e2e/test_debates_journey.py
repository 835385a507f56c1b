"""Browser journey of a dialogue meeting: the adviser records it from the engagement page with two
recommendations, turns one into an action of the HDR draft, and the action says which meeting it came from.
axe-core checks every page."""

import pytest
from playwright.sync_api import expect

from rozwoj.advisory.models import Debate
from rozwoj.advisory.tests.hdr_helpers import drafted_hdr


@pytest.mark.django_db(transaction=True)
def test_record_a_dialogue_meeting_and_turn_a_recommendation_into_an_hdr_action(page, axe, login_as):
    hdr = drafted_hdr()
    engagement = hdr.engagement
    login_as(engagement.pro_expert.person.user)
    page.set_default_navigation_timeout(60_000)  # a shared, loaded test machine

    page.goto(f"/advisory/engagements/{engagement.pk}/")
    page.get_by_role("link", name="Debaty i spotkania dialogowe", exact=True).click()
    axe(page)
    page.get_by_role("link", name="Zapisz debatę lub spotkanie dialogowe").click()
    axe(page)
    page.get_by_role("button", name="Zapisz").click()
    expect(page.locator("p.form-errors")).to_be_visible()
    axe(page)
    page.locator("#id_kind").select_option("dialogue")
    page.locator("#id_topic").fill("Przyszłość sieci szkół")
    page.locator("#id_date").fill(engagement.call.cycle_starts_on.isoformat())
    page.locator("#id_place").fill("Gminny Ośrodek Kultury")
    page.get_by_label("rodzice").check()
    page.locator("#id_recommendations").fill("Powołać zespół dyrektorów\nKonsultować plan z radami rodziców")
    page.get_by_role("button", name="Zapisz").click()
    expect(page.get_by_text("Spotkanie zostało zapisane.")).to_be_visible()
    axe(page)

    page.get_by_role("button", name="Zamień rekomendację 2 w działanie HDR").click()
    expect(page.get_by_text("Rekomendacja jest teraz działaniem HDR")).to_be_visible()
    expect(page.get_by_text("ze spotkania dialogowego „Przyszłość sieci szkół”")).to_be_visible()
    axe(page)
    debate = Debate.objects.get()
    assert hdr.actions.get(source_recommendation__debate=debate).title == "Konsultować plan z radami rodziców"
    page.goto(f"/advisory/debates/{debate.pk}/")
    expect(page.get_by_role("link", name="Konsultować plan z radami rodziców")).to_be_visible()
    page.goto(f"/advisory/debates/{debate.pk}/edit/")
    axe(page)
