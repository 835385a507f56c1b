"""The REST API under /api/v1/: one NinjaAPI, one router per app; OpenAPI at /api/v1/openapi.json."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError

from rozwoj.accounts import mfa
from rozwoj.accounts.auth import SecondFactorRequired, api_auth
from rozwoj.core.api import validation_errors
from rozwoj.events.api import router as events_router
from rozwoj.organisations.api import local_governments_router, organisations_router
from rozwoj.people.api import router as people_router
from rozwoj.programmes.api import router as programmes_router
from rozwoj.surveys.api import router as surveys_router

api = NinjaAPI(
    title="Rozwój API",
    version="1",
    description="Read access to the registries of the Rozwój platform. Authenticate with the browser "
    "session or with a personal token (`Authorization: Bearer <token>`) created on your profile page.",
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
    return _error(request, 400, "Invalid input.", errors=errors)


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
api.add_router("/surveys", surveys_router)
