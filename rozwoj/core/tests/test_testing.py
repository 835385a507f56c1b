"""The query-budget helper refuses a page that did not render, however few queries it took."""

import pytest
from django.urls import reverse

from rozwoj.core.testing import assert_page

pytestmark = pytest.mark.django_db


def test_a_rendered_page_within_its_budget_passes(client):
    response = assert_page(
        client, reverse("events:list"), queries=10, template="events/events/list.html", contains="<h1"
    )
    assert response.status_code == 200


def test_a_redirect_to_the_login_page_fails(client):
    with pytest.raises(AssertionError, match="status 302"):
        assert_page(client, reverse("notifications:list"), queries=50)


def test_a_404_fails(client):
    with pytest.raises(AssertionError, match="status 404"):
        assert_page(client, reverse("events:detail", args=[999_999]), queries=50)


def test_over_the_budget_fails_and_shows_the_queries(client):
    with pytest.raises(AssertionError, match="over the budget of 0"):
        assert_page(client, reverse("events:list"), queries=0)


def test_the_template_and_texts_are_checked(client):
    with pytest.raises(AssertionError, match="not rendered"):
        assert_page(client, reverse("events:list"), queries=50, template="events/events/detail.html")
    with pytest.raises(AssertionError, match="not on the page"):
        assert_page(client, reverse("events:list"), queries=50, contains="no such text anywhere")
