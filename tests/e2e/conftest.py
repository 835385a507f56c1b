"""Browser tests: Playwright drives Debian's Chromium against the live test server; axe-core checks each page."""

import os
import shutil

import pytest

os.environ.setdefault(
    "DJANGO_ALLOW_ASYNC_UNSAFE", "true"
)  # Playwright's sync API runs an event loop in this thread

CHROMIUM = os.environ.get("ROZWOJ_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test`, which installs Debian's chromium.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def _is_csp_violation(text: str) -> bool:
    return "Content Security Policy" in text or "Content-Security-Policy" in text


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab; the test fails if the console reports anything the Content-Security-Policy blocked
    (an inline script or style, an event-handler attribute, eval, a resource from elsewhere), so every journey
    checks the policy."""
    context = browser.new_context(base_url=live_server.url, locale="pl-PL", timezone_id="Europe/Warsaw")
    context.set_default_timeout(15_000)
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}") if _is_csp_violation(message.text) else None
        ),
    )
    yield page
    context.close()
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


@pytest.fixture
def axe():
    """Call `axe(page)` on every page a test visits: fails on any serious or critical violation."""
    from axe_playwright_python.sync_playwright import Axe

    checker = Axe()

    def check(page):
        results = checker.run(page)
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
            for v in results.response["violations"]
            if v.get("impact") in {"serious", "critical"}
        ]
        assert not bad, f"axe-core on {page.url}:\n" + "\n".join(bad)

    return check


@pytest.fixture
def login(page, live_server):
    """Log in through the real login form (allauth), as a user would."""

    def do_login(email, password="rozwoj-demo"):
        page.goto("/accounts/login/")
        page.locator("input[name=login]").fill(email)
        page.locator("input[name=password]").fill(password)
        page.locator("form button[type=submit]").last.click()
        page.wait_for_load_state("networkidle")

    return do_login


@pytest.fixture
def login_as(page, live_server):
    """Skip the form: put a session for `user` into the browser (for journeys that are not about logging in)."""
    from django.conf import settings
    from django.test import Client

    def do_login(user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
        )

    return do_login


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """Browser tests run on a flushed database; put back what data migrations seed (kinds, competence canon,
    questionnaire templates, the accessibility declaration and the site pages)."""
    from tests.reference_data import reseed

    reseed()
