"""An API request that carries an `Authorization` header is answered on its strength alone: a wrong, revoked or
malformed token, or the token of an inactive user, gets 401 with the JSON error body on every operation, public
or not — never the answer an anonymous caller (or the browser session that came with it) would get."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from rozwoj.accounts.models import ApiToken, Role
from rozwoj.accounts.tests.factories import user_with_role

from .signin import bearer

pytestmark = pytest.mark.django_db


def _operations(client) -> list[tuple[str, str]]:
    """(method, url) of every operation of the OpenAPI document, path parameters filled in."""
    schema = client.get(reverse("api-v1:openapi-json")).json()
    filled = {"terc": "1465011"}
    return [
        (method.upper(), re.sub(r"\{(\w+)\}", lambda m: filled.get(m.group(1), "1"), path))
        for path, item in schema["paths"].items()
        for method in item
    ]


def _send(client, method: str, url: str, headers: dict):
    return client.generic(method, url, data="{}", content_type="application/json", headers=headers)


def _bad_headers() -> dict[str, dict]:
    user = user_with_role(Role.COORDINATOR)
    revoked, revoked_raw = ApiToken.issue(user, "revoked")
    revoked.revoked_at = timezone.now()
    revoked.save(update_fields=["revoked_at"])
    inactive = user_with_role(Role.COORDINATOR, is_active=False)
    _token, inactive_raw = ApiToken.issue(inactive, "inactive")
    _token, valid_raw = ApiToken.issue(user, "valid")
    return {
        "wrong token": bearer("x" * 43),
        "revoked token": bearer(revoked_raw),
        "token of an inactive user": bearer(inactive_raw),
        "empty bearer": {"Authorization": "Bearer "},
        "another scheme": {"Authorization": f"Token {valid_raw}"},
        "basic credentials": {"Authorization": "Basic YWRtaW46YWRtaW4="},
    }


def test_every_operation_answers_a_bad_token_with_401_and_the_error_body(client):
    headers_by_case = _bad_headers()
    operations = _operations(client)
    assert len(operations) >= 10
    for case, headers in headers_by_case.items():
        for method, url in operations:
            response = _send(client, method, url, headers)
            assert response.status_code == 401, (case, method, url, response.status_code)
            assert response.json() == {"detail": "Authentication required."}, (case, method, url)


def test_public_operations_do_not_fall_back_to_anonymous_for_a_bad_token(client):
    """The tester's example: a public list answered 200 as for an anonymous caller."""
    for url in ("/api/v1/programmes/", "/api/v1/events/", "/api/v1/local-governments/"):
        assert client.get(url).status_code == 200, url
        assert client.get(url, headers=bearer("wrong")).status_code == 401, url


def test_a_bad_token_is_refused_even_beside_a_valid_browser_session(client):
    client.force_login(user_with_role(Role.COORDINATOR))
    assert client.get("/api/v1/people/").status_code == 200
    assert client.get("/api/v1/people/", headers=bearer("wrong")).status_code == 401
    assert client.get("/api/v1/programmes/", headers=bearer("wrong")).status_code == 401


def test_a_valid_token_still_works_and_a_revoked_one_stops_at_once(client):
    user = user_with_role(Role.COORDINATOR)
    token, raw = ApiToken.issue(user, "skrypt")
    assert client.get("/api/v1/people/", headers=bearer(raw)).status_code == 200
    assert client.get("/api/v1/programmes/", headers=bearer(raw)).status_code == 200
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    assert client.get("/api/v1/programmes/", headers=bearer(raw)).status_code == 401
    user.is_active = False
    user.save(update_fields=["is_active"])
    _token, other_raw = ApiToken.issue(user, "po dezaktywacji")
    assert client.get("/api/v1/programmes/", headers=bearer(other_raw)).status_code == 401
