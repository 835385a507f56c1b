"""Reads of programmes, always scoped to what the caller may see."""

import datetime

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404

from rozwoj.accounts.models import Role

from .models import Indicator, PlannedResult, Programme, ProgrammePartner, ProgrammeStatus


def programmes_visible_to(user) -> QuerySet[Programme]:
    """Anonymous visitors see public programmes; every logged-in user sees all of them."""
    queryset = Programme.objects.all()
    if user is None or not user.is_authenticated:
        queryset = queryset.filter(is_public=True)
    return queryset


def can_see_programme(user, programme: Programme) -> bool:
    """The rule of `programmes_visible_to` for one programme already loaded (e.g. the programme of an event)."""
    return programme.is_public or bool(user is not None and user.is_authenticated)


def programme_list(
    user,
    *,
    q: str = "",
    status: str = "",
    funding: str = "",
    year: int | None = None,
) -> QuerySet[Programme]:
    """Programmes for lists (pages and API): scoped, filtered, with partner counts in the same query."""
    queryset = programmes_visible_to(user).select_related("lead_institution")
    if q:
        queryset = queryset.filter(Q(name__icontains=q) | Q(acronym__icontains=q))
    if status:
        queryset = queryset.filter(status=status)
    if funding:
        queryset = queryset.filter(funding_programme__icontains=funding)
    if year:
        queryset = queryset.filter(
            start_date__lte=datetime.date(year, 12, 31),
        ).filter(Q(end_date__isnull=True) | Q(end_date__gte=datetime.date(year, 1, 1)))
    return queryset.annotate(partner_count=Count("partners", distinct=True)).order_by(
        F("start_date").desc(nulls_last=True), "name", "id"
    )


def programme_detail(user, pk: int) -> Programme:
    """One programme with partners, results and indicators; Programme.DoesNotExist if not visible."""
    return (
        programmes_visible_to(user)
        .select_related("lead_institution")
        .prefetch_related(
            Prefetch(
                "partners",
                queryset=ProgrammePartner.objects.select_related("organisation").order_by("id"),
            ),
            Prefetch("results", queryset=PlannedResult.objects.order_by("order", "due_date", "id")),
            Prefetch("indicators", queryset=Indicator.objects.order_by("order", "id")),
        )
        .get(pk=pk)
    )


def programme_counts() -> dict:
    """Figures for the coordinator dashboard: programmes by status, partner organisations, their countries.

    Counts every programme (the dashboard is for coordinators, who see all of them). Two queries.
    """
    by_status = dict(Programme.objects.values_list("status").annotate(n=Count("id")).order_by())
    partners = ProgrammePartner.objects.aggregate(
        partners=Count("organisation", distinct=True),
        countries=Count("organisation__country", distinct=True),
    )
    return {
        "total": sum(by_status.values()),
        "by_status": [
            {"status": value, "label": label, "count": by_status.get(value, 0)}
            for value, label in ProgrammeStatus.choices
        ],
        "partners": partners["partners"],
        "countries": partners["countries"],
    }


def access_programme(user, pk: int) -> Programme:
    """The programme `pk` if `user` may see it, else 404 (editing is for coordinators: the views check the
    role, the services check it again)."""
    try:
        return programmes_visible_to(user).get(pk=pk)
    except Programme.DoesNotExist:
        raise Http404 from None


def home_programmes(user, *, limit: int = 6) -> list[Programme]:
    """The programmes on the home page, the latest first; cancelled ones are left out."""
    return list(
        programmes_visible_to(user)
        .exclude(status=ProgrammeStatus.CANCELLED)
        .order_by("-start_date", "name")[:limit]
    )


def partner_organisation_ids(user, programme: Programme) -> set[int]:
    """The organisations of `programme` (its partners and its lead institution) that the user works for.

    A partner member acts for these organisations in the programme's workspace: the partnership's reports,
    handbook chapters and pilot groups are theirs to edit only through this rule. Ended memberships do not count.
    """
    if user is None or not user.is_authenticated or not user.has_role(Role.PARTNER_MEMBER):
        return set()
    person = getattr(user, "person", None)
    if person is None:
        return set()
    programme_organisations = set(
        ProgrammePartner.objects.filter(programme=programme).values_list("organisation_id", flat=True)
    )
    if programme.lead_institution_id:
        programme_organisations.add(programme.lead_institution_id)
    current = Q(end_date__isnull=True) | Q(end_date__gte=datetime.date.today())
    return set(
        person.memberships.filter(current, organisation_id__in=programme_organisations).values_list(
            "organisation_id", flat=True
        )
    )
