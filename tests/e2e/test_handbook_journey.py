"""The co-written handbook in the browser: a partner member opens their programme's handbook, edits their chapter,
comments on a paragraph, starts a translation and compares two versions; a coordinator approves the chapter and
the visitor reads it on the public pages. axe checks each page."""

import pytest
from playwright.sync_api import expect

from rozwoj.accounts.models import Role
from rozwoj.handbooks import services
from rozwoj.handbooks.tests.factories import ChapterFactory, HandbookFactory, PartFactory, partner
from rozwoj.people.tests.factories import person_with_login


@pytest.mark.django_db(transaction=True)
def test_a_partner_writes_comments_translates_and_the_approved_chapter_is_public(page, axe, login_as):
    handbook = HandbookFactory(title="Coaching solutions for public administration")
    organisation, author = partner(handbook)
    chapter = ChapterFactory(
        part=PartFactory(handbook=handbook, title="The pilot groups"),
        author_organisation=organisation,
        title="Latvia: the pilot group",
        body="## The group\n\nEight managers met their coaches.",
    )
    coordinator = person_with_login(Role.COORDINATOR).user
    services.chapter_save_text(
        actor=author, chapter=chapter, title=chapter.title, body=chapter.body, base_revision=0
    )

    page.set_default_navigation_timeout(60_000)  # the shared test machine is slow to serve the first page
    login_as(author)
    page.goto("/handbooks/")
    axe(page)
    page.get_by_role("link", name=handbook.title).click()
    axe(page)
    page.get_by_role("link", name=chapter.title).click()
    axe(page)
    page.get_by_role("link", name="Edytuj tekst angielski").click()
    axe(page)
    page.get_by_label("Tekst (Markdown)").fill(
        "## The group\n\nEight managers met their coaches every three weeks.\n\n## What worked\n\nShort sessions."
    )
    page.get_by_role("button", name="Zapisz jako nową wersję").click()
    expect(page.locator(".messages")).to_contain_text("nowa wersja")
    page.get_by_label("Akapit", exact=True).select_option(index=1)
    page.get_by_label("Komentarz", exact=True).fill("Say how many sessions.")
    page.get_by_role("button", name="Dodaj komentarz").click()
    expect(page.locator("aside.comment")).to_contain_text("Say how many sessions.")
    axe(page)
    page.get_by_role("link", name="Zacznij (latviešu)").click()
    axe(page)
    page.get_by_label("Tytuł", exact=True).fill("Latvija: pilotgrupa")
    page.get_by_label("Tekst (Markdown)").fill("## Grupa\n\nAstoņi vadītāji.")
    page.get_by_role("button", name="Zapisz jako nową wersję").click()
    page.get_by_role("link", name="Wersje i porównanie").click()
    page.get_by_label("Wcześniejsza wersja").fill("1")
    page.get_by_label("Późniejsza wersja").fill("2")
    page.get_by_role("button", name="Porównaj").click()
    expect(page.locator(".comparison ins").first).to_be_visible()
    axe(page)

    services.chapter_set_status(actor=coordinator, chapter=chapter, status="approved")
    services.handbook_publish(actor=coordinator, handbook=handbook, published=True)
    page.context.clear_cookies()
    page.goto(f"/handbooks/public/{handbook.pk}/")
    axe(page)
    page.get_by_role("link", name=chapter.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(chapter.title)
    axe(page)
