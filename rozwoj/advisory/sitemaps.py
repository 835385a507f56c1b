"""Published development action schedules in sitemap.xml: the gallery and each published HDR. Drafts, submitted
and approved-but-unpublished HDRs never appear."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from rozwoj.core.sitemaps import register_sitemap

from .models import Hdr, HdrStatus


class HdrSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Hdr.objects.filter(status=HdrStatus.PUBLISHED).only("pk", "updated_at").order_by("pk")

    def location(self, item):
        return reverse("advisory:hdr_public", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at


class HdrGallerySitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["advisory:hdr_gallery"]

    def location(self, item):
        return reverse(item)


register_sitemap("hdr", HdrSitemap)
register_sitemap("hdr-gallery", HdrGallerySitemap)
