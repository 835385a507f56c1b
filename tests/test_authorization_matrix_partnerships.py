"""The authorisation policy of the partnership workspace: every page, action and API operation for every role.

The partner member works for an organisation that is a partner of the programme: they see its workspace, write
their own organisation's report, read another partner's report once it is submitted (never its draft), and
change nothing else. Coordinators and administrators review, synthesise and keep the meeting costs; nobody else
sees the workspace.
"""

import pytest
from django.urls import reverse

from rozwoj.organisations.tests.factories import OrganisationFactory
from rozwoj.partnerships.models import Quotation, Synthesis
from rozwoj.partnerships.tests.factories import (
    costing,
    participant,
    partner_of,
    period_for,
    report_for,
    transnational_meeting,
)

from .authorization import (
    COORDINATORS,
    FORBIDDEN,
    LOGIN,
    NOT_FOUND,
    OK,
    UNAUTHORISED,
    matrix_tests,
    row,
)

WORKSPACE = row(LOGIN, OK, OK, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND)
HOME = row(LOGIN, OK, OK, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN)
STAFF_CHANGE = row(LOGIN, OK, OK, NOT_FOUND, NOT_FOUND, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND)
OWN_WRITE = row(LOGIN, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND)
STAFF_ONLY_READ = row(LOGIN, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
OTHERS_SUBMITTED_WRITE = row(
    LOGIN, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND
)
DONE = 302
STAFF_DO = row(LOGIN, DONE, DONE, NOT_FOUND, NOT_FOUND, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND)
OWN_DO = row(LOGIN, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND, DONE, NOT_FOUND, NOT_FOUND, NOT_FOUND)
BOTH_DO = row(LOGIN, DONE, DONE, NOT_FOUND, NOT_FOUND, DONE, NOT_FOUND, NOT_FOUND, NOT_FOUND)


@pytest.fixture
def partnership(world):
    users = world["users"]
    programme = world["public_programme"]
    own_org = users["partner_member"].person.memberships.get().organisation
    other_org = OrganisationFactory(name="Society Matrix", country="GR")
    partner_of(programme, own_org)
    partner_of(programme, other_org)
    period = period_for(programme)
    own = report_for(period, own_org)
    other_submitted = report_for(period, other_org, status="submitted")
    other_period = period_for(programme, title="Final report")
    other_draft = report_for(other_period, other_org)
    synthesis = Synthesis.objects.create(period=period, introduction="Three countries.")
    quotation = Quotation.objects.create(
        synthesis=synthesis, report=other_submitted, section="observations", text="Managers delegate more"
    )
    meeting = transnational_meeting(programme)
    meeting_costing = costing(meeting)
    person = participant(meeting_costing, other_org)
    return {
        "world": world,
        "programme": programme,
        "period": period,
        "own": own,
        "other_submitted": other_submitted,
        "other_draft": other_draft,
        "quotation": quotation,
        "meeting": meeting,
        "participant": person,
        "call": meeting_costing.call,
        "own_org": own_org,
    }


def _u(name, *args):
    return reverse(f"partnerships:{name}", args=args)


PAGES = {
    "partnerships": (lambda p: _u("home"), HOME),
    "workspace": (lambda p: _u("workspace", p["programme"].pk), WORKSPACE),
    "set up a period": (lambda p: _u("period_create", p["programme"].pk), COORDINATORS),
    "period": (lambda p: _u("period", p["period"].pk), WORKSPACE),
    "edit a period": (lambda p: _u("period_edit", p["period"].pk), STAFF_CHANGE),
    "own report": (lambda p: _u("report", p["own"].pk), WORKSPACE),
    "another partner's submitted report": (lambda p: _u("report", p["other_submitted"].pk), WORKSPACE),
    "another partner's draft": (lambda p: _u("report", p["other_draft"].pk), STAFF_ONLY_READ),
    "write own report": (lambda p: _u("report_edit", p["own"].pk), OWN_WRITE),
    "write another partner's report": (
        lambda p: _u("report_edit", p["other_submitted"].pk),
        OTHERS_SUBMITTED_WRITE,
    ),
    "synthesis": (lambda p: _u("synthesis", p["period"].pk), WORKSPACE),
    "edit the synthesis": (lambda p: _u("synthesis_edit", p["period"].pk), STAFF_CHANGE),
    "synthesis PDF": (lambda p: _u("synthesis_export", p["period"].pk, "pdf"), WORKSPACE),
    "synthesis DOCX": (lambda p: _u("synthesis_export", p["period"].pk, "docx"), WORKSPACE),
    "meeting costs": (lambda p: _u("meeting_costs", p["meeting"].pk), WORKSPACE),
    "add a participant": (lambda p: _u("participant_add", p["meeting"].pk), STAFF_CHANGE),
    "cost table XLSX": (lambda p: _u("meeting_costs_export", p["meeting"].pk, "xlsx"), WORKSPACE),
    "participant list PDF": (lambda p: _u("participant_list", p["meeting"].pk), WORKSPACE),
    "unit costs": (lambda p: _u("calls"), COORDINATORS),
    "add a call": (lambda p: _u("call_create"), COORDINATORS),
    "edit a call": (lambda p: _u("call_edit", p["call"].pk), COORDINATORS),
}

ACTIONS = {
    "submit own report": ("POST", lambda p: _u("report_submit", p["own"].pk), None, OWN_DO),
    "comment": ("POST", lambda p: _u("report_comment", p["own"].pk), {"text": "Please add dates."}, BOTH_DO),
    "return for changes": (
        "POST",
        lambda p: _u("report_return", p["other_submitted"].pk),
        {"text": "Add the dates."},
        STAFF_DO,
    ),
    "accept": ("POST", lambda p: _u("report_accept", p["other_submitted"].pk), None, STAFF_DO),
    # The body names the submitted report (its id is known only once the fixture made it).
    "quote": (
        "POST",
        lambda p: _u("quotation_add", p["period"].pk),
        lambda p: {"report": p["other_submitted"].pk, "section": "observations", "text": "delegate more"},
        STAFF_DO,
    ),
    "remove a quotation": (
        "POST",
        lambda p: _u("quotation_remove", p["period"].pk, p["quotation"].pk),
        None,
        STAFF_DO,
    ),
    "choose the call": ("POST", lambda p: _u("meeting_call", p["meeting"].pk), {"call": ""}, STAFF_DO),
    "remove a participant": (
        "POST",
        lambda p: _u("participant_remove", p["meeting"].pk, p["participant"].pk),
        None,
        STAFF_DO,
    ),
}

API_READ = row(UNAUTHORISED, OK, OK, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND)
API_LIST = row(UNAUTHORISED, OK, OK, OK, OK, OK, OK, OK, OK)
API_DRAFT = row(UNAUTHORISED, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)

API = {
    "reports": (lambda p: "/api/v1/partnerships/reports", API_LIST),
    "own report": (lambda p: f"/api/v1/partnerships/reports/{p['own'].pk}", API_READ),
    "another partner's draft": (lambda p: f"/api/v1/partnerships/reports/{p['other_draft'].pk}", API_DRAFT),
}

API_OWN_DO = row(
    UNAUTHORISED, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND
)
API_OTHERS_DO = row(
    UNAUTHORISED, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND
)

API_ACTIONS = {
    "write own report": (
        "PATCH",
        lambda p: f"/api/v1/partnerships/reports/{p['own'].pk}",
        {"observations": "More delegation."},
        API_OWN_DO,
    ),
    "write another partner's report": (
        "PATCH",
        lambda p: f"/api/v1/partnerships/reports/{p['other_submitted'].pk}",
        {"observations": "Changed by someone else."},
        API_OTHERS_DO,
    ),
    "submit own report": (
        "POST",
        lambda p: f"/api/v1/partnerships/reports/{p['own'].pk}/submit",
        None,
        API_OWN_DO,
    ),
}


globals().update(
    matrix_tests(
        "partnership", pages=PAGES, actions=ACTIONS, api=API, api_actions=API_ACTIONS, prefix="partnership_"
    )
)


def test_the_report_list_shows_a_partner_its_own_and_the_submitted_ones(client, partnership):
    client.force_login(partnership["world"]["users"]["partner_member"])
    ids = {item["id"] for item in client.get("/api/v1/partnerships/reports").json()["items"]}
    assert partnership["own"].pk in ids
    assert partnership["other_submitted"].pk in ids
    assert partnership["other_draft"].pk not in ids
