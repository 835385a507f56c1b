"""Schemathesis over the whole OpenAPI document, in-process against the Django application (WSGI), as an
anonymous caller, a local-government member and a coordinator (with a verified second factor, as production
requires): no answer is a 5xx and every answer matches what the document says (status, content type, body).

Bounded: a few examples per operation and role (SCHEMA_TEST_EXAMPLES, default 12), so that the whole test stays
well under a minute on CI. Run it alone with
`.venv/bin/python -m pytest tests/security/test_api_schema.py -q`; raise the bound for a longer probe, e.g.
`SCHEMA_TEST_EXAMPLES=200 .venv/bin/python -m pytest tests/security/test_api_schema.py -q`."""

import datetime
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from rozwoj.accounts.models import ApiToken
from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.people.tests.factories import PersonFactory
from rozwoj.surveys.services.distribution import distribution_public_link, distribution_to_people
from rozwoj.surveys.services.responding import Respondent, response_submit
from rozwoj.surveys.tests.factories import good_answers, training_feedback

from .signin import bearer, give_totp

MAX_EXAMPLES = int(os.environ.get("SCHEMA_TEST_EXAMPLES", "10"))
ROLES = ["anonymous", "lg_member", "coordinator"]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Requests go straight to the WSGI application: like Django's test client, keep it from closing the test's
    database connection (and its transaction) at the end of each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(params=ROLES)
def caller_headers(request, events) -> dict:
    """The headers of one kind of caller, over the authorisation matrices' world (an event with a session and a
    confirmed registration, programmes, organisations, people)."""
    role = request.param
    if role == "anonymous":
        return {}
    user = request.getfixturevalue("world")["users"][role]
    if role == "coordinator":
        give_totp(user)
    _token, raw = ApiToken.issue(user, "schemathesis")
    return bearer(raw)


# Loaded when the module is collected (schemathesis's lazy fixture loader does not work with this pytest); reading
# the document touches no table.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
# A NUL character is refused with 400 before any view (no database text can hold it: tests/security for bad
# input); here the generated text holds none, so that every other answer is checked.
schema.config.generation.update(allow_x00=False)

# Schema-valid requests that the service may still refuse by the state of the data: registering depends on the
# event (its format, registration window, places) and is refused with a documented 409 or 422. Every other check
# (no 5xx, documented status, content type and body) still applies to it.
# Uploads to the document library are refused with 422 when the file's content is not the type its name claims (or
# none of the accepted types), which a schema cannot express; so are the rules between fields (a role for
# visibility "role", a programme for "programme", a note for an inaccessible file).
STATEFUL_REFUSALS = {
    ("POST", "/api/v1/events/{event_id}/registrations"),
    ("POST", "/api/v1/documents/"),
    ("POST", "/api/v1/documents/{document_id}/versions"),
    ("PATCH", "/api/v1/documents/{document_id}"),
    # A category or a linked programme or event that does not exist: the document cannot say which exist.
    ("POST", "/api/v1/news/"),
    ("PATCH", "/api/v1/news/{post_id}"),
    # The advisory cycle's writes: a programme, form of support, expert or person that does not exist, dates
    # outside the cycle, a stage whose output is missing, a call already full — the rules of the pages' forms.
    ("POST", "/api/v1/advisory/calls"),
    ("PUT", "/api/v1/advisory/calls/{call_id}"),
    ("POST", "/api/v1/advisory/applications/{application_id}/decision"),
    ("PATCH", "/api/v1/advisory/stages/{stage_id}"),
    ("POST", "/api/v1/advisory/engagements/{engagement_id}/log"),
    # A blank comment, an HDR that is not submitted, a correction dated in the future or done at less than 100
    # percent: the rules of the HDR and monitoring services.
    ("POST", "/api/v1/advisory/hdr/{hdr_id}/comments"),
    ("POST", "/api/v1/advisory/hdr/{hdr_id}/return"),
    ("PATCH", "/api/v1/advisory/monitoring-entries/{entry_id}"),
    # Coaching writes name people, programmes, organisations, groups, coaches and techniques that must exist and
    # be the caller's to choose (a 400 naming the field otherwise), and rules between fields (dates, places).
    ("POST", "/api/v1/coaching/pilot-groups"),
    ("PUT", "/api/v1/coaching/pilot-groups/{group_id}"),
    ("POST", "/api/v1/coaching/pilot-groups/{group_id}/members"),
    ("POST", "/api/v1/coaching/agreements"),
    ("PUT", "/api/v1/coaching/agreements/{agreement_id}"),
    ("POST", "/api/v1/coaching/agreements/{agreement_id}/sessions"),
    ("PUT", "/api/v1/coaching/sessions/{session_id}"),
    ("PUT", "/api/v1/coaching/sessions/{session_id}/progress"),
    # Before and after are two different waves of the questionnaire (400 when the same one is given twice).
    ("GET", "/api/v1/surveys/questionnaires/{questionnaire_id}/results/changes"),
}


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_as_documented(case, caller_headers):
    excluded = [positive_data_acceptance] if (case.method, case.path) in STATEFUL_REFUSALS else []
    case.call_and_validate(headers=caller_headers, excluded_checks=excluded)


@pytest.fixture
def surveys(world) -> dict:
    """A questionnaire of the coordinator's, sent by e-mail (to the local-government member, still waiting, and to
    someone who has answered) and by a public link."""
    coordinator = world["users"]["coordinator"]
    questionnaire = training_feedback(coordinator)
    answering = PersonFactory()
    distribution = distribution_to_people(
        questionnaire, [world["users"]["lg_member"].person, answering], None, "schema", "", coordinator
    )
    invitation = distribution.invitations.get(person=answering)
    response_submit(
        questionnaire=questionnaire,
        wave=invitation.wave,
        respondent=Respondent(invitation=invitation),
        language="pl",
        data=good_answers(),
    )
    distribution_public_link(actor=coordinator, questionnaire=questionnaire)
    return {"questionnaire": questionnaire}


@pytest.fixture
def later_apps() -> dict:
    """One object of each kind the later apps' API reads: a pilot group with an agreement, a call with an
    engagement and a dialogue meeting, a published HDR, a handbook chapter, a partner's report, a public document,
    a published news post."""
    from rozwoj.advisory.services.debates import debate_save
    from rozwoj.advisory.tests.factories import engagement_with_team
    from rozwoj.advisory.tests.hdr_helpers import published_hdr
    from rozwoj.coaching.tests.factories import AgreementFactory, PilotGroupFactory
    from rozwoj.documents.tests.factories import DocumentFactory
    from rozwoj.handbooks.tests.factories import ChapterFactory
    from rozwoj.news.tests.factories import PostFactory
    from rozwoj.organisations.tests.factories import OrganisationFactory
    from rozwoj.partnerships.tests.factories import period_for, report_for

    engagement = engagement_with_team()
    debate = debate_save(
        actor=user_with_role("coordinator"),
        engagement=engagement,
        data={"kind": "dialogue", "topic": "Sieć szkół", "date": datetime.date.today(), "place": "Urząd"},
        recommendations=["Powołać zespół"],
    )
    return {
        "hdr_id": published_hdr().pk,
        "chapter_id": ChapterFactory().pk,
        "report_id": report_for(period_for(engagement.call.programme), OrganisationFactory()).pk,
        "group_id": PilotGroupFactory().pk,
        "agreement_id": AgreementFactory().pk,
        "call_id": engagement.call_id,
        "engagement_id": engagement.pk,
        "debate_id": debate.pk,
        "document_id": DocumentFactory().pk,
        "post_id": PostFactory().pk,
    }


def _known_ids(world, events, surveys, later_apps) -> dict[str, object]:
    return {
        **later_apps,
        "terc": world["gmina"].terc,
        "organisation_id": world["organisation"].pk,
        "person_id": world["colleague"].pk,
        "programme_id": world["public_programme"].pk,
        "event_id": events["public"].pk,
        "session_id": events["session"].pk,
        "registration_id": events["registration"].pk,
        "questionnaire_id": surveys["questionnaire"].pk,
    }


def test_reads_of_existing_objects_answer_as_documented(caller_headers, world, events, surveys, later_apps):
    """Generated ids rarely name an object that exists; read every object of the world too, so that each detail
    answer's body is checked against its documented model."""
    known = _known_ids(world, events, surveys, later_apps)
    checked = 0
    for path, methods in schema.raw_schema["paths"].items():
        if "get" not in methods:
            continue
        operation = schema[path]["GET"]
        names = [parameter.name for parameter in operation.path_parameters]
        case = operation.Case(path_parameters={name: known[name] for name in names})
        case.call_and_validate(headers=caller_headers)
        checked += 1
    assert checked >= 12
