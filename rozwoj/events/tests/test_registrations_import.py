import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from rozwoj.accounts.models import Role
from rozwoj.events.models import Format, Registration
from rozwoj.events.services.imports import ImportRowsError, registrations_import
from rozwoj.organisations.tests.factories import OrganisationFactory
from rozwoj.people.models import Membership, Person
from rozwoj.people.tests.factories import PersonFactory, person_with_login

from .factories import RegistrationFactory, event_with_sessions, hybrid_event

pytestmark = pytest.mark.django_db

HEADER = "first_name,last_name,email,mode,organisation\n"


@pytest.fixture
def coordinator():
    return person_with_login(Role.COORDINATOR).user


def csv_file(body: str, header: str = HEADER, name: str = "people.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (header + body).encode("utf-8"), content_type="text/csv")


def xlsx_file(rows) -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("people.xlsx", buffer.getvalue())


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_imported(coordinator):
    event = hybrid_event(audience_organisation_kinds=["school", "local_government_office"])
    school = OrganisationFactory(kind="school", name="Szkoła Podstawowa nr 1")
    OrganisationFactory(kind="ngo", name="Fundacja Pomocy")
    registered = PersonFactory(email="zapisana@example.org")
    RegistrationFactory(event=event, person=registered)
    body = (
        "Anna,Nowak,anna@example.org,on_site,Szkoła Podstawowa nr 1\n"  # line 2: good
        "Jan,Kowal,not-an-email,on_site,Szkoła Podstawowa nr 1\n"  # 3: bad e-mail
        "Ewa,Lis,ewa@example.org,by_bus,Szkoła Podstawowa nr 1\n"  # 4: unknown mode
        "Anna,Nowak,ANNA@example.org,online,Szkoła Podstawowa nr 1\n"  # 5: duplicate of line 2
        "Zofia,Zapisana,zapisana@example.org,on_site,Szkoła Podstawowa nr 1\n"  # 6: already registered
        "Olga,Obca,olga@example.org,on_site,Fundacja Pomocy\n"  # 7: not eligible (NGO)
        "Piotr,Nieznany,piotr@example.org,on_site,Nie ma takiej\n"  # 8: unknown organisation
        ",Bezimienny,bez@example.org,online,Szkoła Podstawowa nr 1\n"  # 9: no first name
    )
    with pytest.raises(ImportRowsError) as error:
        registrations_import(actor=coordinator, event=event, file=csv_file(body))
    by_line = {e.line: e.message for e in error.value.errors}
    assert sorted(by_line) == [3, 4, 5, 6, 7, 8, 9]
    assert "not-an-email" in by_line[3]
    assert "by_bus" in by_line[4]
    assert "2" in by_line[5]
    assert by_line[6]
    assert by_line[7]
    assert "Nie ma takiej" in by_line[8]
    assert Registration.objects.count() == 1
    assert not Person.objects.filter(email__in=["anna@example.org", "ewa@example.org"]).exists()
    assert school.memberships.count() == 0


def test_good_file_imports_people_and_registrations(
    coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    event = hybrid_event()
    school = OrganisationFactory(kind="school", name="Szkoła Podstawowa nr 2")
    existing = PersonFactory(email="Istniejaca@Example.org")
    body = (
        "Anna,Nowak,anna@example.org,on_site,szkoła podstawowa nr 2\n"
        "Iza,Istniejąca,istniejaca@example.org,online,\n"
        "\n"  # empty lines are skipped
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = registrations_import(actor=coordinator, event=event, file=csv_file(body))
    assert result.people_created == 1
    assert len(result.registrations) == 2
    anna = Person.objects.get(email="anna@example.org")
    assert anna.user_id is None
    assert Membership.objects.filter(person=anna, organisation=school).exists()
    assert Registration.objects.get(person=existing).mode == "online"
    assert Person.objects.filter(email__iexact="istniejaca@example.org").count() == 1
    assert sorted(m.to[0] for m in mailoutbox) == ["Istniejaca@Example.org", "anna@example.org"]


def test_semicolon_csv_and_column_order(coordinator):
    event = hybrid_event()
    file = csv_file("online;x@example.org;Nowak;Xenia\n", header="mode;email;last_name;first_name\n")
    registrations_import(actor=coordinator, event=event, file=file)
    assert Registration.objects.get().person.first_name == "Xenia"


def test_xlsx_import_with_bad_row_line_numbers(coordinator):
    event = event_with_sessions(Format.ON_SITE)
    rows = [
        ["first_name", "last_name", "email", "mode"],
        ["Anna", "Nowak", "anna@example.org", "on_site"],
        ["Jan", "Kowal", "jan@example.org", "online"],  # this event has no online sessions
    ]
    with pytest.raises(ImportRowsError) as error:
        registrations_import(actor=coordinator, event=event, file=xlsx_file(rows))
    assert [e.line for e in error.value.errors] == [3]
    assert not Registration.objects.exists()
    rows[2][3] = "on_site"
    result = registrations_import(actor=coordinator, event=event, file=xlsx_file(rows))
    assert len(result.registrations) == 2


@pytest.mark.parametrize(
    "file",
    [
        SimpleUploadedFile("people.txt", b"first_name,last_name,email,mode\n"),
        SimpleUploadedFile("people.csv", b""),
        SimpleUploadedFile("people.csv", b"first_name,last_name\nA,B\n"),
        SimpleUploadedFile("people.csv", HEADER.encode()),
        SimpleUploadedFile("people.csv", b"\xff\xfe\x00\x00"),
        SimpleUploadedFile("people.xlsx", b"PK\x03\x04 broken"),
        SimpleUploadedFile("people.csv", b"x" * (2 * 1024 * 1024 + 1)),
    ],
)
def test_unreadable_files_are_refused(coordinator, file):
    with pytest.raises(ValidationError) as error:
        registrations_import(actor=coordinator, event=hybrid_event(), file=file)
    assert "file" in error.value.message_dict
    assert not Registration.objects.exists()


def test_only_coordinators_import():
    with pytest.raises(PermissionDenied):
        registrations_import(
            actor=person_with_login(Role.EXPERT).user,
            event=hybrid_event(),
            file=csv_file("Anna,Nowak,anna@example.org,on_site,\n"),
        )


def test_values_that_cannot_be_stored_are_reported_per_row_and_nothing_is_imported(coordinator):
    event = hybrid_event()
    email_306 = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".pl"
    body = (
        "Anna,Nowak,anna@example.org,on_site,\n"  # line 2: good
        f"{'A' * 500},Nowak,a500@example.org,online,\n"  # 3: first name too long
        f"Ewa,Lis,{email_306},online,\n"  # 4: e-mail too long to store
        "Ol\x00ga,Kot,olga@example.org,online,\n"  # 5: NUL byte
        f"Iza,Wrona,iza@example.org,online,{'O' * 1000}\n"  # 6: organisation name longer than any stored
    )
    with pytest.raises(ImportRowsError) as error:
        registrations_import(actor=coordinator, event=event, file=csv_file(body))
    by_line = {e.line: e.message for e in error.value.errors}
    assert sorted(by_line) == [3, 4, 5, 6]
    assert "first_name" in by_line[3]
    assert "100" in by_line[3]
    assert "email" in by_line[4]
    assert "254" in by_line[4]
    assert "first_name" in by_line[5]
    assert "organisation" in by_line[6]
    assert all(len(message) < 300 for message in by_line.values())
    assert not Person.objects.filter(email="anna@example.org").exists()


def test_xlsx_numbers_where_text_is_expected_are_row_errors(coordinator):
    rows = [["first_name", "last_name", "email", "mode"], ["Anna", 42, "anna@example.org", "online"]]
    with pytest.raises(ImportRowsError) as error:
        registrations_import(actor=coordinator, event=hybrid_event(), file=xlsx_file(rows))
    assert [(e.line, "last_name" in e.message) for e in error.value.errors] == [(2, True)]
    assert not Registration.objects.exists()
