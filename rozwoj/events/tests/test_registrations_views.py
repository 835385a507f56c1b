import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import Workbook, load_workbook

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import UserFactory
from rozwoj.events.models import (
    AttendanceMode,
    EventStatus,
    EventTrainer,
    Format,
    Registration,
    RegistrationStatus,
)
from rozwoj.organisations.tests.factories import OrganisationFactory
from rozwoj.people.models import Person
from rozwoj.people.tests.factories import MembershipFactory, PersonFactory, person_with_login

from .factories import RegistrationFactory, event_with_sessions, hybrid_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return person_with_login(Role.COORDINATOR).user


@pytest.fixture
def participant():
    return person_with_login(Role.LOCAL_GOVERNMENT_MEMBER)


def client_for(client, user):
    client.force_login(user)
    return client


# --- register ---------------------------------------------------------------------------------------------


def test_anonymous_register_goes_to_login(client):
    event = hybrid_event()
    response = client.get(reverse("events:register", args=[event.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_register_on_site_for_hybrid(client, participant):
    event = hybrid_event()
    client.force_login(participant.user)
    page = client.get(reverse("events:register", args=[event.pk]))
    assert page.status_code == 200
    assert 'name="online_if_full"' in page.content.decode()
    assert 'type="radio"' in page.content.decode()
    response = client.post(reverse("events:register", args=[event.pk]), {"mode": "on_site"})
    assert response.status_code == 302
    registration = Registration.objects.get(event=event, person=participant)
    assert (registration.status, registration.mode) == ("confirmed", "on_site")
    # The page now says so instead of offering the form again.
    again = client.get(reverse("events:register", args=[event.pk]))
    assert registration.get_status_display() in again.content.decode()


def test_register_online_if_full(client, participant):
    event = hybrid_event(seats=1)
    RegistrationFactory(event=event)
    client.force_login(participant.user)
    client.post(reverse("events:register", args=[event.pk]), {"mode": "on_site", "online_if_full": "on"})
    registration = Registration.objects.get(person=participant)
    assert (registration.status, registration.mode) == ("confirmed", "online")


@pytest.mark.parametrize("mode", ["", "by_pigeon", "online"])
def test_register_bad_mode_is_a_field_error(client, participant, mode):
    event = event_with_sessions(Format.ON_SITE)  # online is not offered here
    client.force_login(participant.user)
    response = client.post(reverse("events:register", args=[event.pk]), {"mode": mode})
    assert response.status_code == 200
    assert response.context["form"].errors["mode"]
    assert not Registration.objects.exists()


def test_register_refusal_is_explained(client, participant):
    event = hybrid_event(audience_roles=[Role.EXPERT])
    client.force_login(participant.user)
    page = client.get(reverse("events:register", args=[event.pk]))
    assert page.context["refusal"]
    assert page.context["refusal"] in page.content.decode()
    client.post(reverse("events:register", args=[event.pk]), {"mode": "on_site"})
    assert not Registration.objects.exists()


def test_register_closed_window(client, participant):
    event = hybrid_event(
        registration_closes_at=timezone.now() - datetime.timedelta(hours=1),
        registration_opens_at=timezone.now() - datetime.timedelta(days=3),
    )
    client.force_login(participant.user)
    client.post(reverse("events:register", args=[event.pk]), {"mode": "on_site"})
    assert not Registration.objects.exists()


def test_draft_event_is_404_for_participants(client, participant):
    event = hybrid_event(status=EventStatus.DRAFT)
    client.force_login(participant.user)
    assert client.get(reverse("events:register", args=[event.pk])).status_code == 404


# --- my registrations and cancel ----------------------------------------------------------------------------


def test_my_registrations_and_cancel(client, participant):
    event = hybrid_event()
    mine = RegistrationFactory(event=event, person=participant)
    other = RegistrationFactory(event=event)
    client.force_login(participant.user)
    page = client.get(reverse("events:my_registrations")).content.decode()
    assert event.title in page
    assert reverse("events:registration_cancel", args=[mine.pk]) in page
    assert client.get(reverse("events:registration_cancel", args=[other.pk])).status_code == 404
    assert client.post(reverse("events:registration_cancel", args=[other.pk])).status_code == 404
    confirm = client.get(reverse("events:registration_cancel", args=[mine.pk]))
    assert confirm.status_code == 200
    response = client.post(reverse("events:registration_cancel", args=[mine.pk]))
    assert response["Location"] == reverse("events:my_registrations")
    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.status == RegistrationStatus.CANCELLED
    assert other.status == RegistrationStatus.CONFIRMED


def test_cancel_after_deadline_is_refused(client, participant):
    event = hybrid_event(cancellation_deadline=timezone.now() - datetime.timedelta(hours=1))
    mine = RegistrationFactory(event=event, person=participant)
    client.force_login(participant.user)
    page = client.get(reverse("events:registration_cancel", args=[mine.pk]))
    assert page.context["allowed"] is False
    client.post(reverse("events:registration_cancel", args=[mine.pk]))
    mine.refresh_from_db()
    assert mine.status == RegistrationStatus.CONFIRMED


# --- participants -------------------------------------------------------------------------------------------


def test_participants_per_role(client, coordinator, participant):
    event = hybrid_event()
    trainer = person_with_login(Role.EXPERT)
    EventTrainer.objects.create(event=event, person=trainer)
    RegistrationFactory(event=event, person=PersonFactory(last_name="Zielińska"))
    url = reverse("events:participants", args=[event.pk])
    assert client.get(url).status_code == 302
    client.force_login(participant.user)
    assert client.get(url).status_code == 403
    client.force_login(trainer.user)
    page = client.get(url)
    assert page.status_code == 200
    assert "Zielińska" in page.content.decode()
    assert page.context["show_contact"] is False
    client.force_login(coordinator)
    page = client.get(url)
    assert page.context["show_contact"] is True


def test_participant_filters(client, coordinator):
    event = hybrid_event()
    school = OrganisationFactory(kind="school", name="Szkoła Filtrowana")
    member = PersonFactory(last_name="Członkowska")
    MembershipFactory(person=member, organisation=school)
    RegistrationFactory(event=event, person=member, mode="online")
    RegistrationFactory(event=event, person=PersonFactory(last_name="Czekająca"), status="waiting")
    client.force_login(coordinator)
    url = reverse("events:participants", args=[event.pk])

    def names(**params):
        page = client.get(url, params)
        return [row.name.split()[0] for row in page.context["page_obj"]]

    assert sorted(names()) == ["Czekająca", "Członkowska"]
    assert names(status="waiting") == ["Czekająca"]
    assert names(mode="online") == ["Członkowska"]
    assert names(organisation=school.pk) == ["Członkowska"]
    assert names(q="czek") == ["Czekająca"]
    # Bad filter values are form errors, never a 500; bad pages give the nearest page.
    assert client.get(url, {"status": "nonsense", "organisation": "x"}).status_code == 200
    assert client.get(url, {"page": "abc"}).status_code == 200
    assert client.get(url, {"page": "99999"}).status_code == 200


def test_participant_rows_share_one_form_and_post_to_their_own_address(client, coordinator):
    event = hybrid_event(requires_approval=True)
    pending = RegistrationFactory(event=event, status="pending", person=PersonFactory(last_name="Oczekująca"))
    confirmed = RegistrationFactory(event=event, person=PersonFactory(last_name="Potwierdzona"))
    client.force_login(coordinator)
    html = client.get(reverse("events:participants", args=[event.pk])).content.decode()
    # One form and one CSRF token for the whole list, whatever the number of rows.
    assert html.count('id="row-decisions"') == 1
    table = html[html.index("<table") : html.index("</table>")]
    assert "<form" not in table
    assert "csrfmiddlewaretoken" not in table
    for registration, action in ((pending, "approve"), (pending, "reject"), (confirmed, "reject")):
        address = reverse(f"events:registration_{action}", args=[registration.pk])
        assert f'form="row-decisions" formaction="{address}"' in html
        # The accessible name: the label (translated once) and the row's name.
        assert f'aria-labelledby="label-{action} r{registration.pk}"' in html
    assert f'href="{reverse("events:registration_cancel", args=[confirmed.pk])}"' in html
    assert f'id="r{confirmed.pk}">Potwierdzona' in html
    # The buttons work: the rows' addresses are the decisions' routes.
    client.post(reverse("events:registration_approve", args=[pending.pk]))
    pending.refresh_from_db()
    assert pending.status == "confirmed"


def test_participant_organisation_filter_is_the_registry_field(client, coordinator, settings):
    """Above the limit the filter offers the search box, not every organisation of every participant."""
    settings.ROZWOJ_ORGANISATION_SELECT_LIMIT = 2
    event = hybrid_event()
    organisations = OrganisationFactory.create_batch(3)
    for number, organisation in enumerate(organisations):
        person = PersonFactory(last_name=f"Członek{number}")
        MembershipFactory(person=person, organisation=organisation)
        RegistrationFactory(event=event, person=person)
    client.force_login(coordinator)
    url = reverse("events:participants", args=[event.pk])
    html = client.get(url).content.decode()
    assert reverse("organisations:options") in html
    assert all(f'<option value="{o.pk}"' not in html for o in organisations)
    page = client.get(url, {"organisation": organisations[1].pk})
    assert [row.name.split()[0] for row in page.context["page_obj"]] == ["Członek1"]
    assert f'<option value="{organisations[1].pk}" selected' in page.content.decode()


def _bulk_registrations(event, n):
    people = Person.objects.bulk_create(
        [
            Person(first_name=f"Imię{i}", last_name=f"Nazwisko{i:05d}", email=f"p{event.pk}-{i}@example.org")
            for i in range(n)
        ]
    )
    organisation = OrganisationFactory()
    from rozwoj.people.models import Membership

    Membership.objects.bulk_create([Membership(person=p, organisation=organisation) for p in people])
    Registration.objects.bulk_create(
        [
            Registration(
                event=event,
                person=p,
                mode=AttendanceMode.ON_SITE if i % 2 else AttendanceMode.ONLINE,
                status=RegistrationStatus.CONFIRMED if i % 3 else RegistrationStatus.WAITING,
            )
            for i, p in enumerate(people)
        ]
    )


def _count_queries(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


def test_participants_query_count_does_not_grow_with_5000_registrations(
    client, coordinator, django_assert_max_num_queries
):
    small, large = hybrid_event(seats=10_000), hybrid_event(seats=10_000)
    _bulk_registrations(small, 10)
    _bulk_registrations(large, 5000)
    client.force_login(coordinator)
    small_url = reverse("events:participants", args=[small.pk])
    large_url = reverse("events:participants", args=[large.pk])
    _count_queries(client, small_url)  # warm caches (content types, sessions)
    assert _count_queries(client, small_url) == _count_queries(client, large_url)
    filtered = {"status": "confirmed", "mode": "on_site", "q": "Nazwisko"}
    assert _count_queries(client, small_url, filtered) == _count_queries(client, large_url, filtered)
    with django_assert_max_num_queries(15):
        page = client.get(large_url, {"page": "3"})
    assert len(page.context["page_obj"]) == 50
    assert page.context["page_obj"].paginator.count == 5000


def test_participants_export_csv_and_xlsx_filtered(client, coordinator):
    event = hybrid_event()
    RegistrationFactory(event=event, person=PersonFactory(last_name="Potwierdzona"))
    RegistrationFactory(event=event, person=PersonFactory(last_name="Czekająca"), status="waiting")
    client.force_login(coordinator)
    csv_response = client.get(
        reverse("events:participants_export", args=[event.pk, "csv"]), {"status": "waiting"}
    )
    text = csv_response.content.decode("utf-8-sig")
    assert "Czekająca" in text
    assert "Potwierdzona" not in text
    xlsx_response = client.get(reverse("events:participants_export", args=[event.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx_response.content)).active
    assert {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)} == {"Potwierdzona", "Czekająca"}
    assert client.get(reverse("events:participants_export", args=[event.pk, "pdf"])).status_code == 404


def test_export_forbidden_to_participants(client, participant):
    event = hybrid_event()
    client.force_login(participant.user)
    assert client.get(reverse("events:participants_export", args=[event.pk, "csv"])).status_code == 403


def test_approve_and_reject_post_only_coordinators(client, coordinator, participant):
    event = hybrid_event(requires_approval=True)
    pending = RegistrationFactory(event=event, status="pending")
    other = RegistrationFactory(event=event, status="pending")
    approve = reverse("events:registration_approve", args=[pending.pk])
    client.force_login(participant.user)
    assert client.post(approve).status_code == 403
    client.force_login(coordinator)
    assert client.get(approve).status_code == 405
    client.post(approve)
    client.post(reverse("events:registration_reject", args=[other.pk]))
    pending.refresh_from_db()
    other.refresh_from_db()
    assert pending.status == "confirmed"
    assert other.status == "rejected"
    response = client.post(approve, follow=True)  # already confirmed: a message, no change
    assert response.status_code == 200
    pending.refresh_from_db()
    assert pending.status == "confirmed"


# --- bulk ---------------------------------------------------------------------------------------------------


def test_bulk_register_search_and_pick(client, coordinator, participant):
    event = hybrid_event()
    anna, bartek = PersonFactory(last_name="Wybierana"), PersonFactory(last_name="Wybrany")
    url = reverse("events:bulk_register", args=[event.pk])
    client.force_login(participant.user)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    page = client.get(url, {"q": "wybr"})
    assert set(page.context["candidates"]) == {bartek}
    partial = client.get(url, {"q": "wybi"}, headers={"HX-Request": "true"})
    assert "Wybierana" in partial.content.decode()
    assert "<html" not in partial.content.decode()
    response = client.post(url, {"people": [anna.pk, bartek.pk], "mode": "online"})
    assert response.status_code == 302
    assert set(
        Registration.objects.filter(event=event, mode="online").values_list("person__last_name", flat=True)
    ) == {
        "Wybierana",
        "Wybrany",
    }


def test_bulk_register_bad_input_changes_nothing(client, coordinator):
    event = event_with_sessions(Format.ON_SITE)
    person = PersonFactory()
    url = reverse("events:bulk_register", args=[event.pk])
    client.force_login(coordinator)
    for data in (
        {"people": [person.pk], "mode": "online"},
        {"people": [], "mode": "on_site"},
        {"people": ["999999"], "mode": "on_site"},
        {"people": ["x"], "mode": "on_site"},
        {"people": ["²"], "mode": "on_site"},
        {"people": ["99999999999999999999"], "mode": "on_site"},
    ):
        response = client.post(url, data)
        assert response.status_code == 200
        assert response.context["form"].errors
    assert client.get(url, {"people": ["²", "99999999999999999999", "-1"]}).status_code == 200
    RegistrationFactory(event=event, person=person)
    response = client.post(url, {"people": [person.pk, PersonFactory().pk], "mode": "on_site"})
    assert response.context["form"].errors["people"]
    assert Registration.objects.count() == 1


# --- import -------------------------------------------------------------------------------------------------


def _csv(text: str, name="people.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_import_page_reports_bad_rows_with_lines(client, coordinator):
    event = hybrid_event()
    client.force_login(coordinator)
    url = reverse("events:registrations_import", args=[event.pk])
    body = "first_name,last_name,email,mode\nAnna,Nowak,anna@example.org,on_site\nJan,Kowal,not-an-email,by_bus\n"
    response = client.post(url, {"file": _csv(body)})
    assert response.status_code == 200
    lines = [e.line for e in response.context["row_errors"]]
    assert lines == [3]
    assert "not-an-email" in response.content.decode()
    assert not Registration.objects.exists()
    assert not Person.objects.filter(email="anna@example.org").exists()


def test_import_page_success(client, coordinator):
    event = hybrid_event()
    client.force_login(coordinator)
    url = reverse("events:registrations_import", args=[event.pk])
    response = client.post(
        url, {"file": _csv("first_name,last_name,email,mode\nAnna,Nowak,anna@example.org,online\n")}
    )
    assert response.status_code == 302
    assert Registration.objects.get().person.email == "anna@example.org"


@pytest.mark.parametrize(
    ("upload", "needle"),
    [
        (SimpleUploadedFile("people.pdf", b"%PDF-1.4", content_type="application/pdf"), "CSV"),
        (SimpleUploadedFile("people.csv", b"a" * (2 * 1024 * 1024 + 1), content_type="text/csv"), "2 MB"),
        (SimpleUploadedFile("people.csv", b"\xff\xfe\x00bad", content_type="text/csv"), "UTF-8"),
        (SimpleUploadedFile("people.xlsx", b"not a zip", content_type="application/octet-stream"), "XLSX"),
        (
            SimpleUploadedFile(
                "people.csv", b'first_name,last_name,email,mode\n"Anna,Nowak', content_type="text/csv"
            ),
            "",
        ),
        (SimpleUploadedFile("people.csv", b"name;surname\nA;B\n", content_type="text/csv"), "first_name"),
    ],
)
def test_import_bad_files_are_field_errors(client, coordinator, upload, needle):
    event = hybrid_event()
    client.force_login(coordinator)
    response = client.post(reverse("events:registrations_import", args=[event.pk]), {"file": upload})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["file"]
    assert needle in " ".join(errors["file"])
    assert not Registration.objects.exists()


def test_import_forbidden_to_trainers(client):
    event = hybrid_event()
    trainer = person_with_login(Role.EXPERT)
    EventTrainer.objects.create(event=event, person=trainer)
    client.force_login(trainer.user)
    assert client.get(reverse("events:registrations_import", args=[event.pk])).status_code == 403


# --- registration box ---------------------------------------------------------------------------------------


def test_box_on_event_page(client, participant, coordinator):
    event = hybrid_event(seats=5)
    RegistrationFactory(event=event)
    detail = reverse("events:detail", args=[event.pk])
    anonymous = client.get(detail).content.decode()
    assert "registration-box" in anonymous
    assert reverse("events:register", args=[event.pk]) in anonymous  # via the login link
    client.force_login(participant.user)
    page = client.get(detail).content.decode()
    assert reverse("events:register", args=[event.pk]) in page
    assert reverse("events:participants", args=[event.pk]) not in page
    registration = RegistrationFactory(event=event, person=participant)
    page = client.get(detail).content.decode()
    assert reverse("events:registration_cancel", args=[registration.pk]) in page
    client.force_login(coordinator)
    assert reverse("events:participants", args=[event.pk]) in client.get(detail).content.decode()


def test_box_places_left(client):
    event = hybrid_event(seats=5, online_capacity=3)
    RegistrationFactory.create_batch(2, event=event)
    RegistrationFactory(event=event, mode="online")
    client.cookies["rozwoj_language"] = "en"
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "3 of 5" in page
    assert "2 of 3" in page


def test_no_person_record_is_explained(client):
    user = UserFactory()
    event = hybrid_event()
    client.force_login(user)
    page = client.get(reverse("events:register", args=[event.pk]))
    assert page.context["refusal"]


def _xlsx(rows) -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("people.xlsx", buffer.getvalue())


def test_import_xlsx_page(client, coordinator):
    event = hybrid_event()
    client.force_login(coordinator)
    upload = _xlsx(
        [["first_name", "last_name", "email", "mode"], ["Ewa", "Lis", "ewa@example.org", "on_site"]]
    )
    response = client.post(reverse("events:registrations_import", args=[event.pk]), {"file": upload})
    assert response.status_code == 302
    assert Registration.objects.filter(person__email="ewa@example.org").exists()


def test_my_registrations_link_the_certificate_once_issued(client, participant):
    from rozwoj.events.models import Certificate, EventStatus

    registration = RegistrationFactory(person=participant, event__status=EventStatus.HELD)
    client.force_login(participant.user)
    certificate_url = reverse("events:certificate_pdf", args=[registration.pk])
    assert certificate_url not in client.get(reverse("events:my_registrations")).content.decode()
    Certificate.objects.create(registration=registration, code="ABCD-EFGH-JKMN", hours=6, language="pl")
    assert certificate_url in client.get(reverse("events:my_registrations")).content.decode()


def test_a_registration_of_a_held_event_cannot_be_cancelled(client, participant):
    from rozwoj.events.models import EventStatus, RegistrationStatus

    registration = RegistrationFactory(person=participant, event__status=EventStatus.HELD)
    client.force_login(participant.user)
    client.post(reverse("events:registration_cancel", args=[registration.pk]))
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_participant_filter_kept_rendered_shows_a_new_organisation_at_once(client, coordinator, settings):
    """The unused filter form is rendered once and kept, keyed by the organisations it lists: one added since
    appears on the next page."""
    settings.ROZWOJ_ORGANISATION_SELECT_LIMIT = 300
    event = hybrid_event()
    RegistrationFactory(event=event)
    client.force_login(coordinator)
    url = reverse("events:participants", args=[event.pk])
    first = OrganisationFactory(name="Pierwsza Organizacja Filtra")
    assert f'<option value="{first.pk}"' in client.get(url).content.decode()
    assert f'<option value="{first.pk}"' in client.get(url, {"page": "1"}).content.decode()
    second = OrganisationFactory(name="Druga Organizacja Filtra")
    assert f'<option value="{second.pk}"' in client.get(url).content.decode()
    first.name = "Pierwsza Organizacja Przemianowana"
    first.save()
    assert "Pierwsza Organizacja Przemianowana" in client.get(url).content.decode()


def test_participant_rows_show_what_the_models_say(client, coordinator):
    event = hybrid_event()
    school = OrganisationFactory(name="Szkoła Wierszy", acronym="SW")
    office = OrganisationFactory(name="Biuro Wierszy", acronym="")
    person = PersonFactory(last_name="Wierszowa", first_name="Ala", email="ala@example.org")
    MembershipFactory(person=person, organisation=school)
    MembershipFactory(person=person, organisation=office)
    registration = RegistrationFactory(event=event, person=person, mode="on_site", online_if_full=True)
    client.force_login(coordinator)
    with translation.override("pl"):
        html = client.get(reverse("events:participants", args=[event.pk]), HTTP_ACCEPT_LANGUAGE="pl")
    html = html.content.decode()
    row = html[
        html.index(f'id="r{registration.pk}"') : html.index("</tr>", html.index(f'id="r{registration.pk}"'))
    ]
    assert ">Wierszowa Ala</th>" in row
    assert "<td>ala@example.org</td>" in row
    assert "<td>Biuro Wierszy; Szkoła Wierszy (SW)</td>" in row
    assert '<span class="badge">' in row  # online if full
    assert timezone.localtime(registration.created_at).strftime("%d-%m-%Y") in row
