"""The document library in sitemap.xml: the library page and every public document with a file (the rule of
selectors.visibility_filter for a visitor); documents kept for coordinators, for the signed-in, a role or a
programme's participants never appear."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from rozwoj.core.sitemaps import register_sitemap

from .models import Document, Visibility


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return (
            Document.objects.filter(visibility=Visibility.PUBLIC, current_version__isnull=False)
            .only("pk", "updated_at")
            .order_by("pk")
        )

    def location(self, item):
        return reverse("documents:detail", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at


class LibrarySitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["documents:library"]

    def location(self, item):
        return reverse(item)


register_sitemap("documents", DocumentSitemap)
register_sitemap("documents-library", LibrarySitemap)
