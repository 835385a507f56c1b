"""The workspace pages: what each page shows, their query budgets (the same for few and many rows), bad input
answered with a message and nothing written, and the exports (PDF, DOCX, XLSX)."""

import io

import pytest
from django.urls import reverse

from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.core.testing import assert_page, pdf_text
from rozwoj.organisations.tests.factories import OrganisationFactory
from rozwoj.people.tests.factories import person_with_login
from rozwoj.programmes.tests.factories import ProgrammeFactory

from ..models import MeetingParticipant, PartnerReport, Quotation, Synthesis
from .factories import TEXTS, costing, participant, partner_of, period_for, report_for, transnational_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def space():
    programme = ProgrammeFactory(name="Coaching in the public sector")
    lspa = OrganisationFactory(name="LSPA", country="LV")
    partner_of(programme, lspa)
    period = period_for(programme)
    meeting = transnational_meeting(programme, title="Second transnational meeting")
    return {
        "programme": programme,
        "lspa": lspa,
        "period": period,
        "own": report_for(period, lspa, filled=False),
        "meeting": meeting,
        "costing": costing(meeting),
        "member": person_with_login("partner_member", organisation=lspa).user,
        "coordinator": user_with_role("coordinator"),
    }


def _grow(space, count, start=0):
    """`count` more partners, each with a submitted report quoted in the synthesis and a meeting participant."""
    synthesis, _ = Synthesis.objects.get_or_create(period=space["period"])
    for number in range(start, start + count):
        organisation = OrganisationFactory(name=f"Partner {number}", country="GR")
        partner_of(space["programme"], organisation)
        report = report_for(space["period"], organisation, status="submitted", figures={"sessions": number})
        Quotation.objects.create(
            synthesis=synthesis, report=report, section="observations", text="delegate more"
        )
        participant(space["costing"], organisation, name=f"Participant {number}")


PAGES = [
    ("partnerships:workspace", "programme", 10),
    ("partnerships:period", "period", 10),
    ("partnerships:synthesis", "period", 12),
    ("partnerships:meeting_costs", "meeting", 12),
]


@pytest.mark.parametrize(("name", "key", "budget"), PAGES)
def test_pages_stay_within_their_budget_for_few_and_many_rows(client, space, name, key, budget):
    client.force_login(space["coordinator"])
    url = reverse(name, args=[space[key].pk])
    _grow(space, 2)
    assert_page(client, url, queries=budget)
    _grow(space, 20, start=2)
    assert_page(client, url, queries=budget)


def test_report_page_within_budget(client, space):
    client.force_login(space["member"])
    assert_page(
        client,
        reverse("partnerships:report", args=[space["own"].pk]),
        queries=12,
        template="partnerships/report.html",
        contains="Dane grup pilotażowych",
    )


def test_the_hours_read_with_the_reader_s_decimal_separator(client, space):
    """The figures keep the hours as a decimal string; the Polish pages show them with a decimal comma."""
    report = report_for(
        space["period"],
        OrganisationFactory(name="SiP", country="GR"),
        status="submitted",
        figures={"hours": "1.50"},
    )
    client.force_login(space["coordinator"])
    for url in (
        reverse("partnerships:report", args=[report.pk]),
        reverse("partnerships:synthesis", args=[space["period"].pk]),
    ):
        page = client.get(url).content.decode()
        assert ">1,50</" in page
        assert "1.50" not in page


def test_the_partner_writes_and_submits_and_a_missing_section_is_named(client, space):
    client.force_login(space["member"])
    url = reverse("partnerships:report_edit", args=[space["own"].pk])
    data = {**TEXTS, "recommendations": ""}
    response = client.post(url, {**data, "submit": "1"})
    assert response.status_code == 400
    assert "Napisz tę część przed złożeniem sprawozdania." in response.content.decode()
    space["own"].refresh_from_db()
    assert space["own"].status == "draft"
    assert client.post(url, {**TEXTS, "submit": "1"}).status_code == 302
    space["own"].refresh_from_db()
    assert space["own"].status == "submitted"


def test_bad_input_is_a_message_and_nothing_is_written(client, space):
    client.force_login(space["coordinator"])
    before = PartnerReport.objects.count()
    response = client.post(
        reverse("partnerships:period_create", args=[space["programme"].pk]),
        {"title": "X", "starts_on": "2021-05-01", "ends_on": "2021-01-01", "due_on": "31-31-2021"},
    )
    assert response.status_code == 400
    assert PartnerReport.objects.count() == before
    response = client.post(
        reverse("partnerships:participant_add", args=[space["meeting"].pk]),
        {"organisation": space["lspa"].pk, "name": "A" * 500, "sending_city": "Rīga", "band": "5000_km"},
    )
    assert response.status_code == 400
    assert not MeetingParticipant.objects.filter(sending_city="Rīga").exists()
    response = client.post(
        reverse("partnerships:call_create"),
        {"name": "Bad", "amount_100_1999": "-5", "amount_2000_plus": "1e40"},
    )
    assert response.status_code == 400
    response = client.post(
        reverse("partnerships:report_return", args=[space["own"].pk]), {"text": ""}
    )  # a draft, and no text
    assert response.status_code == 400
    assert (
        client.get(reverse("partnerships:synthesis_export", args=[space["period"].pk, "exe"])).status_code
        == 404
    )


def test_the_synthesis_exports_carry_the_table_and_the_linked_quotations(client, space):
    _grow(space, 1)
    client.force_login(space["coordinator"])
    pdf = client.get(reverse("partnerships:synthesis_export", args=[space["period"].pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert "Partner 0" in text
    assert "delegate more" in text
    docx_response = client.get(reverse("partnerships:synthesis_export", args=[space["period"].pk, "docx"]))
    import docx

    document = docx.Document(io.BytesIO(docx_response.content))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert "“delegate more”" in paragraphs
    assert "#section-observations" in paragraphs
    assert document.tables[0].rows[0].cells[1].text.startswith("Partner 0")


def test_the_participant_list_and_the_cost_table_download(client, space):
    participant(space["costing"], space["lspa"], name="Inese Kalniņa", city="Rīga")
    client.force_login(space["coordinator"])
    pdf = client.get(reverse("partnerships:participant_list", args=[space["meeting"].pk]))
    text = pdf_text(pdf.content)
    assert "Inese Kalniņa" in text
    assert "LSPA" in text
    csv = client.get(reverse("partnerships:meeting_costs_export", args=[space["meeting"].pk, "csv"]))
    body = b"".join(csv.streaming_content if csv.streaming else [csv.content]).decode()
    assert "575" in body
