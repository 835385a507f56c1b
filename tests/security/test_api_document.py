"""The OpenAPI document says what the API does: every operation documents its error answers with the one shared
`ErrorOut` body, and says whether it is public — which is checked against what an anonymous caller really gets."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ERROR_REF = "#/components/schemas/ErrorOut"
WRITES = {"post", "put", "patch", "delete"}


def _document(client) -> dict:
    return client.get(reverse("api-v1:openapi-json")).json()


def _operations(document: dict):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def _expected_errors(path: str, method: str, operation: dict) -> set[str]:
    expected = {"401", "403"}
    parameters = operation.get("parameters", [])
    if "{" in path:
        expected.add("404")
    if parameters or "requestBody" in operation:
        expected.update({"400", "422"})
    if method in WRITES:
        expected.add("400")
    return expected


def test_every_operation_documents_its_error_answers_with_the_shared_body(client):
    document = _document(client)
    operations = list(_operations(document))
    assert len(operations) >= 16
    missing = []
    for path, method, operation in operations:
        responses = operation["responses"]
        for status in _expected_errors(path, method, operation):
            schema = (
                responses.get(status, {}).get("content", {}).get("application/json", {}).get("schema", {})
            )
            if schema.get("$ref") != ERROR_REF or not responses[status].get("description"):
                missing.append(f"{method.upper()} {path}: {status}")
        for status in responses:
            if int(status) >= 400 and responses[status]["content"]["application/json"]["schema"] != {
                "$ref": ERROR_REF
            }:
                missing.append(f"{method.upper()} {path}: {status} is not ErrorOut")
    assert not missing, "\n".join(missing)
    error_out = document["components"]["schemas"]["ErrorOut"]
    assert set(error_out["required"]) == {"detail"}
    assert set(error_out["properties"]) == {"detail", "errors"}


def test_refusals_of_registrations_are_documented_as_conflicts(client):
    paths = _document(client)["paths"]
    assert "409" in paths["/api/v1/events/{event_id}/registrations"]["post"]["responses"]
    assert "409" in paths["/api/v1/events/registrations/{registration_id}/cancel"]["post"]["responses"]


def _filled(path: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: "1465011" if m.group(1) == "terc" else "1", path)


def test_public_operations_are_documented_as_public_and_only_they_answer_anonymous_callers(client):
    """A public operation answers an anonymous caller (200, or 404 for an object the public may not see); any
    other answers 401."""
    document = _document(client)
    wrong = []
    for path, method, operation in _operations(document):
        public = operation.get("x-public")
        if not isinstance(public, bool):
            wrong.append(f"{method.upper()} {path}: x-public missing")
            continue
        if public:
            if {} not in operation["security"] or not operation.get("description", "").startswith("Public"):
                wrong.append(
                    f"{method.upper()} {path}: public but the security or description does not say so"
                )
        elif {} in operation.get("security", []):
            wrong.append(f"{method.upper()} {path}: not public but allows no authentication")
        if method != "get":
            continue
        status = client.get(_filled(path)).status_code
        if public and status == 401 or not public and status != 401:
            wrong.append(f"{method.upper()} {path}: x-public={public} but anonymous callers get {status}")
    assert not wrong, "\n".join(wrong)


def test_a_path_that_matches_no_operation_is_answered_with_the_json_error_body(client):
    """A non-numeric id matches no route: the answer is the API's JSON 404, not the site's HTML page."""
    for url in ("/api/v1/events/abc", "/api/v1/people/null,null", "/api/v1/no-such-thing/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/json", url
        assert response.json() == {"detail": "Not found."}, url
    assert "<html" in client.get("/no-such-page/").content.decode()
