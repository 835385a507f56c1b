"""Read API: the local-government registry (public) and organisations (logged-in callers)."""

import datetime
from typing import Annotated, Literal

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from rozwoj.accounts.auth import api_auth, public_api_auth
from rozwoj.core.api import Id, Pagination

from .models import LocalGovernment, LocalGovernmentKind, Organisation, OrganisationKind
from .selectors import (
    access_local_government,
    access_organisation,
    local_government_search,
    organisation_search,
)

local_governments_router = Router(tags=["local governments"])
organisations_router = Router(tags=["organisations"])

LocalGovernmentKindName = Literal[tuple(LocalGovernmentKind.values)]  # type: ignore[valid-type]
OrganisationKindName = Literal[tuple(OrganisationKind.values)]  # type: ignore[valid-type]
TercCode = Annotated[str, Field(pattern=r"^\d{7}$|^\d{4}$|^\d{2}$")]
TercPrefix = Annotated[str, Field(pattern=r"^\d{1,7}$", description="A TERC code or its beginning (digits).")]
VoivodeshipCode = Annotated[
    str, Field(pattern=r"^\d{2}$", description="Two-digit TERC code of a voivodeship.")
]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code, e.g. PL.")]
SearchText = Annotated[str, Field(min_length=1, max_length=100)]


# --- local governments ----------------------------------------------------------------------------


class LocalGovernmentOut(Schema):
    terc: str
    name: str
    kind: LocalGovernmentKindName
    kind_display: str
    parent_terc: str | None
    voivodeship_terc: str | None
    registry_date: datetime.date

    @staticmethod
    def resolve_kind_display(obj: LocalGovernment) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_parent_terc(obj: LocalGovernment) -> str | None:
        return obj.parent.terc if obj.parent_id else None

    @staticmethod
    def resolve_voivodeship_terc(obj: LocalGovernment) -> str | None:
        return obj.voivodeship.terc if obj.voivodeship_id else None


class LocalGovernmentFilters(Schema):
    terc: TercPrefix | None = None
    kind: LocalGovernmentKindName | None = None
    voivodeship: VoivodeshipCode | None = None
    q: SearchText | None = Field(None, description="Name, accent-insensitive (‘lodz’ finds Łódź).")


@local_governments_router.get(
    "/", response=list[LocalGovernmentOut], auth=public_api_auth, url_name="local_government_list"
)
@paginate(Pagination, page_size=25)
def list_local_governments(request, filters: Query[LocalGovernmentFilters]):
    return local_government_search(
        request.user, q=filters.q, terc=filters.terc, voivodeship=filters.voivodeship, kind=filters.kind
    )


@local_governments_router.get(
    "/{terc}", response=LocalGovernmentOut, auth=public_api_auth, url_name="local_government_detail"
)
def get_local_government(request, terc: TercCode):
    return access_local_government(request.user, terc, related=("parent", "voivodeship"))


# --- organisations ----------------------------------------------------------------------------------


class OrganisationOut(Schema):
    id: int
    name: str
    acronym: str
    kind: OrganisationKindName
    kind_display: str
    country: str
    city: str
    local_government_terc: str | None
    website: str
    regon: str
    rspo: str
    updated_at: datetime.datetime

    @staticmethod
    def resolve_kind_display(obj: Organisation) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_country(obj: Organisation) -> str:
        return obj.country.code

    @staticmethod
    def resolve_local_government_terc(obj: Organisation) -> str | None:
        return obj.local_government.terc if obj.local_government_id else None


class OrganisationFilters(Schema):
    kind: OrganisationKindName | None = None
    country: CountryCode | None = None
    q: SearchText | None = Field(None, description="Part of the name or acronym.")


@organisations_router.get("/", response=list[OrganisationOut], auth=api_auth, url_name="organisation_list")
@paginate(Pagination, page_size=25)
def list_organisations(request, filters: Query[OrganisationFilters]):
    return organisation_search(request.user, q=filters.q, kind=filters.kind, country=filters.country)


@organisations_router.get(
    "/{int:organisation_id}", response=OrganisationOut, auth=api_auth, url_name="organisation_detail"
)
def get_organisation(request, organisation_id: Id):
    return access_organisation(request.user, organisation_id, related=("local_government",))
