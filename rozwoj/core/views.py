import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

HEALTH_CACHE_KEY = "rozwoj:healthz"


def _database_up() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Health check: the database does not answer.", exc_info=True)
        return False
    return True


def _cache_up() -> bool | None:
    """None when the cache is this process's memory (nothing to check); otherwise whether it answers."""
    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        return None
    try:
        cache.set(HEALTH_CACHE_KEY, "1", timeout=10)
        return cache.get(HEALTH_CACHE_KEY) == "1"
    except Exception:  # any client's connection error (redis, memcached) means: down
        logger.warning("Health check: the cache does not answer.", exc_info=True)
        return False


@never_cache
@require_safe
def healthz(request):
    """200 when the database (and a shared cache, if configured) answers, 503 JSON otherwise. Answered by
    `core.middleware.HealthCheckMiddleware` before sessions and authentication, so no cookie changes it."""
    body: dict[str, str] = {"database": "up" if _database_up() else "down"}
    cache_up = _cache_up()
    if cache_up is not None:
        body["cache"] = "up" if cache_up else "down"
    healthy = all(state == "up" for state in body.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **body}, status=200 if healthy else 503
    )


API_PREFIX = "/api/"


def _api_error(status: int, detail: str) -> JsonResponse:
    """Under /api/ the answer is the API's JSON error body (`core.api_errors.ErrorOut`), never an HTML page:
    e.g. a path whose id is not a number matches no operation and is answered 404 like an unknown id."""
    return JsonResponse({"detail": detail}, status=status)


def error_403(request, exception=None):
    if request.path_info.startswith(API_PREFIX):
        return _api_error(403, "You do not have permission to do this.")
    return render(request, "errors/403.html", status=403)


def error_404(request, exception=None):
    if request.path_info.startswith(API_PREFIX):
        return _api_error(404, "Not found.")
    return render(request, "errors/404.html", status=404)


def error_500(request):
    if request.path_info.startswith(API_PREFIX):
        return _api_error(500, "Server error.")
    return render(request, "errors/500.html", status=500)


@require_safe
def robots_txt(request):
    """Crawlers may read the public pages; the sitemap lists them. Sign-in, accounts, administration and the
    API are not for indexing."""
    sitemap = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /accounts/",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /i18n/",
        "Disallow: /notifications/",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def sitemap_xml(request):
    """`sitemap.xml` of every public page the apps registered (rozwoj.core.sitemaps)."""
    from django.contrib.sitemaps.views import sitemap

    from .sitemaps import registered_sitemaps

    return sitemap(request, sitemaps=registered_sitemaps())
