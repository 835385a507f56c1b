from django.contrib import admin
from django.urls import include, path

from rozwoj.accounts.views import admin_login, set_language
from rozwoj.api import api
from rozwoj.core.views import healthz, robots_txt, sitemap_xml

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap_xml, name="sitemap"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/login/", admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("accounts/", include("rozwoj.accounts.urls")),
    path("api/v1/", api.urls),
    path("local-governments/", include("rozwoj.organisations.urls_local_governments")),
    path("organisations/", include("rozwoj.organisations.urls")),
    path("people/", include("rozwoj.people.urls")),
    path("experts/", include("rozwoj.experts.urls")),
    path("programmes/", include("rozwoj.programmes.urls")),
    path("events/", include("rozwoj.events.urls")),
    path("documents/", include("rozwoj.documents.urls")),
    path("surveys/", include("rozwoj.surveys.urls")),
    path("advisory/", include("rozwoj.advisory.urls")),
    path("news/", include("rozwoj.news.urls")),
    path("coaching/", include("rozwoj.coaching.urls")),
    path("handbooks/", include("rozwoj.handbooks.urls")),
    path("notifications/", include("rozwoj.notifications.urls")),
    path("search/", include("rozwoj.search.urls")),
    path("", include("rozwoj.sitepages.urls")),
    path("", include("rozwoj.dashboard.urls")),
]

handler403 = "rozwoj.core.views.error_403"
handler404 = "rozwoj.core.views.error_404"
handler500 = "rozwoj.core.views.error_500"

# MEDIA_ROOT is never served directly, not even under DEBUG: uploaded files are reached only through the views
# that check who may see them (rozwoj.core.files; rozwoj.core.checks refuses a configuration that would).
