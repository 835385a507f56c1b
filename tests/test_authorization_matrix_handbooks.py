"""The authorisation policy of handbooks: every page, action and API operation for every role.

In this world the partner member's organisation is a partner of the programme and the author partner of one
chapter ("own"); another partner wrote the other chapter ("other"). Coordinators and administrators see and edit
everything; the partner member sees the whole handbook and edits only their organisation's chapter; nobody else
sees the working pages. The public pages show the approved chapters of a published handbook to everyone.
"""

import pytest
from django.urls import reverse

from rozwoj.handbooks import services
from rozwoj.handbooks.models import ChapterStatus
from rozwoj.handbooks.services_exports import export_prepare
from rozwoj.handbooks.tests.factories import ChapterFactory, HandbookFactory, PartFactory, partner
from rozwoj.programmes.models import ProgrammePartner

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

READ = row(LOGIN, OK, OK, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND)
EDIT_OWN = READ
EDIT_OTHER = row(LOGIN, OK, OK, NOT_FOUND, NOT_FOUND, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND)
DONE = 302
DO_READ = row(LOGIN, DONE, DONE, NOT_FOUND, NOT_FOUND, DONE, NOT_FOUND, NOT_FOUND, NOT_FOUND)
DO_COORDINATORS = row(LOGIN, DONE, DONE, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)
DO_OTHER = row(LOGIN, DONE, DONE, NOT_FOUND, NOT_FOUND, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND)
UNPUBLISHED = row(*[NOT_FOUND] * 9)


@pytest.fixture
def handbooks(world):
    users = world["users"]
    programme = world["public_programme"]
    partner_org = users["partner_member"].person.memberships.get().organisation
    ProgrammePartner.objects.get_or_create(
        programme=programme, organisation=partner_org
    )  # also made by coaching
    handbook = HandbookFactory(programme=programme)
    other_org, _member = partner(handbook, country="GR")
    part = PartFactory(handbook=handbook)
    own = ChapterFactory(part=part, author_organisation=partner_org)
    other = ChapterFactory(part=part, author_organisation=other_org, status=ChapterStatus.APPROVED)
    comment = services.comment_add(
        actor=users["coordinator"], chapter=own, paragraph=0, body="Clearer, please."
    )
    export = services.export_request(actor=users["coordinator"], handbook=handbook, language="en", fmt="docx")
    export_prepare(export.pk)  # the background work (it starts after the commit, which a test never reaches)
    services.chapter_save_text(
        actor=users["coordinator"], chapter=own, title=own.title, body=own.body, base_revision=own.revision
    )
    hidden = HandbookFactory()  # another programme's handbook, unpublished
    hidden_chapter = ChapterFactory(part=PartFactory(handbook=hidden), status=ChapterStatus.APPROVED)
    handbook.is_published = True
    handbook.save()
    return {
        "world": world,
        "handbook": handbook,
        "own": own,
        "other": other,
        "comment": comment,
        "export": export,
        "hidden": hidden,
        "hidden_chapter": hidden_chapter,
    }


def _u(name, *args):
    return reverse(f"handbooks:{name}", args=args)


PAGES = {
    "handbooks": (lambda h: _u("list"), LOGGED_IN),
    "start a handbook": (lambda h: _u("create"), COORDINATORS),
    "handbook": (lambda h: _u("handbook", h["handbook"].pk), READ),
    "another programme's handbook": (
        lambda h: _u("handbook", h["hidden"].pk),
        row(LOGIN, OK, OK, *[NOT_FOUND] * 6),
    ),
    "add a part": (lambda h: _u("part_create", h["handbook"].pk), COORDINATORS),
    "add a chapter": (lambda h: _u("chapter_create", h["handbook"].pk), COORDINATORS),
    "export": (lambda h: _u("export", h["export"].pk), READ),
    "export download": (lambda h: _u("export_download", h["export"].pk), READ),
    "own chapter": (lambda h: _u("chapter", h["own"].pk), READ),
    "chapter settings": (lambda h: _u("chapter_settings", h["own"].pk), COORDINATORS),
    "edit own chapter": (lambda h: _u("chapter_edit", h["own"].pk), EDIT_OWN),
    "edit another partner's chapter": (lambda h: _u("chapter_edit", h["other"].pk), EDIT_OTHER),
    "translate own chapter": (lambda h: _u("translation_edit", h["own"].pk, "lv"), EDIT_OWN),
    "translate another partner's chapter": (
        lambda h: _u("translation_edit", h["other"].pk, "el"),
        EDIT_OTHER,
    ),
    "versions": (lambda h: _u("versions", h["own"].pk), READ),
    "public handbook": (lambda h: _u("public", h["handbook"].pk), EVERYONE),
    "public approved chapter": (lambda h: _u("public_chapter", h["other"].pk), EVERYONE),
    "public unapproved chapter": (lambda h: _u("public_chapter", h["own"].pk), UNPUBLISHED),
    "unpublished handbook's public page": (lambda h: _u("public", h["hidden"].pk), UNPUBLISHED),
    "unpublished handbook's approved chapter": (
        lambda h: _u("public_chapter", h["hidden_chapter"].pk),
        UNPUBLISHED,
    ),
}

ACTIONS = {
    "publish": ("POST", lambda h: _u("publish", h["handbook"].pk), {"published": "1"}, DO_COORDINATORS),
    "ask for an export": (
        "POST",
        lambda h: _u("export_request", h["handbook"].pk),
        {"language": "en", "format": "docx"},
        DO_READ,
    ),
    "add an export to the library": (
        "POST",
        lambda h: _u("export_library", h["export"].pk),
        {},
        DO_COORDINATORS,
    ),
    "change own chapter's status": (
        "POST",
        lambda h: _u("chapter_status", h["own"].pk),
        {"status": "draft"},
        DO_READ,
    ),
    "change another partner's chapter's status": (
        "POST",
        lambda h: _u("chapter_status", h["other"].pk),
        {"status": "draft"},
        DO_OTHER,
    ),
    "comment": (
        "POST",
        lambda h: _u("comment_add", h["other"].pk),
        {"paragraph": 0, "body": "Good."},
        DO_READ,
    ),
    "resolve a comment": (
        "POST",
        lambda h: _u("comment_resolve", h["comment"].pk),
        {"resolved": "1"},
        DO_READ,
    ),
}

API_LOGGED_IN = row(UNAUTHORISED, OK, OK, OK, OK, OK, OK, OK, OK)
API_READ = row(UNAUTHORISED, OK, OK, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND)
API_EDIT_OTHER = row(UNAUTHORISED, OK, OK, NOT_FOUND, NOT_FOUND, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND)

API = {
    "chapters": (lambda h: "/api/v1/handbooks/chapters", API_LOGGED_IN),
    "chapter": (lambda h: f"/api/v1/handbooks/chapters/{h['own'].pk}", API_READ),
}

API_ACTIONS = {
    "save own chapter's text": (
        "PUT",
        lambda h: f"/api/v1/handbooks/chapters/{h['own'].pk}/text",
        lambda h: {"title": "New", "body": "Text.", "revision": h["own"].revision},
        API_READ,
    ),
    "save another partner's chapter's text": (
        "PUT",
        lambda h: f"/api/v1/handbooks/chapters/{h['other'].pk}/text",
        lambda h: {"title": "New", "body": "Text.", "revision": h["other"].revision},
        API_EDIT_OTHER,
    ),
}


globals().update(
    matrix_tests(
        "handbooks", pages=PAGES, actions=ACTIONS, api=API, api_actions=API_ACTIONS, prefix="handbook_"
    )
)


def test_the_api_list_shows_only_the_handbooks_a_user_works_on(client, handbooks):
    users = handbooks["world"]["users"]
    client.force_login(users["partner_member"])
    ids = {item["id"] for item in client.get("/api/v1/handbooks/chapters").json()["items"]}
    assert ids == {handbooks["own"].pk, handbooks["other"].pk}
    client.force_login(users["expert"])
    assert client.get("/api/v1/handbooks/chapters").json()["items"] == []
