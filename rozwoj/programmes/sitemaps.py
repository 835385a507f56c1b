from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from rozwoj.core.sitemaps import register_sitemap

from .selectors import programmes_visible_to


class ProgrammeSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return programmes_visible_to(None).only("pk", "updated_at").order_by("pk")

    def location(self, item):
        return reverse("programmes:detail", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at


register_sitemap("programmes", ProgrammeSitemap)
