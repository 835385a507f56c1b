"""API of the lists coordinators keep for the advisory cycle (read only, public: the application form offers the
support areas to everyone): the ids a client needs to apply, log support or name an HDR action's tool. Terms
withdrawn from use are listed too (records keep them), with `in_use` false."""

from ninja import Schema

from rozwoj.accounts.auth import public_api_auth

from .api import router
from .selectors.catalogues import CATALOGUES, catalogue_terms


class TermOut(Schema):
    id: int
    name: str
    in_use: bool
    position: int | None = None
    description: str | None = None
    is_cycle_wide: bool | None = None


def _terms(slug: str) -> list[dict]:
    catalogue = CATALOGUES[slug]
    return [
        {
            "id": term.pk,
            "name": term.name,
            "in_use": term.is_active,
            "position": position if catalogue.ordered else None,
            "description": getattr(term, "description", None),
            "is_cycle_wide": getattr(term, "is_cycle_wide", None),
        }
        for position, term in enumerate(catalogue_terms(catalogue, with_uses=False), start=1)
    ]


@router.get("/support-areas", response=list[TermOut], auth=public_api_auth)
def list_support_areas(request):
    """The support areas, in the coordinators' order."""
    return _terms("support-areas")


@router.get("/support-forms", response=list[TermOut], auth=public_api_auth)
def list_support_forms(request):
    """The forms of support of the support log, in the coordinators' order."""
    return _terms("support-forms")


@router.get("/management-tools", response=list[TermOut], auth=public_api_auth)
def list_management_tools(request):
    """The management tools an HDR action may name, by name."""
    return _terms("management-tools")
