"""People API: only the people the caller may see; contact data only for coordinators and the person."""

from datetime import date

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from rozwoj.accounts.auth import api_auth
from rozwoj.core.api import Id, Pagination

from . import selectors
from .models import Person

router = Router(tags=["people"], auth=api_auth)


class MembershipOut(Schema):
    organisation_id: int
    organisation: str = Field(..., alias="organisation.name")
    position: str
    start_date: date | None
    end_date: date | None


def _contact_allowed(person: Person, context) -> bool:
    user = context["request"].auth
    return bool(user.is_coordinator or (person.user_id and person.user_id == user.pk))


class PersonOut(Schema):
    id: int
    first_name: str
    last_name: str
    email: str | None = Field(None, description="Only for coordinators and the person themself.")
    phone: str | None = Field(None, description="Only for coordinators and the person themself.")
    has_login: bool
    memberships: list[MembershipOut]

    @staticmethod
    def resolve_email(obj, context):
        return obj.email if _contact_allowed(obj, context) else None

    @staticmethod
    def resolve_phone(obj, context):
        return obj.phone if _contact_allowed(obj, context) else None

    @staticmethod
    def resolve_has_login(obj):
        return obj.user_id is not None

    @staticmethod
    def resolve_memberships(obj):
        return list(obj.memberships.all())


class PersonFilter(Schema):
    q: str = Field(
        "", max_length=100, description="Search in first name, last name and, where you may see it, e-mail."
    )


@router.get("/", response=list[PersonOut], summary="List people you may see")
@paginate(Pagination, page_size=50)
def list_people(request, filters: PersonFilter = Query(...)):  # noqa: B008
    return selectors.people_list(request.auth, q=filters.q)


@router.get("/{int:person_id}", response=PersonOut, summary="One person")
def get_person(request, person_id: Id):
    return selectors.access_person(request.auth, person_id, listed=True)
