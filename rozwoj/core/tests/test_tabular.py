import io
import zipfile

import pytest
from openpyxl import Workbook

from rozwoj.core import tabular
from rozwoj.core.tabular import TableError, TableLimits, forbidden_characters, read_csv, read_xlsx
from rozwoj.core.testing import declare_sizes, many_rows_xlsx, xlsx_bytes

LIMITS = TableLimits(max_bytes=2 * 1024 * 1024, max_rows=5000, max_line_chars=4096)


class CountingFile(io.BytesIO):
    """A file that records how many bytes were asked of it."""

    requested = 0

    def read(self, size=-1):
        self.requested = size
        return super().read(size)


def _refused(read, source, code: str) -> TableError:
    with pytest.raises(TableError) as caught:
        read(source, LIMITS)
    assert caught.value.code == code, caught.value.message
    assert caught.value.message
    return caught.value


# --- CSV ------------------------------------------------------------------------------------------------


def test_csv_rows_with_line_numbers_skipping_empty_rows():
    rows = read_csv(io.BytesIO("\ufeffa;b\r\n\r\nŁódź;2\r\n;\r\n".encode()), LIMITS)
    assert rows == [(1, ["a", "b"]), (3, ["Łódź", "2"])]


def test_csv_larger_than_the_limit_is_refused_after_reading_only_the_limit():
    source = CountingFile(b"a,b\n" * (LIMITS.max_bytes // 4 + 10))
    _refused(read_csv, source, "too_large")
    assert source.requested == LIMITS.max_bytes + 1


def test_csv_stops_at_the_row_limit():
    error = _refused(read_csv, io.BytesIO(b"n\n" + b"x\n" * 300_000), "too_many_rows")
    assert error.line == LIMITS.max_rows + 2  # the header, 5,000 rows, and the first one too many
    assert "5" in error.message


def test_csv_line_longer_than_the_limit_is_refused_before_parsing():
    error = _refused(read_csv, io.BytesIO(b"a,b\nok,ok\n" + b'"' + b"x" * 5000 + b'",y\n'), "line_too_long")
    assert error.line == 3


def test_csv_not_in_utf8_names_the_line():
    error = _refused(read_csv, io.BytesIO("a;b\nok;ok\nŁódź;x\n".encode("cp1250")), "encoding")
    assert error.line == 3
    assert "3" in error.message


def test_malformed_csv_names_the_line():
    error = _refused(read_csv, io.BytesIO(b'a,b\n"x"y,1\n'), "malformed")
    assert error.line == 2


def test_csv_keeps_nul_and_control_characters_for_the_import_to_report():
    rows = read_csv(io.BytesIO(b"a,b\nx\x00y,z\x0bw\n"), LIMITS)
    assert rows[1] == (2, ["x\x00y", "z\x0bw"])
    assert forbidden_characters(rows[1][1][0])
    assert forbidden_characters("a\tb")
    assert not forbidden_characters("Zażółć gęślą jaźń – „cytat”")


def test_a_long_run_of_empty_rows_ends_the_table():
    limits = TableLimits(max_bytes=LIMITS.max_bytes, max_rows=10, max_blank_rows=100)
    rows = read_csv(io.BytesIO(b"a\n1\n" + b"\n" * 101 + b"2\n"), limits)
    assert rows == [(1, ["a"]), (2, ["1"])]


# --- XLSX -----------------------------------------------------------------------------------------------


def test_xlsx_rows_keep_the_types_of_cells():
    workbook = Workbook()
    for row in (["first_name", "number"], ["Anna", -5], [None, None], ["=1+1", 2.5]):
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows = read_xlsx(io.BytesIO(buffer.getvalue()), LIMITS)
    assert rows[:2] == [(1, ["first_name", "number"]), (2, ["Anna", -5])]
    assert rows[2][0] == 4  # the empty row 3 is skipped, the numbering kept


@pytest.fixture
def openpyxl_unreachable(monkeypatch):
    import openpyxl

    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("openpyxl was reached"))


def test_xlsx_with_300000_rows_is_refused_before_openpyxl_parses_it(openpyxl_unreachable):
    data = many_rows_xlsx(300_000)
    assert len(data) < 300_000  # a small upload
    _refused(read_xlsx, io.BytesIO(data), "unpacks_too_large")


def test_xlsx_stops_reading_at_the_row_limit():
    error = _refused(read_xlsx, io.BytesIO(many_rows_xlsx(20_000)), "too_many_rows")
    assert error.line == LIMITS.max_rows + 2  # the header, 5,000 rows and the first one too many: no further


def test_a_zip_bomb_is_refused_before_openpyxl_opens_it(openpyxl_unreachable):
    data = declare_sizes(xlsx_bytes([["a"]]), "xl/worksheets/sheet1.xml", 2**32 - 1)
    _refused(read_xlsx, io.BytesIO(data), "unpacks_too_large")
    blanks = xlsx_bytes(
        sheet=b"<worksheet><sheetData>" + b" " * (21 * 1024 * 1024) + b"</sheetData></worksheet>"
    )
    assert len(blanks) < 100_000
    _refused(read_xlsx, io.BytesIO(blanks), "unpacks_too_large")


def test_a_zip_that_hides_its_size_is_read_no_further_than_it_declares(openpyxl_unreachable):
    data = declare_sizes(many_rows_xlsx(300_000), "xl/worksheets/sheet1.xml", 2000)
    _refused(read_xlsx, io.BytesIO(data), "not_xlsx")


def _truncated() -> bytes:
    data = xlsx_bytes([["first_name"], ["Anna"]])
    return data[: len(data) // 2]


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


ENCRYPTED = tabular.CFB_SIGNATURE + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 100


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "not_xlsx"),
        (bytes(range(256)) * 40, "not_xlsx"),
        (b"first_name,last_name\nAnna,Nowak\n", "not_xlsx"),
        (_zip({"word/document.xml": b"<w/>", "[Content_Types].xml": b"<Types/>"}), "not_xlsx"),
        (_truncated(), "not_xlsx"),
        (xlsx_bytes(sheet=b"<worksheet><sheetData><row><c>"), "not_xlsx"),
        (_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"not xml"}), "not_xlsx"),
        (ENCRYPTED, "password"),
        (tabular.CFB_SIGNATURE + b"\x00" * 1000, "old_format"),
    ],
    ids=["empty", "random", "csv", "docx", "truncated", "broken-xml", "broken-workbook", "password", "xls"],
)
def test_files_that_are_not_a_readable_workbook_are_refused_with_a_reason(data, code):
    _refused(read_xlsx, io.BytesIO(data), code)


def test_only_the_first_columns_of_a_very_wide_row_are_read():
    sheet = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c>'
        b'<c r="XFD1" t="inlineStr"><is><t>z</t></is></c></row></sheetData></worksheet>'
    )
    rows = read_xlsx(io.BytesIO(xlsx_bytes(sheet=sheet)), LIMITS)
    assert rows == [(1, ["a"])]


def test_xml_entities_are_not_expanded():
    """A billion-laughs sheet: openpyxl reads through defusedxml, which refuses entity declarations."""
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n > 1 else "&lol;" * 10}">'.encode()
            for n in range(1, 10)
        )
        + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row><c t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
    )
    _refused(read_xlsx, io.BytesIO(xlsx_bytes(sheet=laughs)), "not_xlsx")
