import pytest

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import UserFactory
from rozwoj.experts.tests.factories import expert_with_login
from rozwoj.organisations.tests.factories import (
    GminaFactory,
    LocalGovernmentOfficeFactory,
    OrganisationFactory,
)
from rozwoj.people.tests.factories import MembershipFactory, PersonFactory, person_with_login


@pytest.fixture
def world(db):
    """Two local governments, a partner organisation and people in each, plus one user per role."""
    gmina_a, gmina_b = GminaFactory(), GminaFactory()
    office_a = LocalGovernmentOfficeFactory(local_government=gmina_a)
    school_a = OrganisationFactory(kind="school", local_government=gmina_a, name="Szkoła Podstawowa A")
    office_b = LocalGovernmentOfficeFactory(local_government=gmina_b)
    partner_org = OrganisationFactory(kind="partner_institution", name="MetaCoach", country="LV")
    other_org = OrganisationFactory(name="Inna fundacja")

    lg_member = person_with_login(Role.LOCAL_GOVERNMENT_MEMBER, organisation=office_a, first_name="Lucyna")
    partner = person_with_login(Role.PARTNER_MEMBER, organisation=partner_org, first_name="Pēteris")
    coordinator = person_with_login(Role.COORDINATOR, first_name="Krystyna")
    admin = person_with_login(Role.ADMINISTRATOR, first_name="Adam")
    expert = expert_with_login()

    teacher_a = PersonFactory(first_name="Tadeusz", last_name="Szkolny", phone="+48 600 100 200", sex="male")
    MembershipFactory(person=teacher_a, organisation=school_a)
    clerk_b = PersonFactory(first_name="Barbara", last_name="Obca")
    MembershipFactory(person=clerk_b, organisation=office_b)
    coach = PersonFactory(first_name="Ilze", last_name="Partnerska")
    MembershipFactory(person=coach, organisation=partner_org)
    outsider = PersonFactory(first_name="Olga", last_name="Zewnętrzna")
    MembershipFactory(person=outsider, organisation=other_org)
    return {
        "gmina_a": gmina_a,
        "office_a": office_a,
        "school_a": school_a,
        "office_b": office_b,
        "partner_org": partner_org,
        "lg_member": lg_member,
        "partner": partner,
        "coordinator": coordinator,
        "admin": admin,
        "expert": expert,
        "teacher_a": teacher_a,
        "clerk_b": clerk_b,
        "coach": coach,
        "outsider": outsider,
        "no_role": UserFactory(),
    }
