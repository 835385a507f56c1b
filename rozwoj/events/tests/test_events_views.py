import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.core.testing import assert_page
from rozwoj.events.models import (
    AgendaItem,
    Event,
    EventChange,
    EventKind,
    EventStatus,
    EventTrainer,
    Format,
    RegistrationStatus,
    Session,
    Visibility,
)
from rozwoj.events.tests.factories import (
    AgendaItemFactory,
    EventFactory,
    RegistrationFactory,
    SessionFactory,
    at,
)
from rozwoj.organisations.tests.factories import OrganisationFactory, VenueFactory
from rozwoj.people.tests.factories import PersonFactory, person_with_login
from rozwoj.programmes.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return user_with_role(Role.COORDINATOR)


@pytest.fixture
def expert():
    return person_with_login(Role.EXPERT).user


def _event_post(**overrides):
    data = {
        "kind": EventKind.objects.get(code="training").pk,
        "organiser": OrganisationFactory().pk,
        "title": "Szkolenie z partycypacji",
        "description": "Opis",
        "languages": ["pl"],
        "visibility": "public",
        "completion_threshold": "80",
        "reminder_days_before": "3",
    }
    data.update(overrides)
    return data


def _session_post(venue_obj, **overrides):
    data = {
        "title": "",
        "starts_at": "2030-03-26T09:00",
        "ends_at": "2030-03-26T16:00",
        "hours": "6",
        "format": "hybrid",
        "venue": venue_obj.pk,
        "online_url": "https://meet.example.org/abc",
        "onsite_seats": "",
    }
    data.update(overrides)
    return data


# --- List --------------------------------------------------------------------------------------------


def test_list_scopes_by_visibility(client, expert):
    public = EventFactory(title="Publiczne szkolenie")
    internal = EventFactory(title="Wewnętrzne spotkanie", visibility=Visibility.INTERNAL)
    draft = EventFactory(title="Szkic", status=EventStatus.DRAFT)
    response = client.get(reverse("events:list"))
    assert response.status_code == 200
    assert public.title in response.text
    assert internal.title not in response.text
    assert draft.title not in response.text
    client.force_login(expert)
    text = client.get(reverse("events:list")).text
    assert internal.title in text
    assert draft.title not in text


def test_list_filters(client, coordinator):
    programme = ProgrammeFactory()
    wanted = EventFactory(title="Szukane", programme=programme)
    SessionFactory(event=wanted, format=Format.ONLINE, venue=None, online_url="https://x.example.org")
    other = EventFactory(title="Inne")
    SessionFactory(event=other, starts_at=at(2031, 1, 1), ends_at=at(2031, 1, 2))
    client.force_login(coordinator)
    for params in (
        {"programme": programme.pk},
        {"format": "online"},
        {"q": "szuk"},
        {"date_to": "2030-12-31"},
    ):
        text = client.get(reverse("events:list"), params).text
        assert "Szukane" in text, params
        assert ">Inne<" not in text, params
    text = client.get(reverse("events:list"), {"date_from": "2030-12-31"}).text
    assert ">Inne<" in text
    assert "Szukane" not in text


def test_list_bad_filter_values_show_errors(client):
    EventFactory(title="Widoczne")
    response = client.get(reverse("events:list"), {"format": "teleport", "page": "abc", "date_from": "zła"})
    assert response.status_code == 200
    assert "Widoczne" in response.text
    assert response.context["filter_form"].errors.keys() >= {"format", "date_from"}


def test_list_query_count_is_bounded(client, coordinator):
    client.force_login(coordinator)

    def count(n):
        Event.objects.all().delete()
        for event in EventFactory.create_batch(n, programme=ProgrammeFactory()):
            SessionFactory(event=event)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("events:list"), {"page": 1}).status_code == 200
        return len(ctx.captured_queries)

    assert count(10) == count(200)
    assert_page(client, reverse("events:list"), queries=15, template="events/events/list.html")


# --- Detail ------------------------------------------------------------------------------------------


def test_detail_shows_sessions_agenda_and_hides_link(client, expert):
    venue = VenueFactory(name="Centrum Szkoleniowe", accessibility_notes="Winda i pętla indukcyjna")
    event = EventFactory(description="**Ważne** <script>alert(1)</script>")
    session = SessionFactory(
        event=event, venue=venue, format=Format.HYBRID, online_url="https://meet.example.org/secret",
        starts_at=at(2030, 3, 26, 9), ends_at=at(2030, 3, 26, 16),
    )  # fmt: skip
    AgendaItemFactory(session=session, topic="Otwarcie szkolenia")
    response = client.get(reverse("events:detail", args=[event.pk]))
    text = response.text
    assert "Centrum Szkoleniowe" in text
    assert "Winda i pętla indukcyjna" in text
    assert "Otwarcie szkolenia" in text
    assert "26 marca 2030" in text
    assert "09:00" in text
    assert "<strong>Ważne</strong>" in text
    assert "<script>alert(1)" not in text
    assert "meet.example.org/secret" not in text
    client.force_login(expert)
    assert "meet.example.org/secret" not in client.get(reverse("events:detail", args=[event.pk])).text
    RegistrationFactory(event=event, person=expert.person, status=RegistrationStatus.WAITING)
    assert "meet.example.org/secret" not in client.get(reverse("events:detail", args=[event.pk])).text
    event.registrations.update(status=RegistrationStatus.CONFIRMED)
    assert "meet.example.org/secret" in client.get(reverse("events:detail", args=[event.pk])).text


def test_detail_shows_each_change_of_its_cached_sessions_and_trainers(
    client, coordinator, django_assert_num_queries
):
    """The trainers and the sessions with their agenda are rendered once and kept in the cache; every change a
    reader would notice shows on the next request, whichever way it was made."""
    from rozwoj.events.services import events as services

    venue = VenueFactory(name="Sala A", address="ul. Długa 1")
    event = EventFactory(visibility=Visibility.PUBLIC)
    session = SessionFactory(event=event, venue=venue, title="Moduł pierwszy")
    item = AgendaItemFactory(session=session, topic="Otwarcie")
    trainer = PersonFactory(first_name="Anna", last_name="Nowak")
    services.event_add_trainer(actor=coordinator, event=event, person=trainer, role=EventTrainer.Role.TRAINER)
    url = reverse("events:detail", args=[event.pk])

    def page() -> str:
        response = client.get(url)
        assert response.status_code == 200
        return response.text

    assert "Otwarcie" in page()
    assert "<li>Anna Nowak —" in page()
    with django_assert_num_queries(2):  # the event and its sessions; the rest comes from the cache
        client.get(url)
    rows = [{"id": item.pk, "topic": "Powitanie", "day": None, "starts_at": None, "trainer": trainer, "note": "",
             "order": 0}]  # fmt: skip
    services.agenda_save(actor=coordinator, session=session, rows=rows)
    assert "Powitanie" in page()
    assert "Otwarcie" not in page()
    trainer.last_name = "Kowalska"
    trainer.save()  # a new name of the trainer, made in the people app
    assert "Anna Kowalska" in page()
    assert "Anna Nowak" not in page()
    venue.address = "ul. Krótka 2"
    venue.save()  # the venue, edited in the organisations app
    assert "ul. Krótka 2" in page()
    Session.objects.filter(pk=session.pk).update(title="Moduł drugi")
    assert "Moduł drugi" in page()
    services.event_remove_trainer(actor=coordinator, trainer=EventTrainer.objects.get(event=event))
    assert "<li>Anna Kowalska —" not in page()  # no longer among the trainers (still named in the agenda)
    client.force_login(coordinator)  # coordinators see the editing links: a fragment of its own
    assert reverse("events:agenda_edit", args=[session.pk]) in page()
    client.logout()
    assert reverse("events:agenda_edit", args=[session.pk]) not in page()


def test_detail_not_visible_is_404(client, expert):
    draft = EventFactory(status=EventStatus.DRAFT)
    internal = EventFactory(visibility=Visibility.INTERNAL)
    assert client.get(reverse("events:detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("events:detail", args=[internal.pk])).status_code == 404
    client.force_login(expert)
    assert client.get(reverse("events:detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("events:detail", args=[internal.pk])).status_code == 200


def test_detail_planned_vs_actual(client, coordinator):
    from rozwoj.events.services.events import event_change_plan

    venue = VenueFactory(name="Centrum Szkoleniowe w Sulejówku")
    event = EventFactory()
    session = SessionFactory(
        event=event, venue=venue, starts_at=at(2030, 3, 26, 9), ends_at=at(2030, 3, 28, 16)
    )
    event_change_plan(
        actor=coordinator, event=event, session=session, new_starts_at=at(2030, 6, 24, 9),
        new_ends_at=at(2030, 6, 25, 16), new_format=Format.ONLINE, new_venue=None,
        new_online_url="https://meet.example.org/x", reason_category="epidemic", reason="COVID-19",
    )  # fmt: skip
    text = client.get(reverse("events:detail", args=[event.pk])).text
    assert "26 marca 2030 – 28 marca 2030" in text
    assert "Centrum Szkoleniowe w Sulejówku" in text
    assert "COVID-19" in text
    assert "24 czerwca 2030 – 25 czerwca 2030" in text
    assert coordinator.email not in text  # who: only for managers
    client.force_login(coordinator)
    assert coordinator.email in client.get(reverse("events:detail", args=[event.pk])).text


# --- Permissions -------------------------------------------------------------------------------------


MANAGE_URLS = [
    ("events:create", False),
    ("events:edit", True),
    ("events:session_create", True),
    ("events:trainers", True),
    ("events:change_plan", True),
    ("events:cancel", True),
    ("events:kind_list", False),
    ("events:kind_create", False),
]


@pytest.mark.parametrize(("name", "with_pk"), MANAGE_URLS)
def test_management_pages_per_role(client, coordinator, expert, name, with_pk):
    event = EventFactory()
    SessionFactory(event=event)
    url = reverse(name, args=[event.pk] if with_pk else [])
    response = client.get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    client.force_login(expert)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    assert client.get(url).status_code == 200


def test_session_pages_per_role(client, coordinator, expert):
    session = SessionFactory()
    for name in ("events:session_edit", "events:session_delete", "events:agenda_edit"):
        url = reverse(name, args=[session.pk])
        client.logout()
        assert client.get(url).status_code == 302
        client.force_login(expert)
        assert client.get(url).status_code == 403
        client.force_login(coordinator)
        assert client.get(url).status_code == 200
    client.force_login(expert)
    assert (
        client.post(reverse("events:status", args=[session.event.pk]), {"status": "held"}).status_code == 403
    )


def test_missing_objects_are_404(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("events:edit", args=[999999])).status_code == 404
    assert client.get(reverse("events:session_edit", args=[999999])).status_code == 404
    assert client.get(reverse("events:detail", args=[999999])).status_code == 404


# --- Create and edit ---------------------------------------------------------------------------------


def test_create_event_and_session(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("events:create"), _event_post())
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("events:detail", args=[event.pk])
    assert event.status == EventStatus.DRAFT
    venue = VenueFactory(capacity=25)
    response = client.post(reverse("events:session_create", args=[event.pk]), _session_post(venue))
    assert response.status_code == 302
    session = Session.objects.get()
    assert session.format == Format.HYBRID
    assert session.seats == 25
    assert session.starts_at == at(2030, 3, 26, 9)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": ""}, "title"),
        ({"kind": "999999"}, "kind"),
        ({"organiser": "abc"}, "organiser"),
        ({"visibility": "secret"}, "visibility"),
        ({"registration_opens_at": "2030-03-01T10:00", "registration_closes_at": "2030-02-01T10:00"},
         "registration_closes_at"),
        ({"completion_threshold": "150"}, "completion_threshold"),
        ({"registration_opens_at": "not a date"}, "registration_opens_at"),
    ],
)  # fmt: skip
def test_create_event_bad_input(client, coordinator, overrides, field):
    client.force_login(coordinator)
    response = client.post(reverse("events:create"), _event_post(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_at": "2030-03-26T08:00"}, "ends_at"),
        ({"venue": "999999"}, "venue"),
        ({"format": "teleport"}, "format"),
        ({"format": "on_site", "venue": ""}, "venue"),
        ({"format": "online", "online_url": ""}, "online_url"),
        ({"onsite_seats": "0"}, "onsite_seats"),
        ({"onsite_seats": "500"}, "onsite_seats"),
        ({"starts_at": "wczoraj"}, "starts_at"),
        ({"hours": "-1"}, "hours"),
    ],
)
def test_create_session_bad_input(client, coordinator, overrides, field):
    event = EventFactory()
    client.force_login(coordinator)
    response = client.post(
        reverse("events:session_create", args=[event.pk]),
        _session_post(VenueFactory(capacity=20), **overrides),
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Session.objects.exists()


def test_double_booking_in_form_needs_the_checkbox(client, coordinator):
    venue = VenueFactory(capacity=30)
    SessionFactory(venue=venue, starts_at=at(2030, 3, 26, 8), ends_at=at(2030, 3, 26, 12))
    event = EventFactory()
    client.force_login(coordinator)
    url = reverse("events:session_create", args=[event.pk])
    response = client.post(url, _session_post(venue))
    assert "venue" in response.context["form"].errors
    assert not event.sessions.exists()
    response = client.post(url, _session_post(venue, override_double_booking="on"))
    assert response.status_code == 302
    assert event.sessions.count() == 1


def test_edit_and_delete_session(client, coordinator):
    session = SessionFactory(title="Pierwszy")
    client.force_login(coordinator)
    data = _session_post(session.venue, title="Zjazd I", format="on_site", online_url="", order=session.order)
    data["override_double_booking"] = ""
    response = client.post(reverse("events:session_edit", args=[session.pk]), data)
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.title == "Zjazd I"
    response = client.post(reverse("events:session_delete", args=[session.pk]))
    assert response.status_code == 302
    assert not Session.objects.exists()


def test_agenda_formset(client, coordinator):
    session = SessionFactory(starts_at=at(2030, 3, 26, 9), ends_at=at(2030, 3, 27, 16))
    trainer = PersonFactory()
    EventTrainer.objects.create(event=session.event, person=trainer)
    client.force_login(coordinator)
    url = reverse("events:agenda_edit", args=[session.pk])
    data = {
        "agenda-TOTAL_FORMS": "3", "agenda-INITIAL_FORMS": "0", "agenda-MIN_NUM_FORMS": "0",
        "agenda-MAX_NUM_FORMS": "1000",
        "agenda-0-day": "2030-03-26", "agenda-0-starts_at": "09:30", "agenda-0-topic": "Partycypacja",
        "agenda-0-trainer": str(trainer.pk), "agenda-0-order": "1",
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.context["formset"].errors
    item = AgendaItem.objects.get()
    assert item.trainer == trainer
    bad = {**data, "agenda-0-day": "2030-05-01"}
    bad["agenda-INITIAL_FORMS"] = "1"
    bad["agenda-0-id"] = str(item.pk)
    bad["agenda-0-session"] = str(session.pk)
    response = client.post(url, bad)
    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors["day"]
    item.refresh_from_db()
    assert str(item.day) == "2030-03-26"
    other = PersonFactory()
    response = client.post(url, {**data, "agenda-0-trainer": str(other.pk)})
    assert response.status_code == 200  # only the event's trainers can be chosen
    assert AgendaItem.objects.count() == 1


def test_trainers_page_search_add_remove(client, coordinator):
    event = EventFactory()
    person = PersonFactory(last_name="Trenerska")
    client.force_login(coordinator)
    url = reverse("events:trainers", args=[event.pk])
    assert "Trenerska" in client.get(url, {"q": "trener"}).text
    response = client.post(url, {"person": person.pk, "role": "speaker"})
    assert response.status_code == 302
    trainer = EventTrainer.objects.get()
    assert trainer.role == "speaker"
    response = client.post(url, {"person": person.pk, "role": "boss"})
    assert response.status_code == 200
    assert EventTrainer.objects.get().role == "speaker"
    client.post(url, {"remove": trainer.pk})
    assert not EventTrainer.objects.exists()


def test_status_change_via_post(client, coordinator):
    event = EventFactory(status=EventStatus.PLANNED)
    SessionFactory(event=event)
    client.force_login(coordinator)
    url = reverse("events:status", args=[event.pk])
    assert client.get(url).status_code == 405
    client.post(url, {"status": "registration_open"})
    event.refresh_from_db()
    assert event.status == EventStatus.REGISTRATION_OPEN
    client.post(url, {"status": "draft"})
    client.post(url, {"status": "nonsense"})
    event.refresh_from_db()
    assert event.status == EventStatus.REGISTRATION_OPEN


def test_change_plan_page(client, coordinator, mailoutbox, django_capture_on_commit_callbacks):
    event = EventFactory()
    session = SessionFactory(event=event, starts_at=at(2030, 3, 26, 9), ends_at=at(2030, 3, 28, 16))
    RegistrationFactory(event=event)
    client.force_login(coordinator)
    url = reverse("events:change_plan", args=[event.pk])
    assert 'value="2030-03-26T09:00"' in client.get(url).text
    data = {
        "session": session.pk, "new_starts_at": "2030-06-24T09:00", "new_ends_at": "2030-06-25T16:00",
        "new_format": "online", "new_venue": "", "new_online_url": "https://meet.example.org/x",
        "reason_category": "epidemic", "reason": "Ograniczenia",
    }  # fmt: skip
    for overrides, field in (
        ({"new_ends_at": "2030-06-20T09:00"}, "new_ends_at"),
        ({"new_format": "on_site"}, "new_venue"),
        ({"new_venue": "99999", "new_format": "on_site"}, "new_venue"),
        ({"reason_category": "nuda"}, "reason_category"),
        ({"session": "99999"}, "session"),
    ):
        response = client.post(url, {**data, **overrides})
        assert response.status_code == 200
        assert field in response.context["form"].errors, overrides
    assert not EventChange.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.format == Format.ONLINE
    assert session.planned_format == Format.ON_SITE
    assert len(mailoutbox) == 1


def test_cancel_page(client, coordinator):
    event = EventFactory()
    client.force_login(coordinator)
    url = reverse("events:cancel", args=[event.pk])
    response = client.post(url, {"reason_category": "nope"})
    assert "reason_category" in response.context["form"].errors
    client.post(url, {"reason_category": "other", "reason": "Brak sali"})
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    response = client.post(url, {"reason_category": "other"})
    assert response.status_code == 200
    assert EventChange.objects.count() == 1


# --- Export and kinds ----------------------------------------------------------------------------------


def test_export_csv_and_xlsx(client, coordinator, expert):
    EventFactory(title="Eksportowane")
    EventFactory(title="Pominięte", status=EventStatus.HELD)
    client.force_login(expert)
    assert client.get(reverse("events:export", args=["csv"])).status_code == 403
    client.force_login(coordinator)
    response = client.get(reverse("events:export", args=["csv"]), {"status": "registration_open"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == ["Eksportowane"]
    response = client.get(reverse("events:export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)} == {"Eksportowane", "Pominięte"}
    assert client.get(reverse("events:export", args=["pdf"])).status_code == 404


def test_kinds_list_create_edit(client, coordinator):
    client.force_login(coordinator)
    assert EventKind.objects.get(code="webinar").name in client.get(reverse("events:kind_list")).text
    response = client.post(
        reverse("events:kind_create"),
        {"code": "study_visit", "name": "Wizyta studyjna", "name_en": "", "order": "9"},
    )
    assert response.status_code == 302
    kind = EventKind.objects.get(code="study_visit")
    response = client.post(
        reverse("events:kind_create"),
        {"code": "study_visit", "name": "Duplikat", "name_en": "", "order": "1"},
    )
    assert "code" in response.context["form"].errors
    response = client.post(reverse("events:kind_create"), {"code": "zły kod!", "name": "", "order": "x"})
    assert set(response.context["form"].errors) >= {"code", "name", "order"}
    response = client.post(
        reverse("events:kind_edit", args=[kind.pk]),
        {"code": "study_visit", "name": "Wizyta studyjna", "name_en": "Study visit", "order": "9"},
    )
    assert response.status_code == 302, response.context["form"].errors
    kind.refresh_from_db()
    assert kind.name_en == "Study visit"


def test_user_without_person_does_not_see_drafts(client):
    draft = EventFactory(title="Szkic bez trenerów", status=EventStatus.DRAFT)
    client.force_login(user_with_role(Role.EXPERT))
    assert client.get(reverse("events:detail", args=[draft.pk])).status_code == 404


def test_trainer_sees_own_draft(client):
    person = person_with_login(Role.EXPERT)
    draft = EventFactory(status=EventStatus.DRAFT)
    EventTrainer.objects.create(event=draft, person=person)
    client.force_login(person.user)
    assert client.get(reverse("events:detail", args=[draft.pk])).status_code == 200
