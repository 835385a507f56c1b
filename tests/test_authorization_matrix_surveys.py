"""The authorisation policy of questionnaires: every page, action and API operation for every role.

Coordinators (and administrators) build and read everything; experts build and read their own questionnaires
and may open and copy the templates; respondents reach a questionnaire through their personal link or a public
link and see only their own answers; nobody reads identities of anonymous responses.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from rozwoj.surveys.models import Invitation, Response, ResultsExport
from rozwoj.surveys.services.distribution import distribution_public_link, distribution_to_people
from rozwoj.surveys.services.responding import Respondent, response_submit
from rozwoj.surveys.tests import results_world
from rozwoj.surveys.tests.factories import QuestionnaireFactory, good_answers, training_feedback

from .authorization import (
    FORBIDDEN,
    LOGGED_IN,
    LOGIN,
    NOT_FOUND,
    OK,
    UNAUTHORISED,
    matrix_tests,
    row,
    text_of,
)

EVERYONE_OK = row(OK, OK, OK, OK, OK, OK, OK, OK, OK)
BUILDERS = row(LOGIN, OK, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK)
# A coordinator's questionnaire: invisible (404) to everyone but coordinators and administrators.
STAFF_ONLY = row(LOGIN, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
# The world's expert owns a questionnaire: theirs and the staff's.
OWNER_AND_STAFF = row(LOGIN, OK, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
# A template: every builder reads it; only the staff change it.
TEMPLATE_READ = row(LOGIN, OK, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK)
TEMPLATE_CHANGE = row(LOGIN, OK, OK, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, FORBIDDEN)
DONE = 302
STAFF_DO = row(LOGIN, DONE, DONE, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
OWNER_AND_STAFF_DO = row(LOGIN, DONE, DONE, DONE, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
API_STAFF_ONLY = row(UNAUTHORISED, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
API_LOGGED_IN = row(UNAUTHORISED, OK, OK, OK, OK, OK, OK, OK, OK)


@pytest.fixture
def surveys(world):
    users = world["users"]
    coordinator = users["coordinator"]
    named = training_feedback(coordinator, anonymity="named")
    anonymous = training_feedback(coordinator, anonymity="anonymous")
    own = training_feedback(users["expert"])
    template = QuestionnaireFactory(is_template=True, title={"pl": "Szablon", "en": "Template"})
    lg_person = users["lg_member"].person
    for questionnaire in (named, anonymous):
        distribution_to_people(questionnaire, [lg_person], None, "Matrix", "", coordinator)
        invitation = Invitation.objects.get(person=lg_person, wave__questionnaire=questionnaire)
        response_submit(
            questionnaire=questionnaire,
            wave=invitation.wave,
            respondent=Respondent(invitation=invitation),
            language="pl",
            data=good_answers(),
        )
    waiting = training_feedback(coordinator)
    distribution_to_people(waiting, [lg_person], None, "Matrix", "", coordinator)
    return {
        "world": world,
        "named": named,
        "anonymous": anonymous,
        "own": own,
        "template": template,
        "section": named.sections.get(),
        "question": named.questions.get(code="q5"),
        "own_question": own.questions.get(code="q5"),
        "named_response": Response.objects.get(questionnaire=named),
        "anonymous_response": Response.objects.get(questionnaire=anonymous),
        "invitation": Invitation.objects.get(wave__questionnaire=waiting),
        "public": distribution_public_link(actor=coordinator, questionnaire=waiting),
    }


def _u(name, *args):
    return reverse(f"surveys:{name}", args=args)


PAGES = {
    "questionnaire list": (lambda s: _u("list"), BUILDERS),
    "questionnaire create": (lambda s: _u("create"), BUILDERS),
    "builder": (lambda s: _u("builder", s["named"].pk), STAFF_ONLY),
    "builder of an expert's own": (lambda s: _u("builder", s["own"].pk), OWNER_AND_STAFF),
    "builder of a template": (lambda s: _u("builder", s["template"].pk), TEMPLATE_READ),
    "settings": (lambda s: _u("edit", s["named"].pk), STAFF_ONLY),
    "settings of an expert's own": (lambda s: _u("edit", s["own"].pk), OWNER_AND_STAFF),
    "settings of a template": (lambda s: _u("edit", s["template"].pk), TEMPLATE_CHANGE),
    "preview": (lambda s: _u("preview", s["named"].pk), STAFF_ONLY),
    "preview of a template": (lambda s: _u("preview", s["template"].pk), TEMPLATE_READ),
    "section create": (lambda s: _u("section_create", s["named"].pk), STAFF_ONLY),
    "section edit": (lambda s: _u("section_edit", s["named"].pk, s["section"].pk), STAFF_ONLY),
    "question create": (lambda s: _u("question_create", s["named"].pk), STAFF_ONLY),
    "question edit": (lambda s: _u("question_edit", s["named"].pk, s["question"].pk), STAFF_ONLY),
    "question edit of an expert's own": (
        lambda s: _u("question_edit", s["own"].pk, s["own_question"].pk),
        OWNER_AND_STAFF,
    ),
    "wave create": (lambda s: _u("wave_create", s["named"].pk), STAFF_ONLY),
    "send and response rate": (lambda s: _u("distributions", s["named"].pk), STAFF_ONLY),
    "my questionnaires": (lambda s: _u("mine"), LOGGED_IN),
    "answer by personal link": (lambda s: _u("respond", s["invitation"].token), EVERYONE_OK),
    "answer by public link": (lambda s: _u("respond_public", s["public"].public_token), EVERYONE_OK),
    "thanks": (lambda s: _u("thanks"), EVERYONE_OK),
    "my own named response": (
        lambda s: _u("my_response", s["named_response"].pk),
        row(LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "an anonymous response (nobody's)": (
        lambda s: _u("my_response", s["anonymous_response"].pk),
        row(LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
}

ACTIONS = {
    "open": ("POST", lambda s: _u("open", s["named"].pk), None, STAFF_DO),
    "close": ("POST", lambda s: _u("close", s["named"].pk), None, STAFF_DO),
    "close an expert's own": ("POST", lambda s: _u("close", s["own"].pk), None, OWNER_AND_STAFF_DO),
    "duplicate": (
        "POST",
        lambda s: _u("duplicate", s["named"].pk),
        None,
        row(LOGIN, DONE, DONE, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND),
    ),
    "copy a template": (
        "POST",
        lambda s: _u("duplicate", s["template"].pk),
        None,
        row(LOGIN, DONE, DONE, DONE, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, DONE),
    ),
    "move a section": (
        "POST",
        lambda s: _u("section_move", s["named"].pk, s["section"].pk),
        {"direction": "down"},
        STAFF_DO,
    ),
    "delete a section": (
        "POST",
        lambda s: _u("section_delete", s["named"].pk, s["section"].pk),
        None,
        STAFF_DO,
    ),
    "move a question": (
        "POST",
        lambda s: _u("question_move", s["named"].pk, s["question"].pk),
        {"direction": "up"},
        STAFF_DO,
    ),
    "remove a question": (
        "POST",
        lambda s: _u("question_delete", s["named"].pk, s["question"].pk),
        None,
        STAFF_DO,
    ),
}

API = {
    "questionnaire list": (
        lambda s: "/api/v1/surveys/questionnaires",
        row(UNAUTHORISED, OK, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    ),
    "questionnaire": (lambda s: f"/api/v1/surveys/questionnaires/{s['named'].pk}", API_STAFF_ONLY),
    "an expert's own questionnaire": (
        lambda s: f"/api/v1/surveys/questionnaires/{s['own'].pk}",
        row(UNAUTHORISED, OK, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "distributions": (
        lambda s: f"/api/v1/surveys/questionnaires/{s['named'].pk}/distributions",
        API_STAFF_ONLY,
    ),
    "response rate": (
        lambda s: f"/api/v1/surveys/questionnaires/{s['named'].pk}/response-rate",
        API_STAFF_ONLY,
    ),
    "responses": (lambda s: f"/api/v1/surveys/questionnaires/{s['anonymous'].pk}/responses", API_STAFF_ONLY),
    "my invitations": (lambda s: "/api/v1/surveys/me/invitations", API_LOGGED_IN),
    "my responses": (lambda s: "/api/v1/surveys/me/responses", API_LOGGED_IN),
}

API_ACTIONS = {
    "send to people": (
        "POST",
        lambda s: f"/api/v1/surveys/questionnaires/{s['named'].pk}/distributions",
        {"kind": "public_link"},
        row(UNAUTHORISED, 201, 201, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "answer by personal link": (
        "POST",
        lambda s: f"/api/v1/surveys/invitations/{s['invitation'].token}/response",
        {"answers": good_answers()},
        # The token is the credential: whoever holds it answers, once.
        row(201, 201, 201, 201, 201, 201, 201, 201, 201),
    ),
}


globals().update(
    matrix_tests("surveys", pages=PAGES, actions=ACTIONS, api=API, api_actions=API_ACTIONS, prefix="survey_")
)


def test_nobody_reads_who_gave_an_anonymous_response_administrators_included(client, surveys):
    """Every exit this app owns, for the administrator: builder, sending page, API of responses and rate."""
    person = surveys["world"]["users"]["lg_member"].person
    anonymous = surveys["anonymous"]
    client.force_login(surveys["world"]["users"]["administrator"])
    for url in (
        _u("builder", anonymous.pk),
        _u("distributions", anonymous.pk),
        f"/api/v1/surveys/questionnaires/{anonymous.pk}/responses",
        f"/api/v1/surveys/questionnaires/{anonymous.pk}/distributions",
        f"/api/v1/surveys/questionnaires/{anonymous.pk}",
    ):
        body = text_of(client.get(url))
        assert person.last_name not in body, url
        assert person.email not in body, url
        assert f'"person_id": {person.pk}' not in body, url
    rows = client.get(f"/api/v1/surveys/questionnaires/{anonymous.pk}/responses").json()["items"]
    assert rows
    assert all(row["person_id"] is None and row["submitted_on"] is None for row in rows)
    assert all(row["organisation_kind"] is None for row in rows)
    named_rows = client.get(f"/api/v1/surveys/questionnaires/{surveys['named'].pk}/responses").json()["items"]
    assert named_rows[0]["person_id"] == person.pk
    # The respondent cannot find their own anonymous response either: nothing ties it to them.
    client.force_login(surveys["world"]["users"]["lg_member"])
    mine = client.get("/api/v1/surveys/me/responses").json()
    assert [row["id"] for row in mine] == [str(surveys["named_response"].pk)]
    assert str(surveys["anonymous_response"].pk) not in text_of(client.get(_u("mine")))


# --- Results (pages, exports, report, API) -----------------------------------------------------------------
# Coordinators and administrators read every questionnaire's results; an expert those of the questionnaires they
# own; to everybody else the questionnaire does not exist.


@pytest.fixture
def results_questionnaires(world):
    owned = results_world.questionnaire(waves=2, owner=world["users"]["expert"])
    other = results_world.questionnaire()
    export = ResultsExport.objects.create(questionnaire=owned, language="pl", ready_at=timezone.now())
    export.file.save("responses.xlsx", ContentFile(b"PK"))
    return {"owned": owned, "other": other, "export": export}


def _results_url(name, key, *args):
    return lambda q: reverse(f"surveys:{name}", args=[q[key].pk, *args])


RESULTS_PAGES = {
    "results": (_results_url("results", "owned"), OWNER_AND_STAFF),
    "before and after": (_results_url("results_changes", "owned"), OWNER_AND_STAFF),
    "export XLSX": (_results_url("results_export", "owned", "xlsx"), OWNER_AND_STAFF),
    "export CSV": (_results_url("results_export", "owned", "csv"), OWNER_AND_STAFF),
    "export SPSS": (_results_url("results_export", "owned", "sav"), OWNER_AND_STAFF),
    "PDF report": (_results_url("results_report", "owned"), OWNER_AND_STAFF),
    "exports prepared in the background": (_results_url("results_exports", "owned"), OWNER_AND_STAFF),
    "a prepared export's file": (_results_url("results_export_file", "export"), OWNER_AND_STAFF),
    "results of a questionnaire the expert does not own": (_results_url("results", "other"), STAFF_ONLY),
    "export of a questionnaire the expert does not own": (
        _results_url("results_export", "other", "csv"),
        STAFF_ONLY,
    ),
}

RESULTS_ACTIONS = {
    "ask for an XLSX of all responses": (
        "POST",
        _results_url("results_exports", "owned"),
        {"mode": "codes"},
        OWNER_AND_STAFF_DO,
    ),
    "ask for an XLSX of a questionnaire the expert does not own": (
        "POST",
        _results_url("results_exports", "other"),
        {"mode": "codes"},
        STAFF_DO,
    ),
}

RESULTS_API = {
    "results": (
        lambda q: f"/api/v1/surveys/questionnaires/{q['owned'].pk}/results",
        row(UNAUTHORISED, OK, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "results of a questionnaire the expert does not own": (
        lambda q: f"/api/v1/surveys/questionnaires/{q['other'].pk}/results",
        API_STAFF_ONLY,
    ),
    "values of the results' filters": (
        lambda q: f"/api/v1/surveys/questionnaires/{q['owned'].pk}/results/filters",
        row(UNAUTHORISED, OK, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "filters of a questionnaire the expert does not own": (
        lambda q: f"/api/v1/surveys/questionnaires/{q['other'].pk}/results/filters",
        API_STAFF_ONLY,
    ),
    "before and after": (
        lambda q: "/api/v1/surveys/questionnaires/{}/results/changes?before={}&after={}".format(
            q["owned"].pk, *q["owned"].waves.order_by("order").values_list("pk", flat=True)
        ),
        row(UNAUTHORISED, OK, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
}


globals().update(
    matrix_tests(
        "results_questionnaires",
        pages=RESULTS_PAGES,
        actions=RESULTS_ACTIONS,
        api=RESULTS_API,
        prefix="results_",
    )
)

# --- End of results ------------------------------------------------------------------------------------------
