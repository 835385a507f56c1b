"""Helpers shared by the test suites of every app (imported by tests only)."""

import io


def pdf_text(data: bytes) -> str:
    """The text of a generated PDF with white space folded, so that a line wrapped by the layout still matches."""
    from pypdf import PdfReader  # a test dependency

    assert data.startswith(b"%PDF"), "not a PDF"
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())
