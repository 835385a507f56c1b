"""Every page of the events app renders within one query budget, whoever reads it.

The walk covers every route of the app: a route is either visited below (as each kind of reader who may see it,
over an event with sessions, agenda, trainers and registrations in every status) or listed in `NOT_PAGES` with
the reason. A new route fails `test_every_route_is_walked` until it is added to one or the other, so a new page
gets a budget the day it is written. Timings are measured in `benchmarks/events.py --only pages`, not here.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rozwoj.events import urls as event_urls
from rozwoj.events.models import AgendaItem, EventStatus, Format, RegistrationStatus, Visibility
from rozwoj.organisations.tests.factories import OrganisationFactory
from rozwoj.people.tests.factories import MembershipFactory

from .factories import RegistrationFactory, coordinator, event_with_sessions, participant, trainer_of

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 12  # per page, the session and the user included (issue #8, item 13)

# Routes that are not pages (files, POST-only actions), each with why it is not walked here.
NOT_PAGES = {
    "status": "POST only (redirects)",
    "registration_approve": "POST only (redirects)",
    "registration_reject": "POST only (redirects)",
    "attendance_mark_all": "POST only",
    "attendance_mark": "POST only (HTMX fragment)",
    "attendance_list_prepare": "POST only (redirects)",
    "attachment_delete": "POST only",
    "photo_delete": "POST only",
    "attendance_pdf": "a PDF (WeasyPrint), budgeted in test_attendance_lists",
    "attendance_list_file": "a prepared PDF file",
    "certificate_pdf": "a PDF (WeasyPrint), tested in test_certificates_views",
    "attachment_download": "a stored file, tested in test_materials",
    "photo": "a stored image, tested in test_materials",
    "feed": "an iCalendar feed by token, tested in test_calendars",
}


@pytest.fixture
def world():
    """A public event open for registration: an on-site, a hybrid and an online session with an agenda, a
    trainer, and registrations in every status of people with memberships."""
    event = event_with_sessions(
        Format.ON_SITE, Format.HYBRID, Format.ONLINE, seats=30, visibility=Visibility.PUBLIC
    )
    event.online_capacity = 100
    event.save()
    sessions = list(event.sessions.order_by("order"))
    for session in sessions:
        for hour in (9, 11, 13):
            AgendaItem.objects.create(session=session, starts_at=datetime.time(hour), topic=f"Temat {hour}")
    trainer = trainer_of(event)
    organisations = OrganisationFactory.create_batch(3)
    registrations = []
    for number, status in enumerate(
        [RegistrationStatus.CONFIRMED] * 4
        + [RegistrationStatus.PENDING, RegistrationStatus.WAITING, RegistrationStatus.CANCELLED]
    ):
        registration = RegistrationFactory(event=event, status=status)
        MembershipFactory(person=registration.person, organisation=organisations[number % 3])
        MembershipFactory(person=registration.person, organisation=organisations[(number + 1) % 3])
        registrations.append(registration)
    own = participant(event)
    held = event_with_sessions(Format.ON_SITE, status=EventStatus.HELD, visibility=Visibility.PUBLIC)
    held.sessions.update(starts_at=timezone.now() - datetime.timedelta(days=3))
    return {
        "event": event,
        "session": sessions[1],
        "registration": registrations[0],
        "own": own,
        "trainer": trainer,
        "coordinator": coordinator(),
        "held": held,
    }


def _walks(w) -> dict[str, list[tuple[str, str]]]:
    """{route name: [(reader, path)]}; the readers are "anonymous", "participant", "trainer", "coordinator"."""
    event, session = w["event"].pk, w["session"].pk
    everyone = ("anonymous", "participant", "trainer", "coordinator")
    staff = ("trainer", "coordinator")

    def url(name, *args):
        return reverse(f"events:{name}", args=args)

    return {
        "list": [(who, url("list")) for who in everyone],
        "export": [("coordinator", url("export", "csv"))],
        "create": [("coordinator", url("create"))],
        "kind_list": [("coordinator", url("kind_list"))],
        "kind_create": [("coordinator", url("kind_create"))],
        "kind_edit": [("coordinator", url("kind_edit", w["event"].kind_id))],
        "detail": [(who, url("detail", event)) for who in everyone],
        "edit": [("coordinator", url("edit", event))],
        "session_create": [("coordinator", url("session_create", event))],
        "session_edit": [("coordinator", url("session_edit", session))],
        "session_delete": [("coordinator", url("session_delete", session))],
        "agenda_edit": [("coordinator", url("agenda_edit", session))],
        "trainers": [("coordinator", url("trainers", event))],
        "change_plan": [("coordinator", url("change_plan", event))],
        "reschedule": [("coordinator", url("reschedule", event))],
        "organisations": [("coordinator", url("organisations", event))],
        "feedback": [("coordinator", url("feedback", event))],
        "cancel": [("coordinator", url("cancel", event))],
        "register": [("participant", url("register", event))],
        "my_registrations": [("participant", url("my_registrations"))],
        "registration_cancel": [
            ("participant", url("registration_cancel", w["own"].pk)),
            ("coordinator", url("registration_cancel", w["registration"].pk)),
        ],
        "participants": [(who, url("participants", event)) for who in staff]
        + [("coordinator", url("participants", event) + "?status=confirmed&q=a")],
        "participants_export": [(who, url("participants_export", event, "csv")) for who in staff],
        "bulk_register": [("coordinator", url("bulk_register", event) + "?q=a")],
        "registrations_import": [("coordinator", url("registrations_import", event))],
        "attendance": [(who, url("attendance", session)) for who in staff],
        "certificates": [(who, url("certificates", w["held"].pk)) for who in ("coordinator",)],
        "verify": [("anonymous", url("verify") + "?code=NONE")],
        "materials": [(who, url("materials", event)) for who in staff],
        "ics": [(who, url("ics", event)) for who in ("anonymous", "participant")],
        "calendar": [(who, url("calendar")) for who in everyone],
        "feed_settings": [("participant", url("feed_settings"))],
    }


def test_every_route_is_walked(world):
    names = {pattern.name for pattern in event_urls.urlpatterns}
    walked = set(_walks(world))
    assert walked.isdisjoint(NOT_PAGES)
    assert names - walked - set(NOT_PAGES) == set(), (
        "give the new route a walk above or a reason in NOT_PAGES"
    )
    assert (walked | set(NOT_PAGES)) - names == set()


def test_every_events_page_within_the_query_budget(client, world):
    readers = {
        "participant": world["own"].person.user,
        "trainer": world["trainer"],
        "coordinator": world["coordinator"],
    }
    over = []
    for name, visits in _walks(world).items():
        for who, path in visits:
            client.logout()
            if who in readers:
                client.force_login(readers[who])
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            # A budget is only worth something on the page itself, not on a redirect or an error page.
            assert response.status_code == 200, f"{who}: {path} answered {response.status_code}"
            if len(queries) > QUERY_BUDGET:
                over.append(f"{name} as {who}: {len(queries)} queries ({path})")
    assert not over, f"over the budget of {QUERY_BUDGET} queries:\n" + "\n".join(over)
