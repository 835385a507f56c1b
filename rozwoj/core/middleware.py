import logging
import time

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware

from .views import healthz

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


class HealthCheckMiddleware:
    """Answers /healthz itself, placed before the session and authentication middleware: whatever cookies the
    request carries, the check touches the database only with its own probe (a session cookie would otherwise
    load the session from the database that is down and turn the answer into a 500)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            return healthz(request)
        return self.get_response(request)
