import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404

from rozwoj.core.files import (
    PrivateUploadTo,
    file_response,
    rename_guessable_files,
    safe_filename,
    stored_filename,
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Program szkolenia.pdf", "Program_szkolenia.pdf"),
        ("Łódź – plan zajęć.DOCX", "Łódź_plan_zajęć.docx"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\ania\\lista.xlsx", "lista.xlsx"),
        (".htaccess", "htaccess"),
        ('a"b;c\r\nd<e>.html', "a_b_c_d_e.html"),
        ("x\x00y.pdf", "x_y.pdf"),
        ("", "file"),
        ("...", "file"),
        ("a" * 300 + ".pdf", "a" * 80 + ".pdf"),
    ],
)
def test_safe_filename_keeps_a_readable_name_and_nothing_dangerous(name, expected):
    assert safe_filename(name) == expected


def test_stored_names_have_an_unguessable_part_and_keep_the_original_name():
    upload_to = PrivateUploadTo("events/attendance-lists")
    names = {upload_to(None, "lista obecności.pdf") for _ in range(50)}
    assert len(names) == 50
    for name in names:
        prefix, token, readable = name.split("/")[1:]
        assert prefix == "attendance-lists"
        assert re.fullmatch(r"[A-Za-z0-9_-]{32}", token)
        assert readable == "lista_obecności.pdf"
        assert upload_to.is_private(name)
    assert not upload_to.is_private("events/attendance-lists/2026/03/lista.pdf")


class _Stored:
    """A stored file as a FieldFile would give it."""

    def __init__(self, name, content=b"data"):
        self.name = default_storage.save(name, ContentFile(content))

    def open(self, mode="rb"):
        return default_storage.open(self.name, mode)


@pytest.mark.parametrize(
    ("content_type", "inline", "disposition"),
    [
        ("image/png", True, "inline"),
        ("application/pdf", True, "inline"),
        ("application/pdf", False, "attachment"),
        ("image/svg+xml", True, "attachment"),
        ("text/html", True, "attachment"),
        ("text/plain; charset=utf-8", True, "attachment"),
        ("", True, "attachment"),
    ],
)
def test_only_images_and_pdfs_are_shown_inline_and_nothing_is_sniffed(content_type, inline, disposition):
    response = file_response(
        _Stored("x/plik.bin"), filename="plik.bin", content_type=content_type, inline=inline
    )
    assert response["Content-Disposition"].split(";")[0] == disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private"
    if disposition == "attachment":
        assert "sandbox" in response["Content-Security-Policy"]


def test_a_file_missing_from_the_storage_is_404():
    class Missing:
        name = "x/none.pdf"

        def open(self, mode="rb"):
            return default_storage.open(self.name, mode)

    with pytest.raises(Http404):
        file_response(Missing(), filename="none.pdf", content_type="application/pdf")


def test_download_name_is_the_stored_original_name():
    stored = _Stored(PrivateUploadTo("events/attachments")(None, "Plan zajęć.pdf"))
    assert stored_filename(stored) == "Plan_zajęć.pdf"
    response = file_response(stored, filename=stored_filename(stored), content_type="application/pdf")
    assert "filename*=utf-8''Plan_zaj%C4%99%C4%87.pdf" in response["Content-Disposition"]


@pytest.mark.django_db
def test_files_stored_under_guessable_names_are_moved_and_keep_their_content():
    from rozwoj.events.models import EventAttachment, EventPhoto
    from rozwoj.events.tests.factories import EventFactory, png_bytes

    event = EventFactory()
    old_name = default_storage.save("events/attachments/2026/03/program.pdf", ContentFile(b"%PDF-1.4 old"))
    attachment = EventAttachment.objects.create(
        event=event, title="Program", file=old_name, size=12, content_type="application/pdf"
    )
    photo = EventPhoto.objects.create(
        event=event, image=ContentFile(png_bytes(), name="grupa.png"), alt_text="x"
    )
    EventAttachment.objects.create(
        event=event,
        title="Zgubiony",
        file="events/attachments/2025/01/zgubiony.pdf",
        size=1,
        content_type="x",
    )

    assert len(rename_guessable_files(dry_run=True).moved) == 1
    assert default_storage.exists(old_name)

    result = rename_guessable_files()

    attachment.refresh_from_db()
    assert result.missing == ["events/attachments/2025/01/zgubiony.pdf"]
    assert result.moved == [(old_name, attachment.file.name)]
    assert PrivateUploadTo("events/attachments").is_private(attachment.file.name)
    assert attachment.file.name.endswith("/program.pdf")
    assert attachment.file.read() == b"%PDF-1.4 old"
    assert not default_storage.exists(old_name)
    photo_name = photo.image.name
    photo.refresh_from_db()
    assert photo.image.name == photo_name  # already private: left alone
    assert rename_guessable_files().moved == []
