"""A visitor's tour of the public face: the header search finds the seed 000 post ("coaching Łotwa"), the document
library and a document's page, the home page with the latest news, the news list and a post, and the
accessibility declaration linked from the footer; axe-core on every page (no serious or critical issue)."""

import pytest
from playwright.sync_api import expect

from rozwoj.core.search import reindex
from rozwoj.documents.tests.factories import DocumentFactory
from rozwoj.news.services import post_publish
from rozwoj.news.tests.factories import draft, editor

TITLE = "ERASMUS + Coaching: ponadnarodowe spotkanie trenerów"
DOCUMENT = "Model doradztwa dla JST"


@pytest.mark.django_db(transaction=True)
def test_a_visitor_finds_the_news_documents_and_the_accessibility_declaration(page, axe):
    post = draft(
        title_pl=TITLE,
        lead_pl="W dniach 13-15 października 2021 r. KSAP gościł partnerów projektu.",
        body_pl="Przedstawiciele LSPA i MetaCoach z Łotwy oraz Society in Progress z Grecji.",
    )
    post_publish(actor=editor(), post=post)
    document = DocumentFactory(title=DOCUMENT, description="Model wsparcia doradczego dla JST.")
    reindex("documents", [document.pk])

    page.goto("/")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()  # the latest news
    axe(page)

    search = page.get_by_role("search", name="Wyszukiwarka serwisu")
    search.get_by_label("Szukaj w serwisie").fill("coaching Łotwa")
    search.get_by_role("button", name="Szukaj").click()
    expect(page.get_by_role("heading", name="Aktualności", exact=True)).to_be_visible()
    expect(page.locator(".search-results mark").first).to_be_visible()
    axe(page)
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    axe(page)

    page.goto("/news/")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    axe(page)

    page.goto("/documents/")
    axe(page)
    page.get_by_role("link", name=DOCUMENT, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(DOCUMENT)
    expect(page.get_by_text("PDF").first).to_be_visible()  # the type beside the link
    axe(page)

    page.get_by_role("contentinfo").get_by_role("link", name="Deklaracja dostępności").click()
    expect(page.locator("#a11y-wstep")).to_be_visible()
    axe(page)
