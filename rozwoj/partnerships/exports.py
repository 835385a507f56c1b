"""Documents of the partnership: the synthesis in PDF (WeasyPrint) and DOCX (python-docx), the meeting's cost
table for the Erasmus+ Beneficiary Module, and the participant list for signatures (PDF)."""

import io

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from .selectors.pages import CostTable, SynthesisView, meeting_agenda


def html_to_pdf(html: str) -> bytes:
    import weasyprint  # imported lazily: loading pango is slow and only PDFs need it

    return weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def _source_url(request, quotation) -> str:
    path = reverse("partnerships:report", args=[quotation.report_id]) + f"#section-{quotation.section}"
    return request.build_absolute_uri(path) if request is not None else path


def synthesis_context(view: SynthesisView, request=None) -> dict:
    sections = [
        {
            **section,
            "quotations": [
                {"quotation": q, "source": _source_url(request, q)} for q in section["quotations"]
            ],
        }
        for section in view.sections
    ]
    return {"view": view, "period": view.period, "programme": view.period.programme, "sections": sections}


def synthesis_pdf(view: SynthesisView, request=None) -> bytes:
    return html_to_pdf(render_to_string("partnerships/synthesis_pdf.html", synthesis_context(view, request)))


def _docx_paragraphs(document, heading: str, text: str) -> None:
    if not text:
        return
    document.add_heading(heading, level=1)
    for paragraph in text.split("\n\n"):
        document.add_paragraph(paragraph.strip())


def _docx_table(document, view: SynthesisView) -> None:
    table = document.add_table(rows=1, cols=len(view.reports) + 1)
    table.style = "Table Grid"
    for index, report in enumerate(view.reports, start=1):
        organisation = report.organisation
        country = organisation.country.name if organisation.country else ""
        table.rows[0].cells[index].text = f"{organisation.name} ({country})" if country else organisation.name
    for row in view.rows:
        cells = table.add_row().cells
        cells[0].text = str(row["label"])
        for index, value in enumerate(row["values"], start=1):
            cells[index].text = str(value) if value not in ("", None) else "—"


def synthesis_docx(view: SynthesisView, request=None) -> bytes:
    """The synthesis as a Word document: introduction, the side-by-side table, quotations by section with the
    address of their source section, conclusions."""
    import docx  # python-docx

    document = docx.Document()
    period = view.period
    document.add_heading(_("Synthesis: %(period)s") % {"period": period.title}, level=0)
    document.add_paragraph(
        f"{period.programme.name} · {formats.date_format(period.starts_on)} – {formats.date_format(period.ends_on)}"
    )
    synthesis = view.synthesis
    _docx_paragraphs(document, _("Introduction"), synthesis.introduction if synthesis else "")
    document.add_heading(_("Figures by country"), level=1)
    _docx_table(document, view)
    for section in synthesis_context(view, request)["sections"]:
        if not section["quotations"]:
            continue
        document.add_heading(str(section["label"]), level=1)
        for item in section["quotations"]:
            quotation = item["quotation"]
            document.add_paragraph(f"“{quotation.text}”", style="Intense Quote")
            document.add_paragraph(f"— {quotation.report.organisation.name}: {item['source']}")
    _docx_paragraphs(document, _("Conclusions"), synthesis.conclusions if synthesis else "")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def cost_rows(table: CostTable):
    """Rows for the Beneficiary Module: meeting, dates, venue, organisation, country, band, participants, unit
    cost, amount; a last row with the total."""
    header = [
        _("Meeting"),
        _("Start date"),
        _("End date"),
        _("Venue"),
        _("Sending organisation"),
        _("Country"),
        _("Distance band"),
        _("Participants who travelled"),
        _("Unit cost (EUR)"),
        _("Amount (EUR)"),
    ]
    rows = [
        [
            table.event.title,
            table.first_day,
            table.last_day,
            table.venue,
            row.organisation,
            row.country,
            row.band_label,
            row.participants,
            row.unit_cost,
            row.amount,
        ]
        for row in table.rows
    ]
    rows.append(
        [
            table.event.title,
            table.first_day,
            table.last_day,
            table.venue,
            _("Total"),
            "",
            "",
            "",
            "",
            table.total,
        ]
    )
    return header, rows


def participant_list_pdf(table: CostTable) -> bytes:
    html = render_to_string(
        "partnerships/participants_pdf.html",
        {"table": table, "event": table.event, "agenda": meeting_agenda(table.event)},
    )
    return html_to_pdf(html)
