import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from rozwoj.accounts.tests.factories import UserFactory
from rozwoj.notifications.models import Notification
from rozwoj.notifications.recipients import language_for
from rozwoj.notifications.selectors import notifications_for, unread_count
from rozwoj.notifications.services import (
    Attachment,
    notification_mark_all_read,
    notification_mark_read,
    notify,
)
from rozwoj.people.tests.factories import PersonFactory, person_with_login

from .factories import NotificationFactory

pytestmark = pytest.mark.django_db

CONTEXT = {
    "title": "Szkolenie „A & B” <2027>",
    "when": datetime.datetime(2027, 1, 9, 9, 0, tzinfo=datetime.UTC),  # 10:00 in Warsaw
    "count": 5000,
}


@pytest.fixture(autouse=True)
def sample_template(settings):
    """notifications/emails/sample.{subject.txt,txt} from this folder's templates/."""
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "DIRS": [*settings.TEMPLATES[0]["DIRS"], Path(__file__).parent / "templates"],
        }
    ]
    settings.SITE_URL = "https://rozwoj.example.org"


def send(to, **kwargs):
    return notify(to=to, kind="notifications.sample", context=CONTEXT, **kwargs)


def test_notify_renders_the_template_records_in_app_and_emails_after_commit(
    django_capture_on_commit_callbacks, mailoutbox
):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True), timezone.override("America/New_York"):
        notification = send(
            user, url="/events/1/", attachments=[Attachment("event.ics", b"BEGIN:VCALENDAR", "text/calendar")]
        )
        assert mailoutbox == []  # nothing leaves before the commit
    # Polish, the site default; dates and numbers as on the pages, in Warsaw time; the text is not HTML-escaped
    body = "Szkolenie „A & B” <2027>\nTak\n\n9 stycznia 2027 10:00 · 5\xa0000"
    assert (notification.user, notification.kind) == (user, "notifications.sample")
    assert (notification.title, notification.body, notification.url) == (
        "Tak: Szkolenie „A & B” <2027>",
        body,
        "/events/1/",
    )
    assert notification.read_at is None
    [mail] = mailoutbox
    assert mail.to == [user.email]
    assert mail.subject == notification.title
    assert mail.body == body + "\n\nhttps://rozwoj.example.org/events/1/"
    assert mail.attachments[0][0] == "event.ics"


def test_each_recipient_reads_their_own_language(django_capture_on_commit_callbacks, mailoutbox):
    english = UserFactory(preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        notification = send(english)
    assert notification.title == "Yes: Szkolenie „A & B” <2027>"
    assert notification.body == "Szkolenie „A & B” <2027>\nYes\n\n9 Jan 2027, 10:00 · 5,000"
    assert mailoutbox[0].subject == notification.title


def test_a_person_without_login_is_only_emailed(django_capture_on_commit_callbacks, mailoutbox):
    person = PersonFactory(email="gosc@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        assert send(person) is None
    assert Notification.objects.count() == 0
    assert mailoutbox[0].to == ["gosc@example.org"]
    assert mailoutbox[0].subject.startswith("Tak:")


def test_a_person_with_login_gets_both_at_the_persons_address_in_the_logins_language(
    django_capture_on_commit_callbacks, mailoutbox
):
    person = person_with_login(email="anna@example.org")
    person.user.email = "anna.login@example.org"
    person.user.preferred_language = "en"
    person.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        notification = send(person)
    assert notification.user == person.user
    assert mailoutbox[0].to == ["anna@example.org"]
    assert mailoutbox[0].subject.startswith("Yes:")

    person.email = ""
    with django_capture_on_commit_callbacks(execute=True):
        send(person)
    assert mailoutbox[1].to == ["anna.login@example.org"]


def test_nobody_to_tell_sends_nothing(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        assert send(PersonFactory(email="")) is None
    assert mailoutbox == []
    assert Notification.objects.count() == 0


def test_a_kind_names_its_app_and_template():
    with pytest.raises(ValueError, match="<app>.<name>"):
        notify(to=UserFactory(), kind="sample", context={})


@pytest.mark.parametrize(
    ("preferred", "language"), [("en", "en"), ("pl", "pl"), ("", "pl"), ("de", "pl"), ("en-gb", "en")]
)
def test_language_for_a_login_a_person_and_a_person_without_login(preferred, language):
    user = UserFactory(preferred_language=preferred)
    assert language_for(user) == language
    assert language_for(PersonFactory(user=user)) == language
    assert language_for(PersonFactory()) == "pl"


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
