"""Reading uploaded tables (CSV, XLSX) within bounds: the size, the rows and the lines are limited before and
while the file is parsed, so that a small file that unpacks or expands to millions of rows is refused within a
second, not after half a minute and hundreds of megabytes.

- CSV: at most `max_bytes` are read; each line is checked for length before the CSV parser sees it; reading stops
  at the row limit (and a long run of empty rows ends the table). The text must be UTF-8 (a BOM is allowed); the error names the first line that is not.
- XLSX: the zip's own directory is checked first (the declared uncompressed size of all its parts, the number of
  parts, that it is a workbook and not encrypted); Python's zipfile never unpacks more than a part declares, so a
  zip bomb stops there. The XML parts are then unpacked in chunks and their elements counted (openpyxl's time
  grows with the number of XML elements, and `<row/>` is six bytes). Only then does openpyxl read, in read-only mode
  (streaming), at most `max_columns` columns, and reading stops at the row limit. A password-protected workbook
  or an old XLS is named as such.

Both return `(line number, cells)` for every non-empty row, the header included, and raise `TableError` (with a
translated message) for a file that cannot be read as a whole. Cells of a CSV are text; cells of an XLSX keep
their type (text, int, float, bool, datetime, time), so that an import can tell a number from text.
`forbidden_characters` finds what no text field may hold (NUL and other control characters).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _

Row = tuple[int, list[Any]]

CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: XLS, or an encrypted XLSX
MAX_ZIP_MEMBERS = 500
_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class TableLimits:
    max_bytes: int
    max_rows: int  # data rows (non-empty rows after the header)
    max_line_chars: int = 4096  # CSV: characters in one line
    max_columns: int = 50  # XLSX: columns read from each row; the rest are ignored
    max_uncompressed_bytes: int = 20 * 1024 * 1024  # XLSX: what all the parts of the zip declare
    # XLSX: elements in all XML parts (openpyxl's time grows with them). A workbook of 5,000 rows × 10 columns
    # of distinct text has about 210,000; the slowest workbook of 250,000 elements measured (rows of thousands
    # of empty cells) is read or refused within about two seconds on two busy cores.
    max_xml_elements: int = 250_000
    max_blank_rows: int = 10_000  # this many empty rows in a row end the table


class TableError(Exception):
    """The file cannot be read; `message` says why in the user's language, `line` where (when known), `code`
    what kind of problem it is (too_large, too_many_rows, line_too_long, encoding, malformed, not_xlsx,
    password, old_format, unpacks_too_large)."""

    def __init__(self, message: str, line: int | None = None, *, code: str):
        super().__init__(message)
        self.message, self.line, self.code = message, line, code


def forbidden_characters(value: str) -> bool:
    """Whether `value` holds a control character (NUL, tab, line breaks…) or a lone surrogate: text no name,
    address or code may contain (PostgreSQL refuses NUL outright)."""
    return _FORBIDDEN.search(value) is not None


def _too_many_rows(limits: TableLimits, line: int) -> TableError:
    return TableError(
        _("The file has more than %(limit)s rows; at most %(limit)s can be imported at once.")
        % {"limit": number_format(limits.max_rows, force_grouping=True)},
        line,
        code="too_many_rows",
    )


class _RowCounter:
    def __init__(self, limits: TableLimits):
        self.limits, self.rows, self.blank_run = limits, 0, 0

    def keep(self, line: int, cells: list[Any]) -> bool:
        """Whether the row is kept (non-empty); raises past the row limit."""
        if all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells):
            self.blank_run += 1
            return False
        self.blank_run = 0
        self.rows += 1
        if self.rows > self.limits.max_rows + 1:  # the header and max_rows data rows
            raise _too_many_rows(self.limits, line)
        return True

    @property
    def table_ended(self) -> bool:
        """A long run of empty rows ends the table (a sheet may declare a million formatted, empty rows)."""
        return self.blank_run > self.limits.max_blank_rows


def _read_bytes(source, limits: TableLimits) -> bytes | str:
    """At most max_bytes of a path, an uploaded file or a file object (bytes, or text for a text-mode file)."""
    if isinstance(source, str | Path):
        with open(source, "rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    else:
        if hasattr(source, "seek"):
            source.seek(0)
        data = source.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        raise TableError(
            _("The file is larger than %(limit)s.") % {"limit": filesizeformat(limits.max_bytes)},
            code="too_large",
        )
    return data


# --- CSV ------------------------------------------------------------------------------------------------


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return codecs.decode(data, "utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TableError(
            _("The file is not UTF-8 text (line %(line)s): save it as “CSV UTF-8” and upload it again.")
            % {"line": line},
            line,
            code="encoding",
        ) from None


def _bounded_lines(text: str, limits: TableLimits):
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        if len(line.rstrip("\r\n")) > limits.max_line_chars:
            raise TableError(
                _("Line %(line)s is longer than %(limit)s characters.")
                % {"line": number, "limit": number_format(limits.max_line_chars, force_grouping=True)},
                number,
                code="line_too_long",
            )
        yield line


def guess_delimiter(text: str) -> str:
    sample = text[:4096]
    return ";" if sample.count(";") > sample.count(",") else ","


def read_csv(source, limits: TableLimits, *, delimiter: str | None = None) -> list[Row]:
    text = _decode(_read_bytes(source, limits))
    reader = csv.reader(
        _bounded_lines(text, limits), delimiter=delimiter or guess_delimiter(text), strict=True
    )
    counter, rows, start = _RowCounter(limits), [], 1
    try:
        for cells in reader:
            if counter.keep(start, cells):
                rows.append((start, cells))  # the line where the row starts (a quoted value may span lines)
            elif counter.table_ended:
                break
            start = reader.line_num + 1
    except csv.Error as exc:
        line = reader.line_num or 1
        message = _("The CSV file is malformed near line %(line)s.") % {"line": line}
        raise TableError(message, line, code="malformed") from exc
    return rows


# --- XLSX -----------------------------------------------------------------------------------------------


def _unreadable_xlsx() -> TableError:
    return TableError(_("This is not a readable XLSX file."), code="not_xlsx")


def _password_protected() -> TableError:
    return TableError(
        _("The file is protected with a password: save it without one and upload it again."), code="password"
    )


def _too_large_unpacked(limits: TableLimits) -> TableError:
    return TableError(
        _(
            "The workbook holds more than can be imported at once (at most %(limit)s rows): keep only the rows "
            "to import and save it again."
        )
        % {"limit": number_format(limits.max_rows, force_grouping=True)},
        code="unpacks_too_large",
    )


def _count_elements(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], limits: TableLimits) -> None:
    """Unpack the XML parts in chunks (never more than each declares: zipfile stops there) and count their
    elements (start tags): openpyxl's work grows with them, and `<row/>` takes six bytes."""
    elements = 0
    for member in members:
        if not member.filename.endswith((".xml", ".rels")):
            continue
        with archive.open(member) as part:
            while chunk := part.read(1 << 20):
                elements += chunk.count(b"<") - chunk.count(b"</")
                if elements > limits.max_xml_elements:
                    raise _too_large_unpacked(limits)


def _check_archive(data: bytes, limits: TableLimits) -> None:
    """Refuse what is not a plain XLSX workbook, or what would unpack to more than the limits, before openpyxl
    opens it."""
    if data.startswith(CFB_SIGNATURE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise _password_protected()
        raise TableError(
            _("This is an old Excel file (XLS) or another format: save it as XLSX."), code="old_format"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            if len(members) > MAX_ZIP_MEMBERS or not {"[Content_Types].xml", "xl/workbook.xml"} <= names:
                raise _unreadable_xlsx()
            if any(member.flag_bits & 0x1 for member in members):
                raise _password_protected()
            if sum(member.file_size for member in members) > limits.max_uncompressed_bytes:
                raise _too_large_unpacked(limits)
            _count_elements(archive, members, limits)
    except TableError:
        raise
    # A damaged zip fails in several ways (BadZipFile, a bad CRC, zlib.error, EOFError, an unsupported
    # compression method…); each means the same to the user.
    except Exception:
        raise _unreadable_xlsx() from None


def _xlsx_rows(data: bytes, limits: TableLimits) -> list[Row]:
    from openpyxl import load_workbook

    counter, rows = _RowCounter(limits), []
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        for number, cells in enumerate(
            sheet.iter_rows(max_col=limits.max_columns, values_only=True), start=1
        ):
            cells = list(cells)
            while cells and cells[-1] is None:  # openpyxl pads each row to max_col
                cells.pop()
            if counter.keep(number, cells):
                rows.append((number, cells))
            elif counter.table_ended:
                break
    finally:
        workbook.close()
    return rows


def read_xlsx(source, limits: TableLimits) -> list[Row]:
    data = _read_bytes(source, limits)
    if isinstance(data, str):
        raise _unreadable_xlsx()
    _check_archive(data, limits)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it does not read
            return _xlsx_rows(data, limits)
    except TableError:
        raise
    # openpyxl, zipfile, zlib and the XML parser fail on a damaged file in many ways (BadZipFile, KeyError,
    # ValueError, TypeError, IndexError, EOFError, zlib.error, ParseError…): each means the same to the user.
    except Exception as exc:
        raise _unreadable_xlsx() from exc


def read_table(source, limits: TableLimits, *, kind: str, delimiter: str | None = None) -> list[Row]:
    """The non-empty rows of a CSV (`kind="csv"`) or XLSX (`kind="xlsx"`) file; raises TableError."""
    if kind == "xlsx":
        return read_xlsx(source, limits)
    return read_csv(source, limits, delimiter=delimiter)
