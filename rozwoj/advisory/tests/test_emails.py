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


@pytest.mark.parametrize("language", languages())
def test_the_monitoring_digest_matches_its_snapshot(
    language, settings, mailoutbox, django_capture_on_commit_callbacks
):
    from ..models import HdrAction, MonitoringStatus
    from ..services import hdr as hdr_services
    from ..services import monitoring
    from .hdr_helpers import drafted_hdr, lg_member_of

    settings.LANGUAGE_CODE = language
    settings.SITE_URL = "https://rozwoj.example.org"
    hdr = drafted_hdr(actions=2, local_government=GminaFactory(name="Dwikozy"))
    adviser = hdr.engagement.ros_expert.person.user
    hdr_services.hdr_submit(actor=adviser, hdr=hdr)
    lg_user = lg_member_of(hdr.engagement)
    hdr_services.hdr_approve(actor=lg_user, hdr=hdr)
    person = lg_user.person
    person.first_name, person.last_name, person.email = "Ewa", "Nowak", CONTACT
    person.save()
    lg_user.preferred_language = ""
    lg_user.save()
    late, risky = hdr.actions.order_by("order", "id")
    HdrAction.objects.filter(pk=late.pk).update(
        title="Sieć dyrektorów szkół", starts_on=datetime.date(2024, 1, 8), ends_on=datetime.date(2024, 3, 31)
    )
    HdrAction.objects.filter(pk=risky.pk).update(
        title="Plan doskonalenia", starts_on=datetime.date(2025, 1, 1), ends_on=datetime.date(2099, 6, 30)
    )
    risky.refresh_from_db()
    monitoring.entry_add(
        actor=adviser,
        action=risky,
        data={"date": datetime.date(2025, 1, 15), "status": MonitoringStatus.AT_RISK, "percent_done": 30},
    )
    with django_capture_on_commit_callbacks(execute=True):
        monitoring.send_monitoring_digests()
    mail = [m for m in mailoutbox if CONTACT in m.to][-1]
    assert_email_matches_snapshot(mail, "advisory.monitoring_digest", language)
