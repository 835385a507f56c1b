"""What a file really is, read from its content (never its name): PDF by its signature, OOXML (DOCX, XLSX) by the
zip's `[Content_Types].xml` and main part, ODF (ODT, ODS) by the zip's `mimetype` entry."""

from __future__ import annotations

import os
import zipfile

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .models import CONTENT_TYPES, FileType

MAX_BYTES = 25 * 1024 * 1024
MAX_ZIP_ENTRIES = 10_000
ODF_MIMETYPES = {
    "application/vnd.oasis.opendocument.text": FileType.ODT,
    "application/vnd.oasis.opendocument.spreadsheet": FileType.ODS,
}
OOXML_MAIN_PARTS = {"word/document.xml": FileType.DOCX, "xl/workbook.xml": FileType.XLSX}
EXTENSIONS = {t.value: t for t in FileType}
ACCEPT = ",".join(f".{t.value}" for t in FileType) + "," + ",".join(sorted(set(CONTENT_TYPES.values())))


def _zip_type(upload) -> FileType | None:
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                return None
            names = {info.filename for info in infos}
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                return ODF_MIMETYPES.get(mimetype)
            if "[Content_Types].xml" in names:
                for part, kind in OOXML_MAIN_PARTS.items():
                    if part in names:
                        return kind
            return None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, KeyError, EOFError):
        return None
    finally:
        upload.seek(0)


def detect_type(upload) -> FileType | None:
    """The library's type of the content, or None when it is none of them."""
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if head.lstrip(b"\x00\t\n\r \xef\xbb\xbf")[:5] == b"%PDF-":
        return FileType.PDF
    if head[:4] == b"PK\x03\x04":
        return _zip_type(upload)
    return None


def extension_of(name: str) -> str:
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def check_upload(upload) -> FileType:
    """The type of an uploaded file after checking its size and content; ValidationError (translated) when it
    is empty, too large, none of the accepted types, or not what its name says it is."""
    if upload is None:
        raise ValidationError(_("Choose a file."), code="required")
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_BYTES)},
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    extension = extension_of(upload.name)
    claimed = EXTENSIONS.get(extension)
    if claimed is None:
        raise ValidationError(
            _("Files of this type cannot be added; the library takes PDF, DOCX, XLSX, ODT and ODS."),
            code="type",
        )
    actual = detect_type(upload)
    if actual is None:
        raise ValidationError(
            _("The file is not a real %(type)s file: its content is not what its name says.")
            % {"type": claimed.label},
            code="content",
        )
    if actual != claimed:
        raise ValidationError(
            _(
                "The file is named .%(claimed)s but its content is a %(actual)s file; rename it or choose another."
            )
            % {"claimed": extension, "actual": actual.label},
            code="content",
        )
    return actual
