"""The navigation and the footer are kept in the cache (base.html): each reader still sees their own."""

import pytest
from django.core.cache import cache

from rozwoj.accounts.tests.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _nav(response) -> str:
    assert response.status_code == 200
    return _nav_of(response.content.decode())


def test_each_role_sees_its_own_navigation_on_the_same_page(client):
    anonymous = _nav(client.get("/events/"))
    assert 'href="/people/"' not in anonymous
    client.force_login(user_with_role("coordinator"))
    coordinator = _nav(client.get("/events/"))
    assert 'href="/people/"' in coordinator
    client.force_login(user_with_role("expert"))
    expert = _nav(client.get("/events/"))
    assert 'href="/people/"' not in expert
    assert 'href="/experts/"' in expert
    client.logout()
    assert 'href="/people/"' not in _nav(client.get("/events/"))


def test_the_current_page_is_marked_on_each_page(client):
    events = _nav(client.get("/events/"))
    programmes = _nav(client.get("/programmes/"))
    assert 'href="/events/" aria-current="page"' in events
    assert 'href="/programmes/" aria-current="page"' not in events
    assert 'href="/programmes/" aria-current="page"' in programmes
    assert 'href="/events/" aria-current="page"' not in programmes


def test_the_navigation_and_footer_follow_the_language(client):
    polish = client.get("/events/", HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    client.cookies["rozwoj_language"] = "en"
    english = client.get("/events/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Kalendarz" in polish
    assert "Calendar" not in _nav_of(polish)
    assert "Calendar" in _nav_of(english)
    assert "Verify a certificate" in english
    assert "Verify a certificate" not in polish


def _nav_of(html: str) -> str:
    start = html.index('<nav class="main-nav"')
    return html[start : html.index("</nav>", start)]
