"""Every page each demo user reaches by following links from the home page answers 200 and passes axe-core,
and fits a phone's screen 320 px wide (WCAG 2.1 reflow, AA).

A crawl over the demo data (the seeds' programmes, events, experts and local governments): one page per route
and role, so that a page nobody thought of testing is still checked.
"""

from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve
from playwright.sync_api import Error as PlaywrightError

from rozwoj.accounts.models import User

DEMO_USERS = [
    None,
    "koordynator@example.org",
    "ekspert@example.org",
    "jst@example.org",
    "partner@example.org",
]
# Not pages: files, feeds, the API, Django's admin (its own markup) and leaving the session.
SKIPPED_PREFIXES = ("/admin/", "/api/", "/media/", "/static/", "/accounts/logout/", "/events/feed/")
SKIPPED_SUFFIXES = (".pdf", ".ics", ".csv", ".xlsx", ".json", ".sav", ".xml", ".txt")
DOWNLOADS = {  # routes that answer with a file (tested in their apps), not with a page
    "people:export",
    "events:attachment_download",
    "events:photo",
    "events:export",
    "events:participants_export",
    "surveys:results_export",
    "surveys:results_report",
    "surveys:results_export_file",
    "documents:download",
    "documents:version_download",
    "news:photo",
    "news:attachment",
    "news:feed_rss",
    "news:feed_atom",
    "news:category_rss",
    "news:category_atom",
    "news:programme_rss",
    "news:programme_atom",
}
PAGES_PER_ROLE = 120


def _route(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def _links(page) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    paths = []
    for href in hrefs:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue  # other hosts, mailto:, tel:, in-page anchors
        if parts.path.startswith(SKIPPED_PREFIXES) or parts.path.endswith(SKIPPED_SUFFIXES):
            continue
        paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


# Labels as every form writes them: no colon at the end, no lower-case start (rozwoj.core.forms.BoundField).
BAD_LABELS = """() => [...document.querySelectorAll('main label, main legend')]
  // a choice among options (a radio button, a checkbox of a group), not a field's label
  .filter(l => !l.querySelector('input, select, textarea'))
  .filter(l => !(l.control && ['radio', 'checkbox'].includes(l.control.type)))
  .map(l => l.textContent.replace(/\\s+/g, ' ').trim())
  .filter(t => t && (t.endsWith(':') || (t[0] !== t[0].toUpperCase())))"""
PHONE_WIDTH = 320
WIDER_THAN_VIEWPORT = """() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"""


def _crawl(page, login_as, check) -> dict[str | None, set[str]]:
    """Visit every route each demo user reaches from the home page (one page per route); `check(page, who)`."""
    visited_routes: dict[str | None, set[str]] = {}
    for email in DEMO_USERS:
        page.context.clear_cookies()
        if email:
            user = User.objects.get(email=email)
            login_as(user)
        seen_routes: set[str] = set()
        queue, queued = ["/"], {"/"}
        while queue and len(seen_routes) < PAGES_PER_ROLE:
            path = queue.pop(0)
            route = _route(path.split("?")[0])
            if route is None or route in seen_routes or route in DOWNLOADS:
                continue
            seen_routes.add(route)
            try:
                response = page.goto(path)
            except PlaywrightError as error:
                if "Download is starting" in error.message:
                    continue  # a file (a DOCX, an archive), tested in its app
                raise
            assert response is not None
            assert response.status == 200, f"{email or 'anonymous'}: {path} answered {response.status}"
            if not response.headers.get("content-type", "").startswith("text/html"):
                continue  # a file the browser shows itself (a PDF), tested in its app
            check(page, email or "anonymous")
            for link in _links(page):
                if link not in queued:
                    queued.add(link)
                    queue.append(link)
        visited_routes[email] = seen_routes
    return visited_routes


@pytest.mark.django_db(transaction=True)
def test_every_page_reachable_by_each_demo_user_answers_and_passes_axe(page, axe, login_as, settings):
    settings.ROZWOJ_DEMO_ALLOWED = True
    call_command("load_demo", verbosity=0)

    def check(page, who):
        axe(page)
        labels = page.evaluate(BAD_LABELS)
        assert not labels, f"{who}: {page.url} has labels with a colon or a lower-case start: {labels}"

    visited_routes = _crawl(page, login_as, check)

    # The crawl really went through the product: the coordinator reached the main areas.
    coordinator_routes = visited_routes["koordynator@example.org"]
    for route in (
        "dashboard:home",
        "local_governments:detail",
        "organisations:detail",
        "people:detail",
        "experts:detail",
        "programmes:detail",
        "events:detail",
        "events:participants",
        "events:attendance",
        "events:calendar",
        "notifications:list",
    ):
        assert route in coordinator_routes, f"the coordinator's crawl did not reach {route}"
    assert len(coordinator_routes) > 40


@pytest.mark.django_db(transaction=True)
def test_every_page_fits_a_screen_320_px_wide(page, login_as, settings):
    """Reflow: at 320 CSS px nothing pushes the page sideways (wide tables scroll inside their own region)."""
    settings.ROZWOJ_DEMO_ALLOWED = True
    call_command("load_demo", verbosity=0)
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 640})
    too_wide: list[str] = []

    def check(page, who):
        scroll_width, client_width = page.evaluate(WIDER_THAN_VIEWPORT)
        assert client_width <= PHONE_WIDTH
        if scroll_width > PHONE_WIDTH:
            too_wide.append(f"{who}: {urlsplit(page.url).path} is {scroll_width} px wide")

    visited_routes = _crawl(page, login_as, check)
    assert len(visited_routes["koordynator@example.org"]) > 40
    assert not too_wide, "pages wider than a 320 px screen:\n" + "\n".join(too_wide)
