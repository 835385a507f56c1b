"""The one error body of the API, and which error answers an operation documents.

Every refusal of /api/v1/ is JSON `{"detail": "...", "errors": [{"field": ..., "message": ...}]}` (`errors` only
where fields are named). `rozwoj.api` documents these answers on every operation with `ErrorOut`, so that a
client (and schemathesis) can rely on the document."""

from ninja import Schema

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

ERROR_DESCRIPTIONS = {
    400: "The input holds a character no database can store (NUL), or breaks a rule of the service; `errors` "
    "names the fields.",
    401: "The `Authorization` header carries a wrong, revoked or malformed token (or the operation needs a "
    "signed-in caller and there is none).",
    403: "The caller may not do this, their role requires a second factor they have not used, or a "
    "session-authenticated write lacks the CSRF token.",
    404: "No such object among those the caller may see.",
    409: "The request conflicts with the current state (e.g. already registered, too late to cancel).",
    422: "A parameter or the body is malformed or out of range; `errors` names the fields.",
}


class ErrorItem(Schema):
    field: str | None
    message: str


class ErrorOut(Schema):
    """The body of every error answer of the API."""

    detail: str
    errors: list[ErrorItem] = []


def error_statuses(*, methods: set[str] | list[str], has_path: bool, has_input: bool) -> list[int]:
    """The error answers an operation can give: 401 and 403 always (any request may carry a bad token or come
    from a caller without the second factor), 404 where a path names an object, 422 where there is input to
    validate, 400 where there is input (a NUL character is refused before any view) or a write calls a service
    that checks its rules."""
    statuses = [401, 403]
    if has_path:
        statuses.append(404)
    if has_input or set(methods) & WRITE_METHODS:
        statuses.append(400)
    if has_input:
        statuses.append(422)
    return sorted(statuses)
