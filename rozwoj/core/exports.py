"""CSV and XLSX exports: the one way the platform writes spreadsheets.

Every export goes through `export_response` (or `csv_response` / `xlsx_response`), so that no cell a user typed
can become a formula in the spreadsheet of the person who downloads it (OWASP, "CSV injection"): a self-registered
participant named `=HYPERLINK("http://…"&C2,"…")` must reach the coordinator's file as that text, not as a live
link that sends the neighbouring cells away.

- CSV: a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return (also after leading spaces or
  line breaks, and their full-width forms) is written with a leading `'`, as OWASP recommends; spreadsheet
  programs show the rest as text.
- XLSX: text is always written as a string cell, never as a formula, and risky text is marked "quote prefix"
  (what Excel does when a user types `'` before it), so the visible text is exactly the value and editing the
  cell does not turn it into a formula. Characters XML cannot hold (control characters) are dropped.
- Numbers (int, float, Decimal) and dates stay numbers and dates in XLSX; a negative number is not a formula.
  Aware datetimes are written in the local time zone (Excel has no time zones).

Large exports (`streaming_export_response`): CSV is streamed row by row; XLSX is written by openpyxl's write-only
mode into a temporary file (not memory) and streamed from it, so memory stays bounded whatever the number of rows.

Rows are sequences of cells; a cell is None, str, bool, int, float, Decimal, date or datetime (anything else is
written as its `str()`). Rows may be a generator: they are written as they come.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from django.http import HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone

_Response = TypeVar("_Response", bound=HttpResponseBase)

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
FORMATS = ("csv", "xlsx")

# Characters that make a spreadsheet program read a cell as a formula (OWASP), with their full-width forms.
FORMULA_TRIGGERS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
_LEADING_BLANKS = " \n\u00a0\u3000"
XLSX_MAX_CELL_CHARS = 32767  # Excel's limit; longer text makes Excel "repair" the file
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SHEET_TITLE_ILLEGAL = re.compile(r"[\[\]:*?/\\]")
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"

Cell = Any
Row = Sequence[Cell]


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet program could read `text` as a formula."""
    return text[:1] in FORMULA_TRIGGERS or text.lstrip(_LEADING_BLANKS)[:1] in FORMULA_TRIGGERS


def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value


def csv_cell(value: Cell) -> str | int | float | Decimal:
    """One cell as CSV writes it: numbers as they are, dates in ISO form, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, datetime.datetime):
        return _local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    return "'" + text if is_formula_like(text) else text


def csv_content(header: Row, rows: Iterable[Row]) -> str:
    """The CSV text (with a BOM, so that Excel reads UTF-8) of a header and rows."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([csv_cell(value) for value in header])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return buffer.getvalue()


def _xlsx_cell(sheet, value: Cell):
    """A value as openpyxl's write-only sheet takes it: a plain value where nothing can go wrong (numbers,
    empty cells, text that cannot be read as a formula: building a cell object for each costs more than
    writing it), a cell with its format or its quote prefix otherwise."""
    from openpyxl.cell import WriteOnlyCell

    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    if type(value) is str:
        text = _XML_ILLEGAL.sub("", value)[:XLSX_MAX_CELL_CHARS]
        if not is_formula_like(text):
            return text
    if isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(sheet, value=_local(value))
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    text = _XML_ILLEGAL.sub("", str(value))[:XLSX_MAX_CELL_CHARS]
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # openpyxl makes text that starts with "=" a formula; this keeps it text
    if is_formula_like(text):
        cell.quotePrefix = True
    return cell


def sheet_title(title: str) -> str:
    """A title Excel accepts: at most 31 characters, none of []:*?/\\."""
    return _SHEET_TITLE_ILLEGAL.sub(" ", str(title)).strip()[:31] or "Sheet1"


def xlsx_write(target, header: Row, rows: Iterable[Row], *, title: str) -> None:
    """Write the XLSX file (one sheet) of a header and rows into `target` (a path or a binary file)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title(title))
    sheet.append([_xlsx_cell(sheet, value) for value in header])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    workbook.save(target)


def xlsx_content(header: Row, rows: Iterable[Row], *, title: str) -> bytes:
    """The XLSX file (one sheet) of a header and rows."""
    buffer = io.BytesIO()
    xlsx_write(buffer, header, rows, title=title)
    return buffer.getvalue()


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(header: Row, rows: Iterable[Row]) -> Iterable[str]:
    """The CSV text of a header and rows, line by line (the first with a BOM)."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([csv_cell(value) for value in header])
    for row in rows:
        yield writer.writerow([csv_cell(value) for value in row])


def _attachment(response: _Response, filename: str) -> _Response:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private"
    return response


def csv_response(filename: str, header: Row, rows: Iterable[Row]) -> HttpResponse:
    return _attachment(HttpResponse(csv_content(header, rows), content_type=CSV_CONTENT_TYPE), filename)


def xlsx_response(filename: str, header: Row, rows: Iterable[Row], *, title: str) -> HttpResponse:
    content = xlsx_content(header, rows, title=title)
    return _attachment(HttpResponse(content, content_type=XLSX_CONTENT_TYPE), filename)


def streaming_export_response(fmt: str, *, name: str, title: str, header: Row, rows: Iterable[Row]):
    """Like `export_response`, for exports too large to hold in memory: CSV streamed, XLSX from a temporary
    file."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    filename = f"{name}.{fmt}"
    if fmt == "csv":
        return _attachment(
            StreamingHttpResponse(csv_lines(header, rows), content_type=CSV_CONTENT_TYPE), filename
        )
    response = StreamingHttpResponse(_xlsx_chunks(header, rows, title), content_type=XLSX_CONTENT_TYPE)
    return _attachment(response, filename)


def _xlsx_chunks(header: Row, rows: Iterable[Row], title: str, chunk: int = 64 * 1024) -> Iterable[bytes]:
    """The XLSX file in chunks, written into a temporary file when the first chunk is asked for (so a response
    that is never sent writes nothing) and deleted after the last."""
    import tempfile

    with tempfile.TemporaryFile() as target:
        xlsx_write(target, header, rows, title=title)
        target.seek(0)
        while data := target.read(chunk):
            yield data


def export_response(fmt: str, *, name: str, title: str, header: Row, rows: Iterable[Row]) -> HttpResponse:
    """The export as `fmt` ("csv" or "xlsx"), downloaded as `name.fmt`; `title` names the XLSX sheet.
    `name` must be ASCII without quotes (e.g. "participants-12")."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    filename = f"{name}.{fmt}"
    if fmt == "csv":
        return csv_response(filename, header, rows)
    return xlsx_response(filename, header, rows, title=title)
