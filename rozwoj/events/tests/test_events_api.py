import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rozwoj.accounts.models import Role
from rozwoj.events.models import Event, EventStatus, Format, RegistrationStatus, Visibility
from rozwoj.events.tests.factories import AgendaItemFactory, EventFactory, RegistrationFactory, SessionFactory
from rozwoj.people.tests.factories import person_with_login
from rozwoj.programmes.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db
BASE = "/api/v1/events/"


def test_list_scoped_and_filtered(client):
    programme = ProgrammeFactory()
    public = EventFactory(title="Publiczne", programme=programme)
    SessionFactory(event=public, format=Format.ONLINE, venue=None, online_url="https://x.example.org")
    EventFactory(title="Wewnętrzne", visibility=Visibility.INTERNAL)
    EventFactory(title="Szkic", status=EventStatus.DRAFT)
    held = EventFactory(title="Odbyte", status=EventStatus.HELD)
    SessionFactory(event=held)
    data = client.get(BASE).json()
    assert {item["title"] for item in data["items"]} == {"Publiczne", "Odbyte"}
    assert [i["title"] for i in client.get(BASE, {"programme": programme.pk}).json()["items"]] == [
        "Publiczne"
    ]
    assert [i["title"] for i in client.get(BASE, {"format": "online"}).json()["items"]] == ["Publiczne"]
    assert [i["title"] for i in client.get(BASE, {"status": "held"}).json()["items"]] == ["Odbyte"]
    assert {i["title"] for i in client.get(BASE, {"kind": "training"}).json()["items"]} == {
        "Odbyte",
        "Publiczne",
    }
    assert client.get(BASE, {"kind": "webinar"}).json()["items"] == []
    assert client.get(BASE, {"kind": "nieznany"}).json()["items"] == []  # like an unknown programme


@pytest.mark.parametrize(
    ("params", "field"),
    [({"status": "nope"}, "status"), ({"format": "teleport"}, "format"), ({"programme": "abc"}, "programme"),
     ({"kind": "nie znany!"}, "kind"), ({"page": "abc"}, "page")],
)  # fmt: skip
def test_list_bad_filters_are_422_naming_the_field(client, params, field):
    response = client.get(BASE, params)
    assert response.status_code == 422
    assert field in response.content.decode()


def test_detail_with_sessions_agenda_and_link_rules(client):
    event = EventFactory()
    session = SessionFactory(event=event, format=Format.HYBRID, online_url="https://meet.example.org/t")
    AgendaItemFactory(session=session, topic="Otwarcie")
    data = client.get(f"{BASE}{event.pk}").json()
    assert data["sessions"][0]["agenda"][0]["topic"] == "Otwarcie"
    assert data["sessions"][0]["online_url"] is None
    assert data["sessions"][0]["venue"]["name"] == session.venue.name
    person = person_with_login(Role.EXPERT)
    RegistrationFactory(event=event, person=person, status=RegistrationStatus.CONFIRMED)
    client.force_login(person.user)
    assert client.get(f"{BASE}{event.pk}").json()["sessions"][0]["online_url"] == "https://meet.example.org/t"
    sessions = client.get(f"{BASE}{event.pk}/sessions").json()
    assert [s["order"] for s in sessions] == [session.order]


def test_detail_of_invisible_event_is_404(client):
    draft = EventFactory(status=EventStatus.DRAFT)
    assert client.get(f"{BASE}{draft.pk}").status_code == 404
    assert client.get(f"{BASE}{draft.pk}/sessions").status_code == 404
    assert client.get(f"{BASE}999999").status_code == 404


def test_list_query_count_is_bounded(client):
    def count(n):
        Event.objects.all().delete()
        for event in EventFactory.create_batch(n, programme=ProgrammeFactory()):
            SessionFactory(event=event)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(BASE, {"page_size": 200}).status_code == 200
        return len(ctx.captured_queries)

    assert count(10) == count(200)
