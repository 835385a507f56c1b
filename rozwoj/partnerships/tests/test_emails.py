"""Every e-mail of the partnership, sent by its real service to a partner member reading in each language, compared
with its snapshot in snapshots/emails/ (regenerate: ROZWOJ_UPDATE_SNAPSHOTS=1, then read the diff)."""

import datetime

import pytest
from django.utils import timezone

from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.notifications.tests.email_snapshots import assert_email_matches_snapshot, languages
from rozwoj.organisations.tests.factories import OrganisationFactory
from rozwoj.people.tests.factories import person_with_login
from rozwoj.programmes.tests.factories import ProgrammeFactory

from .. import services
from .factories import partner_of, period_for, report_for

pytestmark = pytest.mark.django_db
READER = "inese.kalnina@lspa.example.org"


def _report(language, **values):
    programme = ProgrammeFactory(name="Coaching techniques in the public sector")
    organisation = OrganisationFactory(name="Latvian School of Public Administration", country="LV")
    partner_of(programme, organisation)
    person = person_with_login(
        "partner_member", organisation=organisation, first_name="Inese", last_name="Kalniņa", email=READER
    )
    person.user.preferred_language = language
    person.user.save(update_fields=["preferred_language"])
    period = period_for(programme, due_on=datetime.date(2021, 10, 6))
    return report_for(period, organisation, **values)


def _overdue(language):
    _report(language, filled=False)
    services.send_overdue_reminders(timezone.now())


def _returned(language):
    report = _report(language, status="submitted")
    services.report_return(
        actor=user_with_role("coordinator"), report=report, text="Please add the dates of the sessions."
    )


EMAILS = {"partnerships.report_overdue": _overdue, "partnerships.report_returned": _returned}


@pytest.mark.parametrize("language", languages())
@pytest.mark.parametrize("kind", EMAILS)
def test_email_matches_its_snapshot(kind, language, settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://rozwoj.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        EMAILS[kind](language)
    mail = [m for m in mailoutbox if m.to == [READER]][-1]
    assert_email_matches_snapshot(mail, kind, language)
