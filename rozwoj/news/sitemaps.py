from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from rozwoj.core.sitemaps import register_sitemap

from .selectors import published_posts


class NewsSitemap(Sitemap):
    """Published posts only: drafts, reviews, scheduled and archived posts never."""

    changefreq = "monthly"
    limit = 5000

    def items(self):
        return published_posts().only("pk", "published_at", "text_updated_at")

    def location(self, item):
        return reverse("news:detail", args=[item.pk])

    def lastmod(self, item):
        return item.text_updated_at or item.published_at


class NewsListSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["news:list"]

    def location(self, item):
        return reverse(item)


register_sitemap("news", NewsSitemap)
register_sitemap("news-list", NewsListSitemap)
