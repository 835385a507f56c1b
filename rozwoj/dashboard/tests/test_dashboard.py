import pytest

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import UserFactory
from rozwoj.experts.tests.factories import expert_with_login
from rozwoj.organisations.models import LocalGovernment, Organisation
from rozwoj.organisations.tests.factories import GminaFactory, OrganisationFactory
from rozwoj.people.models import Person
from rozwoj.people.tests.factories import local_government_member, person_with_login
from rozwoj.programmes.tests.factories import ProgrammeFactory, ProgrammePartnerFactory

pytestmark = pytest.mark.django_db


def test_visitors_see_the_public_start_page_with_public_programmes_only(client):
    ProgrammeFactory(name="Program publiczny", is_public=True)
    ProgrammeFactory(name="Program wewnętrzny", is_public=False)
    body = client.get("/").content.decode()
    assert "Program publiczny" in body
    assert "Program wewnętrzny" not in body
    assert "Zaloguj się" in body


def test_coordinator_dashboard_shows_programmes_and_counts(client, django_assert_max_num_queries):
    programme = ProgrammeFactory(name="Erasmus+ Coaching demo", status="running")
    ProgrammePartnerFactory(programme=programme)
    ProgrammePartnerFactory(programme=programme, organisation=OrganisationFactory(country="GR"))
    GminaFactory()
    client.force_login(person_with_login(Role.COORDINATOR).user)
    # One fixed query per panel (figures, programmes, to-dos, questionnaires waiting, open registrations, latest
    # news...); the registry's three counts in one.
    with django_assert_max_num_queries(20):
        response = client.get("/")
    body = response.content.decode()
    assert "Erasmus+ Coaching demo" in body
    assert response.context["programme_counts"]["partners"] == 2
    assert response.context["programme_counts"]["countries"] == 2
    assert "z 2 krajów" in body
    counts = response.context["counts"]
    assert counts["organisations"] == Organisation.objects.count()
    assert counts["people"] == Person.objects.count()
    assert counts["local_governments"] == LocalGovernment.objects.count()


def test_expert_dashboard_shows_their_profile(client):
    profile = expert_with_login(specialisations=("ros", "trainer"))
    client.force_login(profile.person.user)
    response = client.get("/")
    assert response.context["expert_profile"] == profile
    body = response.content.decode()
    assert "Twój profil eksperta" in body
    assert "Samoocena kompetencji" in body


def test_local_government_member_dashboard_shows_their_unit(client):
    gmina = GminaFactory(name="Sulejówek")
    member = local_government_member(gmina)
    client.force_login(member.user)
    response = client.get("/")
    assert list(response.context["local_governments"]) == [gmina]
    assert f"/local-governments/{gmina.terc}/" in response.content.decode()


def test_a_login_without_a_role_is_told_so(client):
    client.force_login(UserFactory(roles=[]))
    body = client.get("/").content.decode()
    assert "Twoje konto nie ma jeszcze roli" in body
