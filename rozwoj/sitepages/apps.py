from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitepagesConfig(AppConfig):
    name = "rozwoj.sitepages"
    verbose_name = _("Site pages")
