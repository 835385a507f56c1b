import datetime

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rozwoj.accounts.tests.factories import UserFactory
from rozwoj.core.testing import assert_page
from rozwoj.notifications.models import Notification

from .factories import NotificationFactory

pytestmark = pytest.mark.django_db

LIST = reverse("notifications:list")
READ_ALL = reverse("notifications:read_all")


@pytest.fixture
def user():
    return UserFactory()


@pytest.fixture
def logged_in(client, user):
    client.force_login(user)
    return client


def test_anonymous_goes_to_login(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    note = NotificationFactory()
    response = client.post(reverse("notifications:read", args=[note.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    note.refresh_from_db()
    assert note.read_at is None


def test_list_shows_own_newest_first_with_unread_marked(logged_in, user):
    old = NotificationFactory(user=user, title="Starsze powiadomienie")
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=2))
    NotificationFactory(user=user, title="Nowsze powiadomienie", read_at=timezone.now())
    NotificationFactory(title="Cudze powiadomienie")
    response = logged_in.get(LIST)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Nowsze powiadomienie") < html.index("Starsze powiadomienie")
    assert "Cudze powiadomienie" not in html
    assert html.count('class="notification unread"') == 1
    assert "nieprzeczytane powiadomienie" in html  # Polish catalogue: "You have 1 unread notification."


def test_empty_list(logged_in):
    response = logged_in.get(LIST)
    assert "Nie masz żadnych powiadomień." in response.content.decode()


def test_list_is_paginated_and_queries_are_bounded(logged_in, user, settings):
    NotificationFactory.create_batch(10, user=user)
    with CaptureQueriesContext(connection) as few:
        logged_in.get(LIST)
    NotificationFactory.create_batch(190, user=user)
    with CaptureQueriesContext(connection) as many:
        response = logged_in.get(LIST)
    assert len(few) == len(many)
    assert len(response.context["page_obj"].object_list) == settings.ROZWOJ_PAGE_SIZE
    assert response.context["page_obj"].paginator.count == 200


def test_list_query_budget(logged_in, user):
    NotificationFactory.create_batch(30, user=user)
    assert_page(logged_in, LIST, queries=8, template="notifications/list.html")


def test_read_marks_and_follows_local_url(logged_in, user):
    note = NotificationFactory(user=user, url="/events/7/")
    response = logged_in.post(reverse("notifications:read", args=[note.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/events/7/"
    note.refresh_from_db()
    assert note.read_at is not None


@pytest.mark.parametrize(
    "url", ["", "https://evil.example.com/", "//evil.example.com/x", "javascript:alert(1)"]
)
def test_read_does_not_follow_foreign_urls(logged_in, user, url):
    note = NotificationFactory(user=user, url=url)
    response = logged_in.post(reverse("notifications:read", args=[note.pk]))
    assert response["Location"] == LIST
    note.refresh_from_db()
    assert note.read_at is not None


def test_read_requires_post(logged_in, user):
    note = NotificationFactory(user=user)
    assert logged_in.get(reverse("notifications:read", args=[note.pk])).status_code == 405
    note.refresh_from_db()
    assert note.read_at is None


def test_someone_elses_notification_is_404(logged_in):
    foreign = NotificationFactory()
    assert logged_in.post(reverse("notifications:read", args=[foreign.pk])).status_code == 404
    assert logged_in.post(reverse("notifications:read", args=[999999])).status_code == 404
    foreign.refresh_from_db()
    assert foreign.read_at is None


def test_read_all(logged_in, user):
    NotificationFactory.create_batch(3, user=user)
    foreign = NotificationFactory()
    response = logged_in.post(READ_ALL, follow=True)
    assert Notification.objects.filter(user=user, read_at__isnull=True).count() == 0
    assert "oznaczone jako przeczytane" in response.content.decode()
    foreign.refresh_from_db()
    assert foreign.read_at is None
    assert logged_in.get(READ_ALL).status_code == 405


def render(template, user):
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load notification_tags %}" + template).render(Context({"request": request}))


def test_unread_count_tag(user):
    from django.contrib.auth.models import AnonymousUser

    NotificationFactory.create_batch(2, user=user)
    NotificationFactory(user=user, read_at=timezone.now())
    assert render("{% unread_count %}", user) == "2"
    assert render("{% unread_count as n %}{{ n }}", AnonymousUser()) == "0"


def test_notifications_link_tag(user):
    from django.contrib.auth.models import AnonymousUser

    NotificationFactory(user=user)
    html = render("{% notifications_link %}", user)
    assert LIST in html
    assert "Powiadomienia" in html
    assert ">1<span" in html
    assert render("{% notifications_link %}", AnonymousUser()).strip() == ""
