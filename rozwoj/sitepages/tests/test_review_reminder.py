"""The yearly reminder to review the accessibility declaration by 31 March."""

import datetime

import pytest

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.core.periodic import registry
from rozwoj.notifications.models import Notification
from rozwoj.notifications.tests.email_snapshots import assert_email_matches_snapshot, languages
from rozwoj.sitepages.models import AccessibilityDeclaration
from rozwoj.sitepages.services import review_deadline, review_reminder_send

pytestmark = pytest.mark.django_db

KIND = "sitepages.declaration_review_due"


def _reviewed(day: datetime.date | None, prepared: datetime.date = datetime.date(2025, 6, 1)) -> None:
    AccessibilityDeclaration.objects.update(reviewed_on=day, prepared_on=prepared, review_reminder_year=None)


def test_the_deadline_is_the_next_31_march():
    assert review_deadline(datetime.date(2027, 3, 1)) == datetime.date(2027, 3, 31)
    assert review_deadline(datetime.date(2027, 3, 31)) == datetime.date(2027, 3, 31)
    assert review_deadline(datetime.date(2027, 4, 1)) == datetime.date(2028, 3, 31)


def test_the_administrators_are_reminded_once_when_the_deadline_is_near(
    mailoutbox, django_capture_on_commit_callbacks
):
    admins = [user_with_role(Role.ADMINISTRATOR), user_with_role(Role.ADMINISTRATOR)]
    user_with_role(Role.COORDINATOR)
    _reviewed(datetime.date(2026, 3, 20))
    with django_capture_on_commit_callbacks(execute=True):
        assert review_reminder_send(datetime.date(2027, 3, 1)) == 2
        assert review_reminder_send(datetime.date(2027, 3, 2)) == 0  # the next day: already sent this year
        assert review_reminder_send(datetime.date(2027, 3, 31)) == 0
    assert sorted(m.to[0] for m in mailoutbox) == sorted(a.email for a in admins)
    assert Notification.objects.filter(kind=KIND).count() == 2
    # The next year reminds again.
    _reviewed(datetime.date(2026, 3, 20))
    AccessibilityDeclaration.objects.update(review_reminder_year=2027)
    assert review_reminder_send(datetime.date(2028, 3, 5)) == 2


@pytest.mark.parametrize(
    ("today", "reviewed_on"),
    [
        (datetime.date(2027, 2, 28), datetime.date(2026, 3, 20)),  # 31 days before: too early
        (
            datetime.date(2027, 4, 1),
            datetime.date(2026, 3, 20),
        ),  # after the deadline: the next one is far away
        (datetime.date(2027, 3, 10), datetime.date(2027, 1, 5)),  # already reviewed since the last 31 March
        (datetime.date(2027, 3, 10), datetime.date(2026, 4, 1)),  # reviewed on 1 April last year: counts
    ],
)
def test_no_reminder_when_not_due(today, reviewed_on, mailoutbox):
    user_with_role(Role.ADMINISTRATOR)
    _reviewed(reviewed_on)
    assert review_reminder_send(today) == 0
    assert not Notification.objects.filter(kind=KIND).exists()


def test_a_declaration_never_reviewed_counts_from_its_preparation():
    user_with_role(Role.ADMINISTRATOR)
    _reviewed(None, prepared=datetime.date(2026, 12, 1))
    assert review_reminder_send(datetime.date(2027, 3, 10)) == 0
    _reviewed(None, prepared=datetime.date(2026, 2, 1))
    assert review_reminder_send(datetime.date(2027, 3, 10)) == 1


def test_the_job_is_registered_and_runs():
    job = registry.get("sitepages.remind_declaration_review")
    assert job.every == datetime.timedelta(days=1)
    assert isinstance(job(), int)


@pytest.mark.parametrize("language", languages())
def test_reminder_email_matches_its_snapshot(language, mailoutbox, django_capture_on_commit_callbacks):
    admin = user_with_role(Role.ADMINISTRATOR, preferred_language=language)
    _reviewed(datetime.date(2026, 3, 20))
    with django_capture_on_commit_callbacks(execute=True):
        review_reminder_send(datetime.date(2027, 3, 10))
    mail = [m for m in mailoutbox if m.to == [admin.email]][-1]
    assert_email_matches_snapshot(mail, KIND, language)
