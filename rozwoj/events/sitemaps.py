from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from rozwoj.core.sitemaps import register_sitemap

from .selectors.access import events_visible_to


class EventSitemap(Sitemap):
    """Public events that are not drafts: what an anonymous visitor may open."""

    changefreq = "weekly"
    limit = 5000

    def items(self):
        return events_visible_to(None).only("pk", "updated_at").order_by("pk")

    def location(self, item):
        return reverse("events:detail", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at


register_sitemap("events", EventSitemap)
