"""The REST API under /api/v1/: one NinjaAPI, one router per app; OpenAPI at /api/v1/openapi.json."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError

from rozwoj.accounts import mfa
from rozwoj.accounts.auth import SecondFactorRequired, api_auth, session_or_anonymous
from rozwoj.advisory.api import router as advisory_router
from rozwoj.coaching.api import router as coaching_router
from rozwoj.core.api import validation_errors
from rozwoj.core.api_errors import ERROR_DESCRIPTIONS, ErrorOut, error_statuses
from rozwoj.documents.api import router as documents_router
from rozwoj.events.api import router as events_router
from rozwoj.handbooks.api import router as handbooks_router
from rozwoj.news.api import router as news_router
from rozwoj.organisations.api import local_governments_router, organisations_router
from rozwoj.people.api import router as people_router
from rozwoj.programmes.api import router as programmes_router
from rozwoj.surveys.api import router as surveys_router
from rozwoj.surveys.api.results import router as surveys_results_router

api = NinjaAPI(
    title="Rozwój API",
    version="1",
    description="Read access to the registries of the Rozwój platform. Authenticate with the browser "
    "session or with a personal token (`Authorization: Bearer <token>`) created on your profile page. "
    "Operations marked `x-public: true` also answer anonymous callers (with what the public may see); a request "
    "that carries a wrong or revoked token is answered 401 everywhere, never as anonymous. Every error answer is "
    "JSON `ErrorOut`: `detail` and, where fields are at fault, `errors`.",
    urls_namespace="api-v1",
    auth=api_auth,
    openapi_url="/openapi.json",
    docs_url="/docs",
)


def _error(request, status: int, detail, **extra):
    return api.create_response(request, {"detail": detail, **extra}, status=status)


@api.exception_handler(NinjaValidationError)
def on_validation_error(request, exc):
    return _error(request, 422, gettext("Invalid input."), errors=validation_errors(exc.errors))


@api.exception_handler(ValidationError)
def on_django_validation_error(request, exc):
    errors = (
        [
            {"field": field if field != "__all__" else None, "message": str(message)}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
        if hasattr(exc, "error_dict")
        else [{"field": None, "message": str(m)} for m in exc.messages]
    )
    return _error(request, 400, gettext("Invalid input."), errors=errors)


@api.exception_handler(AuthenticationError)
def on_authentication_error(request, exc):
    return _error(request, 401, "Authentication required.")


@api.exception_handler(SecondFactorRequired)
def on_second_factor_required(request, exc):
    return _error(request, 403, str(mfa.SECOND_FACTOR_REQUIRED))


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    return _error(request, 403, "You do not have permission to do this.")


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return _error(request, 404, "Not found.")


api.add_router("/local-governments", local_governments_router)
api.add_router("/organisations", organisations_router)
api.add_router("/people", people_router)
api.add_router("/programmes", programmes_router)
api.add_router("/events", events_router)
api.add_router("/coaching", coaching_router)
api.add_router("/handbooks", handbooks_router)
api.add_router("/documents", documents_router)
api.add_router("/surveys", surveys_router)
api.add_router("/surveys", surveys_results_router)
api.add_router("/advisory", advisory_router)
api.add_router("/news", news_router)


PUBLIC_NOTE = "Public: anonymous callers are answered too, with what the public may see."


def _document_operation(operation) -> None:
    """Document the error answers (one shared `ErrorOut`) and, for operations open to anonymous callers, that
    they are public: `x-public: true`, an empty security requirement and a line in the description."""
    sources = {model.__ninja_param_source__ for model in operation.models}
    for status in error_statuses(
        methods=operation.methods, has_path="path" in sources, has_input=bool(sources)
    ):
        operation.response_models.setdefault(status, operation._create_response_model(ErrorOut))
    extra: dict = {
        "responses": {status: {"description": ERROR_DESCRIPTIONS[status]} for status in ERROR_DESCRIPTIONS}
    }
    if session_or_anonymous in operation.auth_callbacks:
        extra.update({"x-public": True, "security": [{"SessionAuth": []}, {}]})
        operation.description = f"{PUBLIC_NOTE}\n\n{operation.description or ''}".strip()
    else:
        extra["x-public"] = False
    extra["responses"] = {s: d for s, d in extra["responses"].items() if s in operation.response_models}
    operation.openapi_extra = {**(operation.openapi_extra or {}), **extra}
    if operation.tags:
        operation.tags = list(dict.fromkeys(operation.tags))  # nested routers repeat their tags


def _document_operations() -> None:
    # The operations as mounted (ninja binds a copy of each router's operations to the API on first use).
    for router in api._get_bound_routers():
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                _document_operation(operation)


_document_operations()
