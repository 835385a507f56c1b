from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from rozwoj.core.sitemaps import register_sitemap


class SitePageSitemap(Sitemap):
    """The home page and the pages every visitor may read: the lists, the accessibility declaration, the privacy
    notice and the contact page."""

    changefreq = "weekly"

    def items(self):
        return [
            "dashboard:home",
            "programmes:list",
            "events:list",
            "sitepages:accessibility",
            "sitepages:privacy",
            "sitepages:contact",
        ]

    def location(self, item):
        return reverse(item)


register_sitemap("pages", SitePageSitemap)
