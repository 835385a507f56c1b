"""`sitemap.xml`: each app registers the Sitemap of its public pages here (rozwoj.core.related's spirit: nothing
in core imports an app). An app's `<app>/sitemaps.py` is imported when the apps are ready:

    # rozwoj/news/sitemaps.py
    from rozwoj.core.sitemaps import register_sitemap
    register_sitemap("news", NewsSitemap)

A Sitemap lists only what an anonymous visitor may open (drafts, internal and restricted pages never)."""

from __future__ import annotations

from django.apps import apps
from django.contrib.sitemaps import Sitemap
from django.utils.module_loading import module_has_submodule

SITEMAPS_MODULE = "sitemaps"

_sitemaps: dict[str, type[Sitemap] | Sitemap] = {}


def register_sitemap(name: str, sitemap: type[Sitemap] | Sitemap) -> None:
    _sitemaps[name] = sitemap


def registered_sitemaps() -> dict[str, type[Sitemap] | Sitemap]:
    return dict(sorted(_sitemaps.items()))


def autodiscover() -> None:
    from importlib import import_module

    for config in apps.get_app_configs():
        if config.name.startswith("rozwoj.") and module_has_submodule(config.module, SITEMAPS_MODULE):
            import_module(f"{config.name}.{SITEMAPS_MODULE}")
