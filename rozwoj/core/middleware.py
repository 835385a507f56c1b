import logging
import re
import time

from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.shortcuts import render
from django.utils.translation import gettext as _

logger = logging.getLogger("rozwoj.request")


class RequestLogMiddleware:
    """Logs one structured line per request: method, path, status, duration, user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        user = getattr(request, "user", None)
        logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "fields": {
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                }
            },
        )
        return response


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Polish unless the visitor chose otherwise (language switch cookie).

    Browsers in Poland often send an English Accept-Language; a Polish public body's site should still
    open in Polish, so the header is not consulted."""

    def process_request(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)


# What PostgreSQL's text type cannot hold: the NUL character (and lone surrogates, which no UTF-8 text contains).
_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")


def unstorable_input(request) -> str | None:
    """The name of the first part of the request (the path, a query parameter, a form field) that holds a character
    no database text can store, or None. Uploaded files are not looked at: their content is bytes."""
    if _UNSTORABLE.search(request.path):
        return "path"
    sources = [request.GET]
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        sources.append(request.POST)
    for source in sources:
        for key, values in source.lists():
            if _UNSTORABLE.search(key) or any(_UNSTORABLE.search(value) for value in values):
                return _UNSTORABLE.sub("", key) or "?"
    if request.content_type == "application/json" and b"\\u0000" in request.body.lower():
        return "body"
    return None


class RejectUnstorableInputMiddleware:
    """Answers 400 before any view to a request whose path, query string, form fields or JSON body hold a NUL byte
    (PostgreSQL refuses it in text; SQLite would store it). Pages get a short page, /api/ a JSON error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        field = unstorable_input(request)
        if field is None:
            return self.get_response(request)
        message = _("Remove the control character (NUL) from the input.")
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"detail": _("Invalid input."), "errors": [{"field": field, "message": message}]}, status=400
            )
        return render(request, "errors/400.html", {"message": message}, status=400)
