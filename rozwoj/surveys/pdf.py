"""The PDF report of a questionnaire's results (WeasyPrint, like the events' documents)."""

from django.conf import settings
from django.template.loader import render_to_string


def html_to_pdf(html: str) -> bytes:
    import weasyprint  # imported lazily: loading pango is slow and only PDFs need it

    return weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def report_pdf(context: dict) -> bytes:
    return html_to_pdf(render_to_string("surveys/results/report_pdf.html", context))
