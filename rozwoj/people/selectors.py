"""Reads of people, always scoped to what the caller may see (see the scoping rules in the README)."""

from collections.abc import Sequence

from django.db.models import Prefetch, Q, QuerySet, Value
from django.db.models.functions import Concat
from django.http import Http404

from rozwoj.accounts.models import Role
from rozwoj.organisations.models import LocalGovernment, Organisation

from .models import PERSON_ORDER, Membership, Person


def _is_coordinator(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_coordinator)


def person_for_user(user) -> Person | None:
    """The person record behind a login, or None (anonymous users and logins without one)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.filter(user=user).first()


def organisations_of(user) -> QuerySet[Organisation]:
    """The organisations the user's person is a member of."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        pk__in=Membership.objects.filter(person__user=user).values("organisation_id")
    )


def local_governments_of(user) -> QuerySet[LocalGovernment]:
    """A local-government member's units: the local governments of the organisations they belong to."""
    if not getattr(user, "is_authenticated", False):
        return LocalGovernment.objects.none()
    return LocalGovernment.objects.filter(
        pk__in=Membership.objects.filter(
            person__user=user, organisation__local_government__isnull=False
        ).values("organisation__local_government_id")
    )


def people_visible_to(user) -> QuerySet[Person]:
    """Coordinators see everyone; local-government and partner members the people of their units or
    organisations; everyone logged in sees themself; anonymous users see no one."""
    if not getattr(user, "is_authenticated", False):
        return Person.objects.none()
    if user.is_coordinator:
        return Person.objects.all()
    # One `id IN (… UNION …)` rather than `user = X OR id IN (…) OR id IN (…)`: an OR of subqueries
    # makes PostgreSQL filter every person, a union lets it look the few visible ones up by their keys.
    # (SQLite refuses ORDER BY inside a compound SELECT, hence the `order_by()`.)
    visible_ids = Person.objects.filter(user=user).order_by().values("pk")
    if user.has_role(Role.LOCAL_GOVERNMENT_MEMBER):
        unit_ids = local_governments_of(user).values("pk")
        visible_ids = visible_ids.union(
            Membership.objects.filter(organisation__local_government__in=unit_ids)
            .order_by()
            .values("person_id")
        )
    if user.has_role(Role.PARTNER_MEMBER):
        org_ids = organisations_of(user).values("pk")
        visible_ids = visible_ids.union(
            Membership.objects.filter(organisation__in=org_ids).order_by().values("person_id")
        )
    return Person.objects.filter(pk__in=visible_ids)


def organisations_for_filter(user) -> QuerySet[Organisation]:
    """Organisations offered in the people-list filter: only those whose members the user may see."""
    if user.is_coordinator:
        return Organisation.objects.all()
    condition = Q(pk__in=organisations_of(user).values("pk"))
    if user.has_role(Role.LOCAL_GOVERNMENT_MEMBER):
        condition |= Q(local_government__in=local_governments_of(user).values("pk"))
    return Organisation.objects.filter(condition)


def can_see_contact_data(user, person: Person) -> bool:
    """E-mail, phone and sex are shown only to coordinators and to the person themself (searches follow the same
    rule: `person_matches`)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_coordinator or (person.user_id is not None and person.user_id == user.pk)


def people_list(user, *, q: str = "", organisation=None, login: str = "") -> QuerySet[Person]:
    """The people list for `user`, searched and filtered, with what a list row shows preloaded. The login and
    role filter is for coordinators: nobody else is shown who has a login or which roles (it is ignored)."""
    people = search_people(people_visible_to(user), q, viewer=user)
    if organisation is not None:
        people = people.filter(
            pk__in=Membership.objects.filter(organisation=organisation).values("person_id")
        )
    if not _is_coordinator(user):
        login = ""
    if login == "none":
        people = people.filter(user__isnull=True)
    elif login == "any":
        people = people.filter(user__isnull=False)
    elif login in Role.values:
        people = people.filter(user__roles__role=login)
    return people.select_related("user").prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("organisation"))
    )


def person_matches(term: str, viewer, *, path: str = "") -> Q:
    """People (reached through `path`, e.g. "person__") whose name contains `term`, or whose e-mail does where
    `viewer` may see it (see `can_see_contact_data`): a search never matches what its results do not show, or it
    would confirm, say, a hidden e-mail address."""
    match = Q(**{f"{path}first_name__icontains": term}) | Q(**{f"{path}last_name__icontains": term})
    if _is_coordinator(viewer):
        return match | Q(**{f"{path}email__icontains": term})
    if getattr(viewer, "is_authenticated", False):
        return match | Q(**{f"{path}email__icontains": term, f"{path}user": viewer})
    return match


def search_people(people: QuerySet[Person], q: str, *, viewer) -> QuerySet[Person]:
    """`people` whose first name, last name or e-mail (where `viewer` may see it) contains every word of `q` (up
    to five), alphabetically.

    While searching, the matches (found by the trigram indexes) are sorted by an expression rather than by the
    order index: walking that index to find, say, every "Nowak" reads half of the table (PostgreSQL 57 ms
    against 4 ms on the national data set)."""
    terms = q.split()[:5]
    if not terms:
        return people.order_by(*PERSON_ORDER)
    for term in terms:
        people = people.filter(person_matches(term, viewer))
    return people.order_by(Concat("sort_key", Value("")), "id")


def access_person(user, pk: int, *, related: Sequence[str] = (), listed: bool = False) -> Person:
    """The person `pk` if `user` may see them (coordinators: everyone), else 404. With `listed`, the person
    as `people_list` gives them (what the API answers with)."""
    people = people_list(user) if listed else people_visible_to(user).select_related(*related)
    try:
        return people.get(pk=pk)
    except Person.DoesNotExist:
        raise Http404 from None


def access_membership(user, pk: int, *, related: Sequence[str] = ()) -> Membership:
    """A membership of a person `user` may see, else 404."""
    memberships = Membership.objects.select_related(*related)
    if not _is_coordinator(user):
        memberships = memberships.filter(person__in=people_visible_to(user))
    try:
        return memberships.get(pk=pk)
    except Membership.DoesNotExist:
        raise Http404 from None
