"""The configuration Rozwój shipped with under DEBUG (`static(MEDIA_URL, document_root=MEDIA_ROOT)`), kept only so
that the tests can show the system check refuses it."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from rozwoj.urls import urlpatterns as site_patterns

urlpatterns = [
    *site_patterns,
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
]
