"""Helpers shared by the test suites of every app (imported by tests only)."""

import io
from collections.abc import Iterable


def pdf_text(data: bytes) -> str:
    """The text of a generated PDF with white space folded, so that a line wrapped by the layout still matches."""
    from pypdf import PdfReader  # a test dependency

    assert data.startswith(b"%PDF"), "not a PDF"
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


# --- query budgets of pages that really rendered --------------------------------------------------------


def assert_page(
    client,
    url: str,
    *,
    queries: int,
    status: int = 200,
    template: str | None = None,
    contains: str | Iterable[str] = (),
    data: dict | None = None,
):
    """GET `url` within a budget of at most `queries` SQL queries, and check that the page really rendered: the
    status (200 unless told; a redirect to the login page or a 404 answers in very few queries, so a budget
    alone would pass on them), the template used, and the texts it must show. Returns the response."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data or {})
    assert response.status_code == status, f"GET {url}: status {response.status_code}, expected {status}"
    count = len(captured.captured_queries)
    sql = "\n".join(query["sql"] for query in captured.captured_queries)
    assert count <= queries, f"GET {url}: {count} queries, over the budget of {queries}:\n{sql}"
    if template is not None:
        used = [t.name for t in response.templates]
        assert template in used, f"GET {url}: {template} not rendered (rendered: {used})"
    body = response.content.decode()
    for text in [contains] if isinstance(contains, str) else contains:
        assert text in body, f"GET {url}: {text!r} not on the page"
    return response


# --- spreadsheets built by hand, fast enough for hundreds of thousands of rows ---------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    f'xmlns:r="{_RELATIONSHIPS}"><sheets><sheet name="Arkusz1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)


def _xml_cell(value) -> str:
    from xml.sax.saxutils import escape

    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"<c><v>{value}</v></c>"
    return f'<c t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


def sheet_xml(rows) -> bytes:
    """The XML of a worksheet with `rows` (lists of text or numbers), without a <dimension>."""
    body = "".join("<row>" + "".join(_xml_cell(value) for value in row) + "</row>" for row in rows)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{body}</sheetData></worksheet>"
    ).encode()


def xlsx_bytes(rows=None, *, sheet: bytes | None = None) -> bytes:
    """A minimal XLSX workbook (what openpyxl and Excel open) with `rows`, or with the given sheet XML."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet if sheet is not None else sheet_xml(rows or []))
    return buffer.getvalue()


def many_rows_xlsx(count: int, header=("first_name", "last_name", "email", "mode")) -> bytes:
    """A small file (a few hundred KB) whose sheet has `count` data rows: what a tester sends to make an import
    parse for half a minute. Each row has one short cell, so the sheet stays under the unpacked-size limit and
    only the row limit can stop it."""
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    head = sheet_xml([header])[: -len(b"</sheetData></worksheet>")]
    return xlsx_bytes(sheet=head + row * count + b"</sheetData></worksheet>")


def declare_sizes(data: bytes, member: str, size: int) -> bytes:
    """The zip `data` with the central directory claiming that `member` unpacks to `size` bytes (a lie, as in
    a zip bomb that hides its size, or a truthful huge size, as in one that does not)."""
    import struct

    name = member.encode()
    position = data.find(b"PK\x01\x02")
    while position != -1:
        name_length = struct.unpack_from("<H", data, position + 28)[0]
        if data[position + 46 : position + 46 + name_length] == name:
            return data[: position + 24] + struct.pack("<I", size) + data[position + 28 :]
        position = data.find(b"PK\x01\x02", position + 4)
    raise ValueError(f"{member} is not in the zip")
