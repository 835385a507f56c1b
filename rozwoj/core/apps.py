from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "rozwoj.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import checks  # noqa: F401 — registers the system checks
        from .home import autodiscover as autodiscover_home
        from .periodic.registry import autodiscover
        from .search.registry import autodiscover as autodiscover_search
        from .sitemaps import autodiscover as sitemaps_autodiscover

        autodiscover()  # every app's periodic jobs (<app>/jobs.py) join the registry
        autodiscover_search()  # every app's contribution to the site search (<app>/search.py)
        autodiscover_home()  # every app's section of the home page (<app>/home.py)
        sitemaps_autodiscover()  # every app's public pages (<app>/sitemaps.py) join sitemap.xml
