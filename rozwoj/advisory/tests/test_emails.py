"""Every e-mail of the advisory app, sent by its real service, compared with its snapshot in
snapshots/emails/ (regenerate: ROZWOJ_UPDATE_SNAPSHOTS=1, then read the diff). Applicants have no login:
they are written to in the site's language, so each language is the site's default here."""

import datetime

import pytest

from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.notifications.tests.email_snapshots import assert_email_matches_snapshot, languages
from rozwoj.organisations.tests.factories import GminaFactory

from ..services import calls
from .factories import CallFactory, member_rows, support_area

pytestmark = pytest.mark.django_db
CONTACT = "ewa.nowak@dwikozy.example.org"


def _application():
    call = CallFactory(
        title="Wsparcie JST 2022–23",
        opens_on=datetime.date(2022, 9, 1),
        closes_on=datetime.date(2099, 9, 30),
        cycle_starts_on=datetime.date(2022, 10, 5),
        cycle_ends_on=datetime.date(2099, 5, 31),
    )
    area = support_area()
    return calls.application_submit(
        call=call,
        local_government=GminaFactory(name="Dwikozy"),
        data={
            "contact_first_name": "Ewa",
            "contact_last_name": "Nowak",
            "contact_email": CONTACT,
            "preferred_area": area,
            "motivation": "Chcemy planować rozwój szkół.",
        },
        members=member_rows(4),
    )


def _decided(status, reason=""):
    application = _application()
    calls.application_decide(
        actor=user_with_role("coordinator"), application=application, status=status, reason=reason
    )


EMAILS = {
    "advisory.application_received": _application,
    "advisory.application_accepted": lambda: _decided("accepted"),
    "advisory.application_waiting": lambda: _decided("waiting"),
    "advisory.application_rejected": lambda: _decided("rejected", "Wyczerpany limit miejsc dla powiatów."),
}


@pytest.mark.parametrize("language", languages())
@pytest.mark.parametrize("kind", EMAILS)
def test_email_matches_its_snapshot(kind, language, settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.LANGUAGE_CODE = language
    settings.SITE_URL = "https://rozwoj.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        EMAILS[kind]()
    mail = [m for m in mailoutbox if m.to == [CONTACT]][-1]
    assert_email_matches_snapshot(mail, kind, language)
