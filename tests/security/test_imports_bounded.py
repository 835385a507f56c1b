"""Imports are bounded before they are parsed: a small file that unpacks or expands to hundreds of thousands of
rows is refused with a clear message, reading stops at the limit, and nothing is imported. No wall-clock
assertion: what proves the bound is where reading stopped (openpyxl's rows are counted)."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rozwoj.accounts.models import Role
from rozwoj.core.testing import declare_sizes, many_rows_xlsx, xlsx_bytes
from rozwoj.events.models import Registration
from rozwoj.events.services.imports import MAX_IMPORT_ROWS
from rozwoj.events.tests.factories import hybrid_event
from rozwoj.organisations.models import LocalGovernment
from rozwoj.organisations.services import TERC_LIMITS, TercImportError, teryt_import
from rozwoj.people.models import Person
from rozwoj.people.tests.factories import person_with_login

pytestmark = pytest.mark.django_db

HEADER = "first_name,last_name,email,mode\n"


@pytest.fixture
def import_page(client):
    """Post a file to the registration import of an event as a coordinator; returns the form's file errors."""
    event = hybrid_event()
    client.force_login(person_with_login(Role.COORDINATOR).user)
    client.cookies["rozwoj_language"] = "en"
    people_before = Person.objects.count()

    def post(name: str, data: bytes) -> str:
        response = client.post(
            reverse("events:registrations_import", args=[event.pk]), {"file": SimpleUploadedFile(name, data)}
        )
        assert response.status_code == 200
        assert not Registration.objects.exists()
        assert Person.objects.count() == people_before
        return " ".join(response.context["form"].errors["file"])

    return post


@pytest.fixture
def openpyxl_counted(monkeypatch):
    """Count the rows openpyxl hands over, to show where reading stopped."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    seen = {"rows": 0, "opened": 0}
    original = ReadOnlyWorksheet._cells_by_row

    def counting(self, *args, **kwargs):
        seen["opened"] += 1
        for row in original(self, *args, **kwargs):
            seen["rows"] += 1
            yield row

    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", counting)
    return seen


def test_a_small_xlsx_with_300000_rows_is_refused_before_it_is_parsed(import_page, openpyxl_counted):
    data = many_rows_xlsx(300_000)
    assert len(data) < 300 * 1024
    message = import_page("people.xlsx", data)
    assert "at most 5,000 rows" in message
    assert openpyxl_counted == {"rows": 0, "opened": 0}


def test_an_xlsx_over_the_row_limit_is_read_no_further_than_the_limit(import_page, openpyxl_counted):
    message = import_page("people.xlsx", many_rows_xlsx(40_000))
    assert "more than 5,000 rows" in message
    assert openpyxl_counted["rows"] == MAX_IMPORT_ROWS + 2  # the header, 5,000 rows and one too many


def test_a_zip_bomb_is_refused_from_its_directory(import_page, openpyxl_counted):
    data = declare_sizes(xlsx_bytes([["first_name"]]), "xl/worksheets/sheet1.xml", 3 * 1024**3)
    assert "at most 5,000 rows" in import_page("people.xlsx", data)
    assert openpyxl_counted["opened"] == 0


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ((HEADER + "Anna,Nowak,a@example.org,online\n" * 300_000).encode()[: 2 * 1024 * 1024], "rows"),
        (HEADER.encode() + b"x" * (2 * 1024 * 1024), "2 MB"),
        (HEADER.encode() + b"Anna,Nowak,a@example.org,online\n" + b"y" * 10_000 + b"\n", "Line 3 is longer"),
    ],
    ids=["300,000 rows", "over 2 MB", "a 10,000-character line"],
)
def test_csv_limits(import_page, data, expected):
    assert expected in import_page("people.csv", data)


def test_the_teryt_import_is_bounded_too(tmp_path):
    path = tmp_path / "terc.csv"
    header = "WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA\n"
    path.write_text(header + "14;12;02;1;Sulejówek;gmina miejska;2025-01-01\n" * 300_000)
    with pytest.raises(TercImportError) as caught:
        teryt_import(path)
    assert [e.code for e in caught.value.errors] == ["too_large"]
    path.write_text(header + "14;12;02;1;Sulejówek;gmina miejska;2025-01-01\n" * 60_000)
    with pytest.raises(TercImportError) as caught:
        teryt_import(path)
    assert [(e.line, e.code) for e in caught.value.errors] == [(TERC_LIMITS.max_rows + 2, "too_many_rows")]
    path.write_text(header + "14;12;02;1;" + "S" * 5000 + ";gmina miejska;2025-01-01\n")
    with pytest.raises(TercImportError) as caught:
        teryt_import(path)
    assert [(e.line, e.code) for e in caught.value.errors] == [(2, "line_too_long")]
    assert not LocalGovernment.objects.exists()


# pandas itself is allowed (the SPSS export writes through it); its readers are not.
SPREADSHEET_READERS = re.compile(
    r"\bload_workbook\b|csv\.(reader|DictReader)\b|\bxlrd\b|\b(pandas|pd)\.read_\w+|\btablib\b"
)


def test_no_import_reads_a_spreadsheet_around_the_bounded_reader():
    rozwoj = Path(__file__).resolve().parents[2] / "rozwoj"
    offenders = [
        f"{path.relative_to(rozwoj)}:{number}: {line.strip()}"
        for path in rozwoj.rglob("*.py")
        if path != rozwoj / "core" / "tabular.py" and not {"tests", "migrations"} & set(path.parts)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if SPREADSHEET_READERS.search(line)
    ]
    assert not offenders, "Read uploaded tables through rozwoj.core.tabular (bounded):\n" + "\n".join(
        offenders
    )
