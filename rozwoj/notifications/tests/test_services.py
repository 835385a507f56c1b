import pytest

from rozwoj.accounts.tests.factories import UserFactory
from rozwoj.notifications.models import Notification
from rozwoj.notifications.selectors import notifications_for, unread_count
from rozwoj.notifications.services import (
    Attachment,
    Message,
    notification_mark_all_read,
    notification_mark_read,
    notify,
)

from .factories import NotificationFactory

pytestmark = pytest.mark.django_db


def test_notify_records_in_app_and_emails_after_commit(django_capture_on_commit_callbacks, mailoutbox):
    user = UserFactory()
    message = Message(
        kind="reminder",
        subject="Przypomnienie",
        body="Szkolenie jutro.",
        url="/events/1/",
        attachments=[Attachment("event.ics", b"BEGIN:VCALENDAR", "text/calendar")],
    )
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(user=user, message=message)
        assert mailoutbox == []  # nothing leaves before the commit
    assert notification.user == user
    assert notification.read_at is None
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [user.email]
    assert mailoutbox[0].attachments[0][0] == "event.ics"


def test_notify_without_user_only_emails(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        assert notify(email="guest@example.org", message=Message("x", "Temat", "Treść")) is None
    assert Notification.objects.count() == 0
    assert mailoutbox[0].to == ["guest@example.org"]


def test_mark_read_only_own():
    mine = NotificationFactory()
    other_user = UserFactory()
    notification_mark_read(user=other_user, notification=mine)
    mine.refresh_from_db()
    assert mine.read_at is None
    notification_mark_read(user=mine.user, notification=mine)
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_mark_all_read_touches_only_the_users_unread():
    user = UserFactory()
    NotificationFactory.create_batch(3, user=user)
    foreign = NotificationFactory()
    assert notification_mark_all_read(user=user) == 3
    assert unread_count(user) == 0
    assert unread_count(foreign.user) == 1
    assert notification_mark_all_read(user=user) == 0


def test_selectors_scope_to_the_user(rf):
    from django.contrib.auth.models import AnonymousUser

    user = UserFactory()
    NotificationFactory.create_batch(2, user=user)
    NotificationFactory()
    assert notifications_for(user).count() == 2
    assert notifications_for(AnonymousUser()).count() == 0
    assert unread_count(AnonymousUser()) == 0
