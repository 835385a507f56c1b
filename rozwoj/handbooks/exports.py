"""The handbook as PDF (WeasyPrint, with a table of contents and page numbers) and as DOCX (python-docx).

Both read the chapters part by part in a fixed number of queries and report their progress chapter by chapter
through `progress(done)`, which the background work records for the export's page. Markdown is turned into HTML
by the project's sanitising renderer; the DOCX gets headings, paragraphs and list items from the same text.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from rozwoj.core.markup import render_markdown

from .models import LANGUAGES, MASTER_LANGUAGE, Chapter, Handbook, HandbookExport, Part, Translation

LANGUAGE_NAMES = dict(LANGUAGES)


@dataclass
class Entry:
    anchor: str
    part: str
    title: str
    body: str
    language: str
    outdated: bool
    organisation: str


def export_filename(export: HandbookExport) -> str:
    return f"handbook-{export.handbook_id}-{export.language or 'all'}.{export.format}"


def _entries(handbook: Handbook, language: str) -> list[tuple[str, list[Entry]]]:
    """(language, entries) for each language asked: the English master, or each translation that exists."""
    languages = [language] if language else [code for code, _name in LANGUAGES]
    parts = list(
        Part.objects.filter(handbook=handbook)
        .order_by("order", "pk")
        .prefetch_related(
            Prefetch(
                "chapters",
                queryset=Chapter.objects.select_related("author_organisation")
                .prefetch_related("translations")
                .order_by("order", "pk"),
            )
        )
    )
    result = []
    for code in languages:
        entries = []
        for part in parts:
            for chapter in part.chapters.all():
                if code == MASTER_LANGUAGE:
                    title, body, outdated = chapter.title, chapter.body, False
                else:
                    translation: Translation | None = next(
                        (t for t in chapter.translations.all() if t.language == code), None
                    )
                    if translation is None:
                        continue
                    title, body = translation.title, translation.body
                    outdated = chapter.revision > translation.master_revision
                entries.append(
                    Entry(
                        f"{code}-{chapter.pk}",
                        part.title,
                        title,
                        body,
                        code,
                        outdated,
                        chapter.author_organisation.name,
                    )
                )
        result.append((code, entries))
    return result


def handbook_pdf(
    handbook: Handbook, language: str, progress: Callable[[int], None] = lambda done: None
) -> bytes:
    import weasyprint  # imported lazily: loading pango is slow and only PDFs need it

    groups = []
    done = 0
    for code, entries in _entries(handbook, language):
        rendered = []
        for entry in entries:
            rendered.append((entry, render_markdown(entry.body)))
            done += 1
            if done % 10 == 0:
                progress(done)
        groups.append({"language": code, "language_name": LANGUAGE_NAMES[code], "chapters": rendered})
    html = render_to_string("handbooks/export_pdf.html", {"handbook": handbook, "groups": groups})
    pdf = weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    progress(done)
    return pdf


_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")


def _plain(text: str) -> str:
    return re.sub(r"[*_`]", "", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text))


def _docx_body(document, body: str) -> None:
    """Headings, list items and paragraphs of a Markdown text (the DOCX keeps the structure, not every mark)."""
    for block in re.split(r"\n\s*\n", body.replace("\r\n", "\n")):
        paragraph: list[str] = []
        for line in block.strip().split("\n"):
            heading, item = _HEADING.match(line), _ITEM.match(line)
            if (heading or item) and paragraph:
                document.add_paragraph(_plain(" ".join(paragraph)))
                paragraph = []
            if heading:
                document.add_heading(_plain(heading.group(2)), level=min(len(heading.group(1)) + 1, 9))
            elif item:
                document.add_paragraph(_plain(item.group(1)), style="List Bullet")
            elif line.strip():
                paragraph.append(line.strip())
        if paragraph:
            document.add_paragraph(_plain(" ".join(paragraph)))


def handbook_docx(
    handbook: Handbook, language: str, progress: Callable[[int], None] = lambda done: None
) -> bytes:
    import docx  # python-docx

    document = docx.Document()
    document.core_properties.title = handbook.title
    document.add_heading(handbook.title, level=0)
    done = 0
    for code, entries in _entries(handbook, language):
        document.add_heading(LANGUAGE_NAMES[code], level=1)
        document.add_paragraph(_("Contents"), style="Heading 2")
        for entry in entries:
            document.add_paragraph(entry.title, style="List Number")
        current_part = None
        for entry in entries:
            if entry.part != current_part:
                current_part = entry.part
                document.add_heading(entry.part, level=1)
            document.add_heading(entry.title, level=2)
            note = entry.organisation
            if entry.outdated:
                note += " — " + _("this translation does not follow the latest English text")
            document.add_paragraph().add_run(note).italic = True
            _docx_body(document, entry.body)
            done += 1
            if done % 10 == 0:
                progress(done)
    buffer = io.BytesIO()
    document.save(buffer)
    progress(done)
    return buffer.getvalue()
