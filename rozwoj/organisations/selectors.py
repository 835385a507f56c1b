"""Reads of the organisations app, scoped to what the caller may see.

- Local governments (the TERYT registry) are public: everybody, anonymous included.
- Organisations and venues: every logged-in user reads them; anonymous visitors see none.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Max, Q, QuerySet
from django.http import Http404

from rozwoj.core.user_input import is_digits

from .models import LocalGovernment, LocalGovernmentKind, Organisation, Venue
from .services import normalise_name


def local_governments_visible_to(user) -> QuerySet[LocalGovernment]:
    return LocalGovernment.objects.all()


def local_government_search(
    user,
    *,
    q: str | None = None,
    terc: str | None = None,
    voivodeship: str | None = None,
    kind: str | None = None,
) -> QuerySet[LocalGovernment]:
    """`q`: a name (accent-insensitive, any part) or the beginning of a TERC code (digits)."""
    queryset = local_governments_visible_to(user).select_related("voivodeship", "parent")
    q = (q or "").strip()
    if q:
        if is_digits(q):
            queryset = queryset.filter(terc__startswith=q)
        else:
            queryset = queryset.filter(name_search__contains=normalise_name(q))
    if terc:
        queryset = queryset.filter(terc__startswith=terc)
    if voivodeship:
        queryset = queryset.filter(terc__startswith=voivodeship)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.order_by("terc")


def voivodeships() -> QuerySet[LocalGovernment]:
    """The sixteen voivodeships in alphabetical order (GUS numbers them in the order of the Polish alphabet)."""
    return LocalGovernment.objects.filter(kind=LocalGovernmentKind.VOIVODESHIP).order_by("terc")


def local_government_hierarchy(lg: LocalGovernment) -> list[LocalGovernment]:
    """Ancestors from the voivodeship down to `lg` itself (at most three levels)."""
    chain = [lg]
    while (parent := chain[0].parent) is not None:
        chain.insert(0, parent)
    return chain


def local_government_children(lg: LocalGovernment) -> QuerySet[LocalGovernment]:
    return lg.children.order_by("terc")


def organisations_visible_to(user) -> QuerySet[Organisation]:
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.all()


def organisation_search(
    user, *, q: str | None = None, kind: str | None = None, country: str | None = None
) -> QuerySet[Organisation]:
    queryset = organisations_visible_to(user).select_related("local_government")
    q = (q or "").strip()
    if q:
        queryset = queryset.filter(Q(name__icontains=q) | Q(acronym__icontains=q))
    if kind:
        queryset = queryset.filter(kind=kind)
    if country:
        queryset = queryset.filter(country=country)
    return queryset.order_by("name", "pk")


def venues_visible_to(user) -> QuerySet[Venue]:
    if not getattr(user, "is_authenticated", False):
        return Venue.objects.none()
    return Venue.objects.all()


def venue_search(user, *, q: str | None = None) -> QuerySet[Venue]:
    queryset = venues_visible_to(user).select_related("organisation", "local_government")
    q = (q or "").strip()
    if q:
        queryset = queryset.filter(Q(name__icontains=q) | Q(city__icontains=q))
    return queryset.order_by("name", "pk")


def change_history(obj, limit: int = 50) -> list[dict]:
    """The audit entries of `obj`, newest first, with field names as the user knows them."""
    from rozwoj.core.audit import history_for

    labels = {f.name: str(f.verbose_name) for f in obj._meta.get_fields() if hasattr(f, "verbose_name")}
    return [
        {
            "entry": entry,
            "changes": [
                (labels.get(name, name), values[0] if values else None, values[1] if values else None)
                for name, values in entry.changes.items()
            ],
        }
        for entry in history_for(obj)[:limit]
    ]


# --- access: one function per kind of object, 404 when the caller may not see it -----------------------------


def access_local_government(user, terc: str, *, related: Sequence[str] = ()) -> LocalGovernment:
    try:
        return local_governments_visible_to(user).select_related(*related).get(terc=terc)
    except LocalGovernment.DoesNotExist:
        raise Http404 from None


def access_organisation(user, pk: int, *, related: Sequence[str] = ()) -> Organisation:
    try:
        return organisations_visible_to(user).select_related(*related).get(pk=pk)
    except Organisation.DoesNotExist:
        raise Http404 from None


def access_venue(user, pk: int, *, related: Sequence[str] = ()) -> Venue:
    try:
        return venues_visible_to(user).select_related(*related).get(pk=pk)
    except Venue.DoesNotExist:
        raise Http404 from None


def registry_date():
    """The date of the TERYT registry the local governments were last loaded from."""
    return LocalGovernment.objects.aggregate(date=Max("registry_date"))["date"]
