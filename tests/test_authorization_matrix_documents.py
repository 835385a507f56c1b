"""The authorisation policy of the document library: every page, download, action and API operation for every
role. Coordinators and administrators see every document; a published one is seen by those it is meant for
(everyone, the signed-in, a role, the participants of a programme) and by nobody else, files included; a draft
(coordinators only) by nobody else; changing a published document needs the editor right (administrators here).
"""

import pytest
from django.urls import reverse

from rozwoj.accounts.models import Role
from rozwoj.documents.models import Visibility
from rozwoj.documents.tests.factories import CategoryFactory, DocumentFactory
from rozwoj.events.models import RegistrationStatus
from rozwoj.events.tests.factories import EventFactory, RegistrationFactory

from .authorization import (
    COORDINATORS,
    EVERYONE,
    FORBIDDEN,
    LOGIN,
    NOT_FOUND,
    OK,
    UNAUTHORISED,
    matrix_tests,
    row,
)

NF = NOT_FOUND
STAFF_ONLY = row(NF, OK, OK, NF, NF, NF, NF, NF, NF)
SIGNED_IN = row(NF, OK, OK, OK, OK, OK, OK, OK, OK)
PARTNERS = row(NF, OK, OK, NF, NF, OK, NF, NF, NF)
# lg_member takes part in the public programme (a confirmed registration for one of its events).
PARTICIPANTS = row(NF, OK, OK, NF, OK, NF, NF, NF, NF)
# Management pages: coordinators_required first (403 to other roles), then the object.
EDIT_DRAFT = row(LOGIN, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)
# A published document changes only with the editor right: the matrix's coordinator does not have it.
EDIT_PUBLISHED = row(LOGIN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)
DONE = 302
DO_DRAFT = row(LOGIN, DONE, DONE, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)
DO_PUBLISHED = row(LOGIN, DONE, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)
API_STAFF_ONLY = row(NF, OK, OK, NF, NF, NF, NF, NF, NF)


@pytest.fixture
def library(world):
    users = world["users"]
    programme = world["public_programme"]
    RegistrationFactory(
        event=EventFactory(programme=programme),
        person=users["lg_member"].person,
        status=RegistrationStatus.CONFIRMED,
    )
    category = CategoryFactory()
    return {
        "world": world,
        "category": category,
        "used_category": CategoryFactory(),
        "public": DocumentFactory(title="Publiczny", category=category),
        "signed_in": DocumentFactory(title="Zalogowani", visibility=Visibility.SIGNED_IN),
        "partners": DocumentFactory(title="Partnerzy", visibility=Visibility.ROLE, role=Role.PARTNER_MEMBER),
        "participants": DocumentFactory(
            title="Uczestnicy", visibility=Visibility.PROGRAMME, programme=programme
        ),
        "draft": DocumentFactory(title="Szkic", visibility=Visibility.STAFF),
    }


def _u(name, *args):
    return reverse(f"documents:{name}", args=args)


def _file(key):
    return lambda s: _u("download", s[key].pk)


def _version(key):
    return lambda s: _u("version_download", s[key].pk, s[key].current_version_id)


PAGES = {
    "library": (lambda s: _u("library"), EVERYONE),
    "public document": (lambda s: _u("detail", s["public"].pk), EVERYONE),
    "public document's file": (_file("public"), EVERYONE),
    "public document's version": (_version("public"), EVERYONE),
    "document for the signed-in": (lambda s: _u("detail", s["signed_in"].pk), SIGNED_IN),
    "file for the signed-in": (_file("signed_in"), SIGNED_IN),
    "document for a role": (lambda s: _u("detail", s["partners"].pk), PARTNERS),
    "file for a role": (_file("partners"), PARTNERS),
    "version for a role": (_version("partners"), PARTNERS),
    "document for a programme's participants": (lambda s: _u("detail", s["participants"].pk), PARTICIPANTS),
    "file for a programme's participants": (_file("participants"), PARTICIPANTS),
    "draft": (lambda s: _u("detail", s["draft"].pk), STAFF_ONLY),
    "draft's file": (_file("draft"), STAFF_ONLY),
    "draft's version": (_version("draft"), STAFF_ONLY),
    "manage": (lambda s: _u("manage"), COORDINATORS),
    "create": (lambda s: _u("create"), COORDINATORS),
    "categories": (lambda s: _u("categories"), COORDINATORS),
    "category edit": (lambda s: _u("category_edit", s["category"].pk), COORDINATORS),
    "edit a draft": (lambda s: _u("edit", s["draft"].pk), EDIT_DRAFT),
    "edit a published document": (lambda s: _u("edit", s["public"].pk), EDIT_PUBLISHED),
    "new version of a draft": (lambda s: _u("version_create", s["draft"].pk), EDIT_DRAFT),
    "new version of a published document": (lambda s: _u("version_create", s["public"].pk), EDIT_PUBLISHED),
}

ACTIONS = {
    "make a version current (draft)": (
        "POST",
        lambda s: _u("version_current", s["draft"].pk, s["draft"].current_version_id),
        None,
        DO_DRAFT,
    ),
    "make a version current (published)": (
        "POST",
        lambda s: _u("version_current", s["public"].pk, s["public"].current_version_id),
        None,
        DO_PUBLISHED,
    ),
    "remove a draft": ("POST", lambda s: _u("delete", s["draft"].pk), None, DO_DRAFT),
    "remove a published document": ("POST", lambda s: _u("delete", s["public"].pk), None, DO_PUBLISHED),
    "remove a category": ("POST", lambda s: _u("category_delete", s["category"].pk), None, DO_DRAFT),
    "add a category": ("POST", lambda s: _u("categories"), {"name_pl": "Nowa", "order": 1}, DO_DRAFT),
}

API = {
    "document list": (lambda s: "/api/v1/documents/", EVERYONE),
    "public document": (lambda s: f"/api/v1/documents/{s['public'].pk}", EVERYONE),
    "document for a role": (lambda s: f"/api/v1/documents/{s['partners'].pk}", PARTNERS),
    "document for a programme's participants": (
        lambda s: f"/api/v1/documents/{s['participants'].pk}",
        PARTICIPANTS,
    ),
    "draft": (lambda s: f"/api/v1/documents/{s['draft'].pk}", API_STAFF_ONLY),
}

API_ACTIONS = {
    "change a draft": (
        "PATCH",
        lambda s: f"/api/v1/documents/{s['draft'].pk}",
        {"title": "Nowy tytuł"},
        row(UNAUTHORISED, OK, OK, NF, NF, NF, NF, NF, NF),
    ),
    "publish a draft": (
        "PATCH",
        lambda s: f"/api/v1/documents/{s['draft'].pk}",
        {"visibility": "public"},
        row(UNAUTHORISED, OK, FORBIDDEN, NF, NF, NF, NF, NF, NF),
    ),
    "change a published document": (
        "PATCH",
        lambda s: f"/api/v1/documents/{s['public'].pk}",
        {"title": "Nowy tytuł"},
        row(UNAUTHORISED, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    ),
}

# Uploads (multipart): what each role gets for a real PDF.
UPLOADS = {
    "add a document": (
        lambda s: "/api/v1/documents/",
        {"title": "Nowy", "visibility": "staff"},
        row(UNAUTHORISED, 201, 201, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    ),
    "add a published document": (
        lambda s: "/api/v1/documents/",
        {"title": "Nowy", "visibility": "public"},
        row(UNAUTHORISED, 201, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    ),
    "upload a version of a draft": (
        lambda s: f"/api/v1/documents/{s['draft'].pk}/versions",
        {"note": "v2"},
        row(UNAUTHORISED, 201, 201, NF, NF, NF, NF, NF, NF),
    ),
    "upload a version of a published document": (
        lambda s: f"/api/v1/documents/{s['public'].pk}/versions",
        {"note": "v2"},
        row(UNAUTHORISED, 201, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    ),
}


globals().update(
    matrix_tests(
        "library", pages=PAGES, actions=ACTIONS, api=API, api_actions=API_ACTIONS, prefix="document_"
    )
)


@pytest.mark.parametrize("name", list(UPLOADS))
def test_document_api_uploads_for_every_role(client, library, name):
    from django.db import transaction

    from rozwoj.accounts.models import ApiToken
    from rozwoj.documents.tests.factories import upload

    from .authorization import ROLES

    url_for, data, expected = UPLOADS[name]
    url = url_for(library)
    outcomes = {}
    for role in ROLES:
        user = library["world"]["users"][role]
        headers = {"Authorization": f"Bearer {ApiToken.issue(user, 'matrix')[1]}"} if user else {}
        with transaction.atomic():
            outcomes[role] = client.post(url, {**data, "file": upload()}, headers=headers).status_code
            transaction.set_rollback(True)
    assert outcomes == expected, url


def test_lists_show_each_role_only_what_it_may_see(client, library):
    users = library["world"]["users"]
    every = {"Publiczny", "Zalogowani", "Partnerzy", "Uczestnicy", "Szkic"}
    expected = {
        "anonymous": {"Publiczny"},
        "administrator": every,
        "coordinator": every,
        "expert": {"Publiczny", "Zalogowani"},
        "lg_member": {"Publiczny", "Zalogowani", "Uczestnicy"},
        "partner_member": {"Publiczny", "Zalogowani", "Partnerzy"},
        "no_role": {"Publiczny", "Zalogowani"},
        "trainer": {"Publiczny", "Zalogowani"},
        "expert_trainer": {"Publiczny", "Zalogowani"},
    }
    for role, titles in expected.items():
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        page = client.get(_u("library")).content.decode()
        assert {t for t in every if f">{t}<" in page} == titles, role
        api = {item["title"] for item in client.get("/api/v1/documents/").json()["items"]}
        assert api == titles, role
