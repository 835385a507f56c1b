"""Documents for tests, with small but real files of every accepted type (and files that lie)."""

import io
import zipfile

import factory
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from rozwoj.documents.models import Category, Document, DocumentVersion, FileType, Visibility

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def zip_bytes(entries: dict[str, bytes], *, stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if stored_first:
            archive.writestr(zipfile.ZipInfo(stored_first), entries.pop(stored_first))
        for name, content in entries.items():
            archive.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


def xlsx_bytes() -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})


def odf_bytes(mimetype: str) -> bytes:
    return zip_bytes(
        {"mimetype": mimetype.encode(), "content.xml": b"<office:document-content/>"}, stored_first="mimetype"
    )


def odt_bytes() -> bytes:
    return odf_bytes("application/vnd.oasis.opendocument.text")


def ods_bytes() -> bytes:
    return odf_bytes("application/vnd.oasis.opendocument.spreadsheet")


FILES = {
    FileType.PDF: ("raport.pdf", lambda: PDF_BYTES),
    FileType.DOCX: ("raport.docx", docx_bytes),
    FileType.XLSX: ("dane.xlsx", xlsx_bytes),
    FileType.ODT: ("raport.odt", odt_bytes),
    FileType.ODS: ("dane.ods", ods_bytes),
}


def upload(file_type: str = FileType.PDF, name: str | None = None, content: bytes | None = None):
    default_name, make = FILES[file_type]
    return SimpleUploadedFile(name or default_name, make() if content is None else content)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name_pl = factory.Sequence(lambda n: f"Kategoria {n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")


class DocumentFactory(factory.django.DjangoModelFactory):
    """A document with one PDF version (its current one)."""

    class Meta:
        model = Document
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Dokument {n}")
    description = "Opis dokumentu."
    visibility = Visibility.PUBLIC

    @factory.post_generation
    def version(self, create, extracted, **kwargs):
        if not create:
            return
        version = DocumentVersion(
            document=self, number=1, filename="dokument.pdf", file_type=FileType.PDF, size=len(PDF_BYTES)
        )
        version.file.save("dokument.pdf", ContentFile(PDF_BYTES), save=False)
        version.save()
        self.current_version = version
        self.save(update_fields=["current_version"])
