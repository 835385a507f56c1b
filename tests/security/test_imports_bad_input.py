"""Bad input in imports never answers 500 and never stores the impossible, on either database: every bad row is
reported with its line number, the import is atomic, and a file that cannot be read is refused with a reason.
A property-based test feeds such values to every import (registrations from CSV and XLSX, the TERYT registry)."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rozwoj.accounts.models import Role
from rozwoj.core.tabular import CFB_SIGNATURE, forbidden_characters
from rozwoj.core.testing import xlsx_bytes
from rozwoj.events.models import Registration
from rozwoj.events.services.imports import ImportRowsError, registrations_import
from rozwoj.events.tests.factories import hybrid_event
from rozwoj.organisations.models import LocalGovernment
from rozwoj.organisations.services import TercImportError, teryt_import
from rozwoj.people.models import Person
from rozwoj.people.tests.factories import person_with_login

pytestmark = pytest.mark.django_db

COLUMNS = ["first_name", "last_name", "email", "mode"]
GOOD = ["Anna", "Nowak", "anna@example.org", "online"]
LONG_EMAIL = (
    "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".pl"
)  # 306 characters, valid in form, too long to store


def csv_upload(rows, *, encoding="utf-8") -> SimpleUploadedFile:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([COLUMNS, *rows])
    return SimpleUploadedFile("people.csv", buffer.getvalue().encode(encoding, "replace"))


def xlsx_upload(rows) -> SimpleUploadedFile:
    return SimpleUploadedFile("people.xlsx", xlsx_bytes([COLUMNS, *rows]))


@pytest.fixture
def import_page(client):
    event = hybrid_event()
    client.force_login(person_with_login(Role.COORDINATOR).user)
    client.cookies["rozwoj_language"] = "en"
    people = Person.objects.count()

    def post(upload):
        response = client.post(reverse("events:registrations_import", args=[event.pk]), {"file": upload})
        assert response.status_code == 200  # the page again with the problems, never a 500
        assert not Registration.objects.exists()
        assert Person.objects.count() == people
        return response

    return post


BAD_ROWS = {
    "a 500-character first name": (
        ["A" * 500, "Nowak", "a1@example.org", "online"],
        "first_name is longer than 100",
    ),
    "a 306-character e-mail": (["Anna", "Nowak", LONG_EMAIL, "online"], "email is longer than 254"),
    "a NUL byte": (
        ["An\x00na", "Nowak", "a2@example.org", "online"],
        "first_name contains a control character",
    ),
    "a line break in a name": (
        ["Anna", "No\nwak", "a3@example.org", "online"],
        "last_name contains a control",
    ),
    "a control character in the e-mail": (
        ["X", "Y", '"\x01"@example.org', "online"],
        "email contains a control",
    ),
    "a long organisation": (
        ["Anna", "Nowak", "a4@example.org", "online", "O" * 3000],
        "organisation is longer",
    ),
}


@pytest.mark.parametrize("case", list(BAD_ROWS))
def test_each_bad_value_is_reported_on_its_line_and_nothing_is_stored(import_page, case):
    row, expected = BAD_ROWS[case]
    header_and_good = [GOOD, ["Jan", "Kowal", "jan@example.org", "online"]]
    buffer = io.StringIO()
    csv.writer(buffer).writerows([[*COLUMNS, "organisation"], *header_and_good, row])
    response = import_page(SimpleUploadedFile("people.csv", buffer.getvalue().encode()))
    errors = response.context["row_errors"]
    assert [error.line for error in errors] == [4]
    assert expected in errors[0].message
    assert len(errors[0].message) < 300  # a long value is shortened in the message


def test_numbers_dates_and_truth_values_where_text_is_expected_are_reported(import_page):
    rows = [
        GOOD,
        [12345, "Nowak", "b@example.org", "online"],
        ["Ewa", "Lis", -1.5, "online"],
        ["Ola", "Kot", "c@x.pl", 1],
    ]
    response = import_page(xlsx_upload(rows))
    messages = {error.line: error.message for error in response.context["row_errors"]}
    assert sorted(messages) == [3, 4, 5]
    assert "first_name must be text" in messages[3]
    assert "email must be text" in messages[4]
    assert "mode must be text" in messages[5]


def _zip_of(members: dict[str, bytes]) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _password_protected() -> bytes:
    return CFB_SIGNATURE + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512


BAD_FILES = {
    "random bytes as XLSX": ("people.xlsx", bytes(range(256)) * 8, "not a readable XLSX"),
    "a zip that is not a workbook": (
        "people.xlsx",
        _zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}),
        "not a readable XLSX",
    ),
    "a truncated XLSX": ("people.xlsx", xlsx_bytes([COLUMNS, GOOD])[:600], "not a readable XLSX"),
    "a password-protected XLSX": ("people.xlsx", _password_protected(), "password"),
    "an old XLS": ("people.xlsx", CFB_SIGNATURE + b"\x00" * 2000, "XLS"),
    "a CSV in Windows-1250": (
        "people.csv",
        "first_name,last_name,email,mode\nŁucja,Żak,l@x.pl,online\n".encode("cp1250"),
        "UTF-8 text (line 2)",
    ),
    "a CSV in UTF-16": ("people.csv", "first_name,last_name\n".encode("utf-16"), "UTF-8"),
    "a CSV with a broken quote": ("people.csv", b'first_name,last_name,email,mode\n"Anna,N', "malformed"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_files_that_cannot_be_read_are_refused_with_a_reason(import_page, case):
    name, data, expected = BAD_FILES[case]
    response = import_page(SimpleUploadedFile(name, data))
    assert expected in " ".join(response.context["form"].errors["file"])


def test_good_rows_with_one_bad_row_import_nothing_and_then_everything(client):
    event = hybrid_event()
    coordinator = person_with_login(Role.COORDINATOR).user
    rows = [GOOD, ["Jan", "Kowal", "jan@example.org", "online"], ["A" * 500, "X", "x@example.org", "online"]]
    with pytest.raises(ImportRowsError) as caught:
        registrations_import(actor=coordinator, event=event, file=xlsx_upload(rows))
    assert [error.line for error in caught.value.errors] == [4]
    assert not Registration.objects.exists()
    result = registrations_import(actor=coordinator, event=event, file=xlsx_upload(rows[:2]))
    assert len(result.registrations) == 2


def test_a_nul_byte_in_the_teryt_registry_is_a_bad_row(tmp_path):
    path = tmp_path / "terc.csv"
    path.write_text(
        "WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA\n14;;;;MAZO\x00WIECKIE;województwo;2025-01-01\n"
    )
    with pytest.raises(TercImportError) as caught:
        teryt_import(path)
    assert [(error.line, error.code) for error in caught.value.errors] == [(2, "control_character")]
    assert not LocalGovernment.objects.exists()


# --- property: whatever the cells hold, every import answers with a result or a reported refusal -------------

TEXTS = st.one_of(
    st.text(max_size=12),
    st.text(min_size=90, max_size=600),
    st.sampled_from(
        ["Anna", "Nowak", "online", "on_site", "\x00", "a\x00b", "\t", "=1+1", "", " ", '"', ";", ","]
    ),
    st.builds(lambda user, n: f"{user}@{'d' * n}.pl", st.text(min_size=1, max_size=70), st.integers(1, 300)),
    st.characters(codec="utf-8").map(lambda c: f"x{c}y"),
)
XLSX_VALUES = st.one_of(
    TEXTS.filter(lambda text: not forbidden_characters(text.replace("\t", "").replace("\n", ""))),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)
EMAILS = st.one_of(st.from_regex(r"[a-z]{1,12}@example\.org", fullmatch=True), TEXTS)
NAMES = st.one_of(st.sampled_from(["Anna", "Łucja", "O'Brien", "Nowak-Kowalska"]), TEXTS)
MODES = st.one_of(st.sampled_from(["online", "on_site", "ONLINE"]), TEXTS)
# Rows shaped like a real file (so that some imports succeed) and rows of anything.
ROWS = st.lists(
    st.one_of(st.lists(TEXTS, max_size=6), st.tuples(NAMES, NAMES, EMAILS, MODES).map(list)), max_size=6
)
XLSX_ROWS = st.lists(
    st.one_of(st.lists(XLSX_VALUES, max_size=6), st.tuples(NAMES, XLSX_VALUES, EMAILS, MODES).map(list)),
    max_size=6,
)
HYPOTHESIS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _nothing_impossible_stored() -> None:
    for person in Person.objects.all():
        for field in ("first_name", "last_name", "email"):
            value = getattr(person, field)
            assert len(value) <= Person._meta.get_field(field).max_length
            assert not forbidden_characters(value)


def _refusal(call):
    """The error an import refused with, or None when it imported (its writes are rolled back)."""
    try:
        with transaction.atomic():
            call()
            _nothing_impossible_stored()
            transaction.set_rollback(True)
    except (ImportRowsError, TercImportError, ValidationError) as error:
        return error
    return None


def _import_either_way(event, coordinator, upload, last_line: int) -> None:
    """The import succeeds with valid data, or refuses naming lines of the file; either way nothing else."""
    people, registrations = Person.objects.count(), Registration.objects.count()
    refusal = _refusal(lambda: registrations_import(actor=coordinator, event=event, file=upload))
    if isinstance(refusal, ImportRowsError):
        assert refusal.errors
        assert all(2 <= row_error.line <= last_line for row_error in refusal.errors)
    elif isinstance(refusal, ValidationError):
        assert refusal.message_dict["file"]
    assert (Person.objects.count(), Registration.objects.count()) == (people, registrations)


@pytest.fixture
def world():
    return hybrid_event(seats=1000), person_with_login(Role.COORDINATOR).user


@HYPOTHESIS
@given(rows=ROWS, encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1250", "utf-16"]))
def test_any_csv_is_imported_or_refused_with_its_lines(world, rows, encoding):
    event, coordinator = world
    upload = csv_upload(rows, encoding=encoding)
    content = upload.read()
    _import_either_way(event, coordinator, upload, content.count(b"\n") + content.count(b"\r") + 1)


@HYPOTHESIS
@given(rows=XLSX_ROWS)
def test_any_xlsx_is_imported_or_refused_with_its_lines(world, rows):
    event, coordinator = world
    _import_either_way(event, coordinator, xlsx_upload(rows), len(rows) + 1)


TERC_CELLS = st.one_of(
    TEXTS,
    st.sampled_from(["14", "12", "02", "1", "2", "", "00", "99", "2025-01-01", "9999-99-99", "województwo"]),
)


@HYPOTHESIS
@given(rows=st.lists(st.lists(TERC_CELLS, min_size=5, max_size=8), max_size=6), date=st.dates())
def test_any_teryt_file_is_imported_or_refused_with_its_lines(tmp_path_factory, rows, date):
    rows = [["14", "", "", "", "MAZOWIECKIE", "województwo", date.isoformat()], *rows]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(
        [["WOJ", "POW", "GMI", "RODZ", "NAZWA", "NAZWA_DOD", "STAN_NA"], *rows]
    )
    before = LocalGovernment.objects.count()

    def load():
        teryt_import(io.BytesIO(buffer.getvalue().encode("utf-8", "replace")))
        for unit in LocalGovernment.objects.all():
            assert len(unit.name) <= 100
            assert not forbidden_characters(unit.name)
            assert isinstance(unit.registry_date, datetime.date)

    refusal = _refusal(load)
    if refusal is not None:
        assert all(row_error.line >= 1 for row_error in refusal.errors)
    assert LocalGovernment.objects.count() == before
