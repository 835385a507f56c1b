"""Read API for programmes: anonymous callers see public programmes only (the selectors scope it)."""

import datetime
from decimal import Decimal

from django.http import Http404
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from rozwoj.accounts.auth import public_api_auth
from rozwoj.core.api import Id, Pagination

from . import selectors
from .models import PartnerRole, Programme, ProgrammeStatus, ResultStatus

router = Router(tags=["programmes"])


class OrganisationRef(Schema):
    id: int
    name: str
    acronym: str
    country: str
    country_name: str

    @staticmethod
    def resolve_country(obj) -> str:
        return obj.country.code

    @staticmethod
    def resolve_country_name(obj) -> str:
        return str(obj.country.name)


class ProgrammeOut(Schema):
    id: int
    name: str
    acronym: str
    status: ProgrammeStatus
    funding_programme: str
    funding_action: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    is_public: bool
    lead_institution: OrganisationRef
    partner_count: int


class PartnerOut(Schema):
    organisation: OrganisationRef
    role: PartnerRole
    contribution: str

    @staticmethod
    def resolve_contribution(obj) -> str:
        return obj.description


class ResultOut(Schema):
    id: int
    title: str
    description: str
    due_date: datetime.date | None
    status: ResultStatus


class IndicatorOut(Schema):
    id: int
    name: str
    unit: str
    target_value: Decimal
    achieved_value: Decimal | None
    percentage: Decimal | None


class ProgrammeDetailOut(ProgrammeOut):
    agreement_number: str | None
    goal: str
    description: str
    partners: list[PartnerOut]
    results: list[ResultOut]
    indicators: list[IndicatorOut]

    @staticmethod
    def resolve_partner_count(obj) -> int:
        return len(obj.partners.all())

    @staticmethod
    def resolve_partners(obj):
        return list(obj.partners.all())

    @staticmethod
    def resolve_results(obj):
        return list(obj.results.all())

    @staticmethod
    def resolve_indicators(obj):
        return list(obj.indicators.all())


class ProgrammeFilters(Schema):
    status: ProgrammeStatus | None = None
    q: str | None = None


@router.get("/", response=list[ProgrammeOut], auth=public_api_auth)
@paginate(Pagination)
def list_programmes(request, filters: Query[ProgrammeFilters]):
    """Programmes the caller may see (anonymous callers: public ones), filtered by status and name/acronym."""
    return selectors.programme_list(request.user, q=(filters.q or "").strip(), status=filters.status or "")


@router.get("/{int:programme_id}", response=ProgrammeDetailOut, auth=public_api_auth)
def get_programme(request, programme_id: Id):
    """One programme with partners, planned results and indicators; the agreement number for logged-in callers."""
    try:
        programme: Programme = selectors.programme_detail(request.user, programme_id)
    except Programme.DoesNotExist:
        raise Http404 from None
    if not request.user.is_authenticated:
        programme.agreement_number = None
    return programme
