"""Reads of the site pages. Everyone may read them; only their editing is restricted (services)."""

from django.http import Http404

from rozwoj.accounts.models import Role, User

from .models import DECLARATION_PK, AccessibilityDeclaration, SitePage


def declaration_get() -> AccessibilityDeclaration:
    """The accessibility declaration; 404 when the site has none (the data migration creates it)."""
    declaration = AccessibilityDeclaration.objects.filter(pk=DECLARATION_PK).first()
    if declaration is None:
        raise Http404
    return declaration


def site_page_get(kind: str) -> SitePage:
    page = SitePage.objects.filter(kind=kind).first()
    if page is None:
        raise Http404
    return page


def active_administrators():
    return User.objects.filter(is_active=True, roles__role=Role.ADMINISTRATOR).distinct().order_by("pk")
