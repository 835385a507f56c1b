import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.organisations.tests.factories import OrganisationFactory
from rozwoj.people.tests.factories import MembershipFactory, person_with_login
from rozwoj.programmes.models import ProgrammeStatus
from rozwoj.programmes.selectors import (
    partner_organisation_ids,
    programme_counts,
    programme_list,
    programmes_visible_to,
)

from .factories import ProgrammeFactory, ProgrammePartnerFactory

pytestmark = pytest.mark.django_db


def test_anonymous_sees_public_programmes_only():
    public = ProgrammeFactory(is_public=True)
    ProgrammeFactory(is_public=False)
    assert list(programmes_visible_to(AnonymousUser())) == [public]
    assert list(programmes_visible_to(None)) == [public]


@pytest.mark.parametrize("role", ["coordinator", "expert", "lg_member", "partner_member"])
def test_logged_in_users_see_every_programme(request, role):
    user = request.getfixturevalue(role)
    ProgrammeFactory(is_public=True)
    ProgrammeFactory(is_public=False)
    assert programmes_visible_to(user).count() == 2


def test_programme_list_filters_and_counts_partners(coordinator):
    erasmus = ProgrammeFactory(name="Coaching in schools", acronym="COACH", status=ProgrammeStatus.RUNNING)
    ProgrammePartnerFactory.create_batch(2, programme=erasmus)
    ProgrammeFactory(name="Support system", acronym="WSPARCIE", funding_programme="POWER")

    assert [p.acronym for p in programme_list(coordinator, q="coach")] == ["COACH"]
    assert [p.acronym for p in programme_list(coordinator, q="wsparcie")] == ["WSPARCIE"]
    assert [p.acronym for p in programme_list(coordinator, status="running")] == ["COACH"]
    assert [p.acronym for p in programme_list(coordinator, funding="pow")] == ["WSPARCIE"]
    assert programme_list(coordinator, q="coach").get().partner_count == 2


def test_programme_list_year_means_running_in_that_year(coordinator):
    import datetime

    ProgrammeFactory(acronym="OLD", start_date=datetime.date(2018, 1, 1), end_date=datetime.date(2019, 6, 30))
    ProgrammeFactory(acronym="NOW", start_date=datetime.date(2020, 9, 1), end_date=datetime.date(2022, 8, 31))
    ProgrammeFactory(acronym="OPEN", start_date=datetime.date(2021, 1, 1), end_date=None)
    assert {p.acronym for p in programme_list(coordinator, year=2021)} == {"NOW", "OPEN"}
    assert {p.acronym for p in programme_list(coordinator, year=2019)} == {"OLD"}


def test_programme_counts_by_status_partners_and_countries(django_assert_max_num_queries):
    latvian = OrganisationFactory(country="LV")
    greek = OrganisationFactory(country="GR")
    first = ProgrammeFactory(status=ProgrammeStatus.RUNNING)
    second = ProgrammeFactory(status=ProgrammeStatus.RUNNING, is_public=False)
    ProgrammeFactory(status=ProgrammeStatus.COMPLETED)
    ProgrammePartnerFactory(programme=first, organisation=latvian)
    ProgrammePartnerFactory(programme=second, organisation=latvian)
    ProgrammePartnerFactory(programme=second, organisation=greek)

    with django_assert_max_num_queries(2):
        counts = programme_counts()

    assert counts["total"] == 3
    assert {row["status"]: row["count"] for row in counts["by_status"]} == {
        "planned": 0,
        "running": 2,
        "completed": 1,
        "cancelled": 0,
    }
    assert counts["partners"] == 2
    assert counts["countries"] == 2


def test_programme_counts_when_there_is_nothing():
    counts = programme_counts()
    assert counts["total"] == 0
    assert counts["partners"] == 0
    assert counts["countries"] == 0


def test_partner_organisation_ids_are_the_programme_organisations_the_partner_member_works_for():
    partner = ProgrammePartnerFactory()
    programme = partner.programme
    other_programme_partner = ProgrammePartnerFactory()
    member = person_with_login(Role.PARTNER_MEMBER, organisation=partner.organisation)
    MembershipFactory(person=member, organisation=programme.lead_institution)
    MembershipFactory(person=member, organisation=other_programme_partner.organisation)
    assert partner_organisation_ids(member.user, programme) == {
        partner.organisation_id,
        programme.lead_institution_id,
    }


def test_partner_organisation_ids_ignore_ended_memberships_other_roles_and_anonymous():
    partner = ProgrammePartnerFactory()
    ended = person_with_login(Role.PARTNER_MEMBER)
    MembershipFactory(
        person=ended,
        organisation=partner.organisation,
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2021, 1, 1),
    )
    expert = person_with_login(Role.EXPERT, organisation=partner.organisation)
    assert partner_organisation_ids(ended.user, partner.programme) == set()
    assert partner_organisation_ids(expert.user, partner.programme) == set()
    assert partner_organisation_ids(AnonymousUser(), partner.programme) == set()
    assert partner_organisation_ids(user_with_role(Role.PARTNER_MEMBER), partner.programme) == set()
