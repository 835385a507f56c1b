"""Every page and API endpoint of the foundation, for every role: allowed, or refused (login, 401, 403, 404).

The expected table is the authorisation policy of the product; a change to who sees what must change it here.
Lists, search and the API are also checked for leaks: a person outside the caller's scope never appears.
"""

import pytest
from django.urls import reverse

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
    text_of,
)

# The pages the law requires (accessibility declaration, privacy notice, contact): administrators alone edit them.
ADMINISTRATORS = row(LOGIN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)

PAGES = {
    "dashboard": (lambda w: reverse("dashboard:home"), EVERYONE),
    "robots.txt": (lambda w: reverse("robots_txt"), EVERYONE),
    "sitemap.xml": (lambda w: reverse("sitemap"), EVERYONE),
    "registry list": (lambda w: reverse("local_governments:list"), EVERYONE),
    "registry detail": (lambda w: reverse("local_governments:detail", args=[w["gmina"].terc]), EVERYONE),
    "organisation list": (lambda w: reverse("organisations:list"), LOGGED_IN),
    "organisation detail": (
        lambda w: reverse("organisations:detail", args=[w["organisation"].pk]),
        LOGGED_IN,
    ),
    "organisation create": (lambda w: reverse("organisations:create"), COORDINATORS),
    "organisation edit": (lambda w: reverse("organisations:edit", args=[w["organisation"].pk]), COORDINATORS),
    "venue list": (lambda w: reverse("organisations:venue_list"), LOGGED_IN),
    "venue detail": (lambda w: reverse("organisations:venue_detail", args=[w["venue"].pk]), LOGGED_IN),
    "venue create": (lambda w: reverse("organisations:venue_create"), COORDINATORS),
    "venue edit": (lambda w: reverse("organisations:venue_edit", args=[w["venue"].pk]), COORDINATORS),
    "people list": (
        lambda w: reverse("people:list"),
        row(LOGIN, OK, OK, FORBIDDEN, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    ),
    "person outside every scope": (
        lambda w: reverse("people:detail", args=[w["stranger"].pk]),
        row(LOGIN, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "person of the caller's local government": (
        lambda w: reverse("people:detail", args=[w["colleague"].pk]),
        row(LOGIN, OK, OK, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "person of the caller's partner institution": (
        lambda w: reverse("people:detail", args=[w["partner_colleague"].pk]),
        row(LOGIN, OK, OK, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "person create": (lambda w: reverse("people:create"), COORDINATORS),
    "person edit": (lambda w: reverse("people:edit", args=[w["colleague"].pk]), COORDINATORS),
    "membership add": (lambda w: reverse("people:membership_add", args=[w["colleague"].pk]), COORDINATORS),
    "grant login": (lambda w: reverse("people:grant_login", args=[w["colleague"].pk]), COORDINATORS),
    "roles": (lambda w: reverse("people:roles", args=[w["users"]["expert"].person.pk]), COORDINATORS),
    "data export": (lambda w: reverse("people:export", args=[w["colleague"].pk]), COORDINATORS),
    "data erasure": (lambda w: reverse("people:erase", args=[w["colleague"].pk]), COORDINATORS),
    "expert directory": (
        lambda w: reverse("experts:list"),
        row(LOGIN, OK, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    ),
    "another expert's profile": (
        lambda w: reverse("experts:detail", args=[w["other_expert"].pk]),
        row(LOGIN, OK, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK),
    ),
    "another expert's profile edit": (
        lambda w: reverse("experts:edit", args=[w["other_expert"].pk]),
        row(LOGIN, OK, OK, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, FORBIDDEN),
    ),
    "another expert's self-assessment": (
        lambda w: reverse("experts:assessment", args=[w["other_expert"].pk]),
        row(LOGIN, OK, OK, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, FORBIDDEN),
    ),
    "expert create": (lambda w: reverse("experts:create"), COORDINATORS),
    "competence canon": (lambda w: reverse("experts:competence_list"), COORDINATORS),
    "accessibility declaration": (lambda w: reverse("sitepages:accessibility"), EVERYONE),
    "accessibility declaration edit": (lambda w: reverse("sitepages:accessibility_edit"), ADMINISTRATORS),
    "privacy notice": (lambda w: reverse("sitepages:privacy"), EVERYONE),
    "privacy notice edit": (lambda w: reverse("sitepages:privacy_edit"), ADMINISTRATORS),
    "contact page": (lambda w: reverse("sitepages:contact"), EVERYONE),
    "contact page edit": (lambda w: reverse("sitepages:contact_edit"), ADMINISTRATORS),
    "competence create": (lambda w: reverse("experts:competence_create"), COORDINATORS),
    "competence edit": (
        lambda w: reverse("experts:competence_edit", args=[w["competence"].pk]),
        COORDINATORS,
    ),
    "programme list": (lambda w: reverse("programmes:list"), EVERYONE),
    "public programme": (lambda w: reverse("programmes:detail", args=[w["public_programme"].pk]), EVERYONE),
    "internal programme": (
        lambda w: reverse("programmes:detail", args=[w["internal_programme"].pk]),
        row(NOT_FOUND, OK, OK, OK, OK, OK, OK, OK, OK),
    ),
    "programme create": (lambda w: reverse("programmes:create"), COORDINATORS),
    "programme edit": (lambda w: reverse("programmes:edit", args=[w["public_programme"].pk]), COORDINATORS),
    "account profile": (lambda w: reverse("accounts:profile"), LOGGED_IN),
    "API tokens": (lambda w: reverse("accounts:tokens"), LOGGED_IN),
    "Django admin": (
        lambda w: reverse("admin:index"),
        row(LOGIN, OK, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    ),
}

API_LOGGED_IN = row(UNAUTHORISED, OK, OK, OK, OK, OK, OK, OK, OK)
API = {
    "local governments": (lambda w: "/api/v1/local-governments/", EVERYONE),
    "local government": (lambda w: f"/api/v1/local-governments/{w['gmina'].terc}", EVERYONE),
    "organisations": (lambda w: "/api/v1/organisations/", API_LOGGED_IN),
    "organisation": (lambda w: f"/api/v1/organisations/{w['organisation'].pk}", API_LOGGED_IN),
    "people": (lambda w: "/api/v1/people/", API_LOGGED_IN),
    "person outside every scope": (
        lambda w: f"/api/v1/people/{w['stranger'].pk}",
        row(UNAUTHORISED, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "person of the caller's local government": (
        lambda w: f"/api/v1/people/{w['colleague'].pk}",
        row(UNAUTHORISED, OK, OK, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "programmes": (lambda w: "/api/v1/programmes/", EVERYONE),
    "internal programme": (
        lambda w: f"/api/v1/programmes/{w['internal_programme'].pk}",
        row(NOT_FOUND, OK, OK, OK, OK, OK, OK, OK, OK),
    ),
}


globals().update(matrix_tests("world", pages=PAGES, api=API, api_auths=("session", "token")))


@pytest.mark.parametrize("role", ["lg_member", "partner_member"])
def test_people_outside_the_scope_never_leak_through_lists_search_or_api(client, world, role):
    client.force_login(world["users"][role])
    stranger = world["stranger"]
    for url in (
        reverse("people:list"),
        reverse("people:list") + f"?q={stranger.last_name}",
        "/api/v1/people/",
        f"/api/v1/people/?q={stranger.last_name}",
    ):
        body = text_of(client.get(url))
        assert stranger.full_name not in body, url
        assert stranger.email not in body, url
        assert f'"id": {stranger.pk},' not in body, url


def test_the_expert_directory_shows_no_contact_data_to_experts(client, world):
    client.force_login(world["users"]["expert"])
    other = world["other_expert"].person
    for url in (reverse("experts:list"), reverse("experts:detail", args=[world["other_expert"].pk])):
        body = text_of(client.get(url))
        assert other.last_name in body
        assert other.email not in body
