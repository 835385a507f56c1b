"""The rest of the authorisation policy: actions (POST, PUT), files, personal links and helper endpoints, for
every role; and a check that no page or API operation of the product is missing from the matrices.

An allowed form action answers with a redirect (302) or, for HTMX, with the updated fragment (200); a refused
one with the login page, 403 or 404. Each role's request is rolled back, so all roles meet the same state.
"""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone

from rozwoj.accounts.models import ApiToken
from rozwoj.events.models import (
    AttendanceListFile,
    Certificate,
    EventAttachment,
    EventPhoto,
    MaterialVisibility,
)
from rozwoj.events.services.calendars import feed_for_user
from rozwoj.events.tests.factories import kind, png_bytes
from rozwoj.notifications.tests.factories import NotificationFactory

from . import test_authorization_matrix as foundation
from . import test_authorization_matrix_advisory as advisory_matrix
from . import test_authorization_matrix_coaching as coaching_matrix
from . import test_authorization_matrix_documents as documents_matrix
from . import test_authorization_matrix_events as events_matrix
from . import test_authorization_matrix_handbooks as handbooks_matrix
from . import test_authorization_matrix_news as news_matrix
from . import test_authorization_matrix_partnerships as partnerships_matrix
from . import test_authorization_matrix_surveys as surveys_matrix
from .authorization import (
    COORDINATORS,
    EVERYONE,
    FORBIDDEN,
    LOGGED_IN,
    LOGIN,
    NOT_FOUND,
    OK,
    UNAUTHORISED,
    matrix_tests,
    row,
)
from .test_authorization_matrix_advisory import (  # noqa: F401  (the fixtures of the advisory matrix)
    advisory,
    hdrs,
)
from .test_authorization_matrix_coaching import coaching  # noqa: F401  (the fixture of the coaching matrix)
from .test_authorization_matrix_documents import library  # noqa: F401  (the fixture of the documents matrix)
from .test_authorization_matrix_handbooks import handbooks  # noqa: F401  (the fixture of the handbooks matrix)
from .test_authorization_matrix_news import news  # noqa: F401  (the fixture of the news matrix)
from .test_authorization_matrix_partnerships import partnership  # noqa: F401  (the partnerships matrix's fixture)
from .test_authorization_matrix_surveys import (  # noqa: F401  (the fixtures of the surveys matrix)
    results_questionnaires,
    surveys,
)

DONE = 302  # the form action was carried out and the browser is sent on
# Administrators, coordinators and the trainers of the event (both trainers train the public event).
MANAGERS = row(LOGIN, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK)
MANAGERS_DO = row(LOGIN, DONE, DONE, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, DONE, DONE)
COORDINATORS_DO = row(LOGIN, DONE, DONE, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)


@pytest.fixture
def things(world, events):
    """What the actions act on: the local-government member's registration, certificate, notification, token
    and calendar feed; a participants-only attachment and a staff-only photo of the public event."""
    lg_member = world["users"]["lg_member"]
    registration = events["registration"]
    Certificate.objects.create(
        registration=registration, code="ABCD-EFGH-JKMN", hours=Decimal(6), language="pl"
    )
    attachment = EventAttachment.objects.create(
        event=events["public"],
        title="Program",
        file=SimpleUploadedFile("program.pdf", b"%PDF-1.4\n%%EOF\n"),
        size=15,
        content_type="application/pdf",
        visibility=MaterialVisibility.PARTICIPANTS,
    )
    photo = EventPhoto.objects.create(
        event=events["public"],
        image=SimpleUploadedFile("grupa.png", png_bytes()),
        alt_text="Zdjęcie grupowe uczestników spotkania",
        visibility=MaterialVisibility.STAFF,
    )
    public_attachment, staff_attachment = (
        EventAttachment.objects.create(
            event=events["public"],
            title=title,
            file=SimpleUploadedFile(f"{visibility}.pdf", b"%PDF-1.4\n%%EOF\n"),
            size=15,
            content_type="application/pdf",
            visibility=visibility,
        )
        for title, visibility in (("Plan", MaterialVisibility.PUBLIC), ("Notatki", MaterialVisibility.STAFF))
    )
    public_photo, participants_photo = (
        EventPhoto.objects.create(
            event=events["public"],
            image=SimpleUploadedFile(f"{visibility}.png", png_bytes()),
            alt_text="Sala szkoleniowa",
            visibility=visibility,
        )
        for visibility in (MaterialVisibility.PUBLIC, MaterialVisibility.PARTICIPANTS)
    )
    return {
        **events,
        "world": world,
        "attachment": attachment,
        "public_attachment": public_attachment,
        "staff_attachment": staff_attachment,
        "photo": photo,
        "public_photo": public_photo,
        "participants_photo": participants_photo,
        "notification": NotificationFactory(user=lg_member),
        "token": ApiToken.issue(lg_member, "telefon")[0],
        "feed": feed_for_user(lg_member),
        "kind": kind("training"),
        "membership": world["colleague"].memberships.first(),
        "attendance_list": AttendanceListFile.objects.create(
            session=events["session"],
            language="pl",
            file=SimpleUploadedFile("lista.pdf", b"%PDF-1.4\n%%EOF\n"),
            rows=1,
            ready_at=timezone.now(),
        ),
        "internal_attendance_list": AttendanceListFile.objects.create(
            session=events["internal"].sessions.get(),
            language="pl",
            file=SimpleUploadedFile("lista.pdf", b"%PDF-1.4\n%%EOF\n"),
            rows=1,
            ready_at=timezone.now(),
        ),
    }


GETS = {
    "own certificate PDF": (
        lambda t: reverse("events:certificate_pdf", args=[t["registration"].pk]),
        row(LOGIN, OK, OK, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, OK, OK),
    ),
    "participants' attachment": (
        lambda t: reverse("events:attachment_download", args=[t["attachment"].pk]),
        row(NOT_FOUND, OK, OK, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, OK, OK),
    ),
    "public attachment": (
        lambda t: reverse("events:attachment_download", args=[t["public_attachment"].pk]),
        EVERYONE,
    ),
    "staff attachment": (
        lambda t: reverse("events:attachment_download", args=[t["staff_attachment"].pk]),
        row(NOT_FOUND, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK, OK),
    ),
    "staff photo": (
        lambda t: reverse("events:photo", args=[t["photo"].pk]),
        row(NOT_FOUND, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK, OK),
    ),
    "participants' photo": (
        lambda t: reverse("events:photo", args=[t["participants_photo"].pk]),
        row(NOT_FOUND, OK, OK, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, OK, OK),
    ),
    "public photo": (
        lambda t: reverse("events:photo", args=[t["public_photo"].pk]),
        EVERYONE,
    ),
    "prepared attendance list of an internal event": (
        lambda t: reverse("events:attendance_list_file", args=[t["internal_attendance_list"].pk]),
        COORDINATORS,  # the trainers of the matrix do not train the internal event
    ),
    "personal calendar feed (the secret link is the key)": (
        lambda t: reverse("events:feed", args=[t["feed"].token]),
        EVERYONE,
    ),
    "calendar feed with a wrong token": (
        lambda t: reverse("events:feed", args=["x" * 43]),
        row(
            NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND
        ),
    ),
    "prepared attendance list": (
        lambda t: reverse("events:attendance_list_file", args=[t["attendance_list"].pk]),
        MANAGERS,
    ),
    "kind of event create": (lambda t: reverse("events:kind_create"), COORDINATORS),
    "kind of event edit": (lambda t: reverse("events:kind_edit", args=[t["kind"].pk]), COORDINATORS),
    "session delete (confirmation)": (
        lambda t: reverse("events:session_delete", args=[t["session"].pk]),
        COORDINATORS,
    ),
    "membership edit": (
        lambda t: reverse("people:membership_edit", args=[t["membership"].pk]),
        COORDINATORS,
    ),
    "my person record": (
        lambda t: reverse("people:me"),
        row(LOGIN, OK, OK, OK, OK, OK, NOT_FOUND, OK, OK),
    ),
    "my expert profile": (
        lambda t: reverse("experts:me"),
        row(LOGIN, NOT_FOUND, NOT_FOUND, DONE, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, DONE),
    ),
    "registry suggestions": (lambda t: reverse("local_governments:suggest") + "?q=gmina", EVERYONE),
    "organisation options": (
        lambda t: reverse("organisations:options") + "?field=o&o-search=matrix",
        LOGGED_IN,
    ),
    "Django admin sign-in (the site's login page)": (
        lambda t: reverse("admin_login") + "?next=/admin/",
        row(LOGIN, DONE, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    ),
    "health check": (lambda t: reverse("healthz"), EVERYONE),
    "OpenAPI document": (lambda t: reverse("api-v1:openapi-json"), EVERYONE),
    "API documentation": (lambda t: reverse("api-v1:openapi-view"), EVERYONE),
}

ACTIONS = {
    "revoke another user's API token": (
        "POST",
        lambda t: reverse("accounts:token_revoke", args=[t["token"].pk]),
        None,
        row(LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, DONE, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "delete an attachment": (
        "POST",
        lambda t: reverse("events:attachment_delete", args=[t["attachment"].pk]),
        None,
        MANAGERS_DO,
    ),
    "delete a photo": (
        "POST",
        lambda t: reverse("events:photo_delete", args=[t["photo"].pk]),
        None,
        MANAGERS_DO,
    ),
    "mark attendance": (
        "POST",
        lambda t: reverse("events:attendance_mark", args=[t["session"].pk, t["registration"].pk]),
        lambda t: {f"status-{t['registration'].pk}": "present_on_site"},
        MANAGERS_DO,
    ),
    "prepare a long attendance list": (
        "POST",
        lambda t: reverse("events:attendance_list_prepare", args=[t["session"].pk]),
        None,
        MANAGERS_DO,
    ),
    "mark everyone present": (
        "POST",
        lambda t: reverse("events:attendance_mark_all", args=[t["session"].pk]),
        None,
        MANAGERS_DO,
    ),
    "approve a registration": (
        "POST",
        lambda t: reverse("events:registration_approve", args=[t["registration"].pk]),
        None,
        COORDINATORS_DO,
    ),
    "reject a registration": (
        "POST",
        lambda t: reverse("events:registration_reject", args=[t["registration"].pk]),
        None,
        COORDINATORS_DO,
    ),
    "cancel another person's registration": (
        "POST",
        lambda t: reverse("events:registration_cancel", args=[t["registration"].pk]),
        None,
        row(LOGIN, DONE, DONE, NOT_FOUND, DONE, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "delete a session": (
        "POST",
        lambda t: reverse("events:session_delete", args=[t["session"].pk]),
        None,
        COORDINATORS_DO,
    ),
    "change the status of an event": (
        "POST",
        lambda t: reverse("events:status", args=[t["public"].pk]),
        {"status": "registration_closed"},
        COORDINATORS_DO,
    ),
    "postpone an event by a week": (
        "POST",
        lambda t: reverse("events:reschedule", args=[t["public"].pk]),
        lambda t: {
            "sessions": [t["session"].pk],
            "how": "shift",
            "shift_days": "7",
            "reason_category": "other",
        },
        COORDINATORS_DO,
    ),
    "delete a competence of the canon": (
        "POST",
        lambda t: reverse("experts:competence_delete", args=[t["world"]["competence"].pk]),
        None,
        COORDINATORS_DO,
    ),
    "mark another user's notification read": (
        "POST",
        lambda t: reverse("notifications:read", args=[t["notification"].pk]),
        None,
        row(LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, DONE, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "mark all my notifications read": (
        "POST",
        lambda t: reverse("notifications:read_all"),
        None,
        row(LOGIN, DONE, DONE, DONE, DONE, DONE, DONE, DONE, DONE),
    ),
    "delete a membership": (
        "POST",
        lambda t: reverse("people:membership_delete", args=[t["membership"].pk]),
        None,
        COORDINATORS_DO,
    ),
    "switch language": (
        "POST",
        lambda t: reverse("set_language"),
        {"language": "en", "next": "/"},
        row(DONE, DONE, DONE, DONE, DONE, DONE, DONE, DONE, DONE),
    ),
}

API_ACTIONS = {
    "register yourself": (
        "POST",
        lambda t: f"/api/v1/events/{t['public'].pk}/registrations",
        {"mode": "on_site"},
        # The local-government member is registered already; a login without a person record cannot register.
        row(UNAUTHORISED, 201, 201, 201, 409, 201, 422, 201, 201),
    ),
    "cancel another person's registration": (
        "POST",
        lambda t: f"/api/v1/events/registrations/{t['registration'].pk}/cancel",
        None,
        row(UNAUTHORISED, OK, OK, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN),
    ),
    "mark attendance": (
        "PUT",
        lambda t: f"/api/v1/events/sessions/{t['session'].pk}/attendance/{t['registration'].pk}",
        {"status": "present_on_site"},
        row(UNAUTHORISED, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK),
    ),
    "sessions of a public event": (
        "GET",
        lambda t: f"/api/v1/events/{t['public'].pk}/sessions",
        None,
        EVERYONE,
    ),
    "sessions of a draft event (its trainers see it)": (
        "GET",
        lambda t: f"/api/v1/events/{t['draft'].pk}/sessions",
        None,
        row(NOT_FOUND, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND),
    ),
    "sessions of an internal event": (
        "GET",
        lambda t: f"/api/v1/events/{t['internal'].pk}/sessions",
        None,
        row(NOT_FOUND, OK, OK, OK, OK, OK, OK, OK, OK),
    ),
}


globals().update(matrix_tests("things", pages=GETS, actions=ACTIONS, api_actions=API_ACTIONS))

# --- completeness ---------------------------------------------------------------------------------------

# Routes the matrices leave out, each with the reason.
NOT_IN_THE_MATRIX = {
    "admin:": "Django's admin keeps its own permission model; the matrix checks that only administrators enter it",
    "account_": "django-allauth's login, sign-up, password and e-mail pages (open by design; tested in accounts)",
    "mfa_": "django-allauth's MFA pages (tested in accounts: required for coordinators and administrators)",
    "api-v1:": "API operations are checked against the OpenAPI document below",
}


def _named_routes(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _named_routes(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name


def _covered_routes(world, events, things, surveys, results, news_world) -> set[str]:  # noqa: F811
    urls = [url_for(world) for url_for, _ in foundation.PAGES.values()]
    urls += [url_for(results) for url_for, _ in surveys_matrix.RESULTS_PAGES.values()]
    urls += [url_for(surveys) for url_for, _ in surveys_matrix.PAGES.values()]
    urls += [url_for(surveys) for _, url_for, _, _ in surveys_matrix.ACTIONS.values()]
    urls += [url_for(events) for url_for, _ in events_matrix.PAGES.values()]
    urls += [url_for(things) for url_for, _ in GETS.values()]
    urls += [url_for(things) for _, url_for, _, _ in ACTIONS.values()]
    shelf = things["library"]
    urls += [url_for(shelf) for url_for, _ in documents_matrix.PAGES.values()]
    urls += [url_for(shelf) for _, url_for, _, _ in documents_matrix.ACTIONS.values()]
    urls += [url_for(news_world) for url_for, _ in news_matrix.PAGES.values()]
    urls += [url_for(news_world) for _, url_for, _, _ in news_matrix.ACTIONS.values()]
    return {resolve(url.split("?")[0]).view_name for url in urls}


def _coaching_routes(coaching_world) -> set[str]:
    urls = [url_for(coaching_world) for url_for, _ in coaching_matrix.PAGES.values()]
    urls += [url_for(coaching_world) for _, url_for, _, _ in coaching_matrix.ACTIONS.values()]
    return {resolve(url.split("?")[0]).view_name for url in urls}


def _partnership_routes(partnership_world) -> set[str]:
    urls = [url_for(partnership_world) for url_for, _ in partnerships_matrix.PAGES.values()]
    urls += [url_for(partnership_world) for _, url_for, _, _ in partnerships_matrix.ACTIONS.values()]
    urls.append(reverse("partnerships:meeting_costs_export", args=[partnership_world["meeting"].pk, "csv"]))
    return {resolve(url.split("?")[0]).view_name for url in urls}


def test_every_page_and_action_of_the_product_is_in_a_matrix(request, world, events, things, surveys):  # noqa: F811
    results = request.getfixturevalue("results_questionnaires")
    things = {**things, "library": request.getfixturevalue("library")}
    news_world = request.getfixturevalue("news")
    covered = _covered_routes(world, events, things, surveys, results, news_world) | _coaching_routes(
        request.getfixturevalue("coaching")
    )
    covered |= _partnership_routes(request.getfixturevalue("partnership"))
    adv = request.getfixturevalue("advisory")
    adv_urls = [url_for(adv) for url_for, _ in advisory_matrix.PAGES.values()]
    adv_urls += [url_for(adv) for _, url_for, _, _ in advisory_matrix.ACTIONS.values()]
    hdr_world = request.getfixturevalue("hdrs")
    adv_urls += [url_for(hdr_world) for url_for, _ in advisory_matrix.HDR_PAGES.values()]
    adv_urls += [url_for(hdr_world) for url_for, _, _ in advisory_matrix.HDR_ACTIONS.values()]
    covered |= {resolve(url.split("?")[0]).view_name for url in adv_urls}
    books = request.getfixturevalue("handbooks")
    book_urls = [url_for(books) for url_for, _ in handbooks_matrix.PAGES.values()]
    book_urls += [url_for(books) for _, url_for, _, _ in handbooks_matrix.ACTIONS.values()]
    covered |= {resolve(url.split("?")[0]).view_name for url in book_urls}
    missing = [
        name
        for name in sorted(set(_named_routes()))
        if name not in covered and not name.startswith(tuple(NOT_IN_THE_MATRIX))
    ]
    assert missing == [], f"Add these routes to an authorisation matrix: {missing}"


def test_every_api_operation_is_in_a_matrix(request, client, world, events, things, surveys):  # noqa: F811
    results = request.getfixturevalue("results_questionnaires")
    schema = client.get(reverse("api-v1:openapi-json")).json()
    operations = {(method.upper(), path) for path, item in schema["paths"].items() for method in item}
    tables = [("GET", url_for(world)) for url_for, _ in foundation.API.values()] + [
        ("GET", url_for(events)) for url_for, _ in events_matrix.API.values()
    ]
    tables += [(method, url_for(things)) for method, url_for, _, _ in API_ACTIONS.values()]
    tables += [("GET", url_for(surveys)) for url_for, _ in surveys_matrix.API.values()]
    tables += [(method, url_for(surveys)) for method, url_for, _, _ in surveys_matrix.API_ACTIONS.values()]
    tables += [("GET", url_for(results)) for url_for, _ in surveys_matrix.RESULTS_API.values()]
    adv = request.getfixturevalue("advisory")
    tables += [("GET", url_for(adv)) for url_for, _ in advisory_matrix.API.values()]
    tables += [(method, url_for(adv)) for method, url_for, _, _ in advisory_matrix.API_ACTIONS.values()]
    hdr_world = request.getfixturevalue("hdrs")
    tables += [("GET", url_for(hdr_world)) for url_for, _ in advisory_matrix.HDR_API.values()]
    tables += [
        (method, url_for(hdr_world)) for method, url_for, _, _ in advisory_matrix.HDR_API_ACTIONS.values()
    ]
    coaching_world = request.getfixturevalue("coaching")
    tables += [("GET", url_for(coaching_world)) for url_for, _ in coaching_matrix.API.values()]
    tables += [
        (method, url_for(coaching_world)) for method, url_for, _, _ in coaching_matrix.API_ACTIONS.values()
    ]
    partnership_world = request.getfixturevalue("partnership")
    tables += [("GET", url_for(partnership_world)) for url_for, _ in partnerships_matrix.API.values()]
    tables += [
        (m, url_for(partnership_world)) for m, url_for, _, _ in partnerships_matrix.API_ACTIONS.values()
    ]
    shelf = request.getfixturevalue("library")
    tables += [("GET", url_for(shelf)) for url_for, _ in documents_matrix.API.values()]
    tables += [(method, url_for(shelf)) for method, url_for, _, _ in documents_matrix.API_ACTIONS.values()]
    tables += [("POST", url_for(shelf)) for url_for, _, _ in documents_matrix.UPLOADS.values()]
    news_world = request.getfixturevalue("news")
    tables += [("GET", url_for(news_world)) for url_for, _ in news_matrix.API.values()]
    books = request.getfixturevalue("handbooks")
    tables += [("GET", url_for(books)) for url_for, _ in handbooks_matrix.API.values()]
    tables += [(method, url_for(books)) for method, url_for, _, _ in handbooks_matrix.API_ACTIONS.values()]
    tables += [(method, url_for(news_world)) for method, url_for, _, _ in news_matrix.API_ACTIONS.values()]
    covered = set()
    for method, url in tables:
        for path in {path for _, path in operations}:
            if _matches(path, url):
                covered.add((method, path))
    assert sorted(operations - covered) == [], "Add these API operations to an authorisation matrix"


def _matches(template: str, url: str) -> bool:
    """Whether `url` is an instance of an OpenAPI path template such as /api/v1/events/{event_id}."""
    template_parts, url_parts = template.strip("/").split("/"), url.split("?")[0].strip("/").split("/")
    return len(template_parts) == len(url_parts) and all(
        t == u or (t.startswith("{") and t.endswith("}"))
        for t, u in zip(template_parts, url_parts, strict=True)
    )
