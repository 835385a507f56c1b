"""A file's type is read from its content, never from its name: a file that lies is refused with a message."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from rozwoj.documents import filetypes
from rozwoj.documents.models import FileType

from .factories import PDF_BYTES, docx_bytes, ods_bytes, odt_bytes, upload, xlsx_bytes, zip_bytes


@pytest.mark.parametrize("file_type", list(FileType))
def test_every_accepted_type_is_recognised_by_its_content(file_type):
    assert filetypes.check_upload(upload(file_type)) == file_type


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("raport.pdf", b"<html><script>alert(1)</script></html>", "not a real PDF file"),
        ("raport.pdf", docx_bytes(), "its content is a DOCX file"),
        ("raport.docx", PDF_BYTES, "its content is a PDF file"),
        ("raport.docx", xlsx_bytes(), "its content is a XLSX file"),
        ("dane.xlsx", b"PK\x03\x04 not really a zip", "not a real XLSX file"),
        ("raport.odt", ods_bytes(), "its content is a ODS file"),
        ("dane.ods", odt_bytes(), "its content is a ODT file"),
        # An OOXML zip without [Content_Types].xml, an ODF zip without its mimetype entry.
        ("raport.docx", zip_bytes({"word/document.xml": b"x"}), "not a real DOCX"),
        ("raport.odt", zip_bytes({"content.xml": b"x"}), "not a real ODT"),
    ],
)
def test_a_file_that_lies_about_its_type_is_refused(name, content, message):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        filetypes.check_upload(SimpleUploadedFile(name, content))
    assert message in " ".join(error.value.messages)


@translation.override("en")
def test_types_outside_the_library_are_refused_even_when_real():
    with pytest.raises(ValidationError, match="PDF, DOCX, XLSX, ODT"):
        filetypes.check_upload(SimpleUploadedFile("obraz.png", b"\x89PNG\r\n\x1a\n"))
    with pytest.raises(ValidationError, match="PDF, DOCX, XLSX, ODT"):
        filetypes.check_upload(SimpleUploadedFile("raport", PDF_BYTES))


@translation.override("en")
def test_an_empty_or_over_size_file_is_refused(monkeypatch):
    with pytest.raises(ValidationError, match="empty"):
        filetypes.check_upload(SimpleUploadedFile("raport.pdf", b""))
    monkeypatch.setattr(filetypes, "MAX_BYTES", 100)
    with pytest.raises(ValidationError, match="too large"):
        filetypes.check_upload(SimpleUploadedFile("raport.pdf", PDF_BYTES + b"x" * 200))
