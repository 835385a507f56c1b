"""Browser journeys: an expert fills in their self-assessment; a coordinator finds a person."""

import re

import pytest
from playwright.sync_api import expect

from rozwoj.accounts.models import Role
from rozwoj.experts.models import Competence, CompetenceAssessment
from rozwoj.experts.tests.factories import CompetenceFactory, expert_with_login
from rozwoj.organisations.tests.factories import LocalGovernmentOfficeFactory
from rozwoj.people.tests.factories import MembershipFactory, PersonFactory, person_with_login

pytestmark = pytest.mark.django_db(transaction=True)


def test_expert_fills_in_self_assessment(page, axe, login_as):
    profile = expert_with_login(specialisations=("pro",))
    # The seeded canon may have been flushed by an earlier browser test: make sure there is one.
    for number in range(4):
        CompetenceFactory(specialisation="pro", name=f"Kompetencja testowa {number}", order=100 + number)
    login_as(profile.person.user)

    page.goto("/experts/me/")
    expect(page.locator("h1")).to_contain_text(profile.person.full_name)
    axe(page)

    page.get_by_role("link", name="Wypełnij samoocenę").click()
    expect(page.locator("h1")).to_have_text("Samoocena kompetencji")
    axe(page)
    competences = list(Competence.objects.filter(specialisation="pro", is_active=True).order_by("order"))
    for index, competence in enumerate(competences):
        group = page.get_by_role("group", name=competence.name, exact=True)
        group.get_by_role("radio", name=re.compile(rf"^{index % 5 + 1} –")).check()
    page.get_by_role("button", name="Zapisz samoocenę").click()

    expect(page.get_by_role("status")).to_contain_text("Samoocena została zapisana.")
    axe(page)
    first = competences[0]
    expect(page.locator(f'td[data-competence="{first.pk}"]')).to_have_text("1")
    expect(page.locator(f'td[data-competence="{competences[3].pk}"]')).to_have_text("4")
    assert CompetenceAssessment.objects.filter(profile=profile).count() == len(competences)


def test_coordinator_searches_people(page, axe, login_as):
    coordinator = person_with_login(Role.COORDINATOR)
    office = LocalGovernmentOfficeFactory()
    teacher = PersonFactory(first_name="Tadeusz", last_name="Szukany")
    MembershipFactory(person=teacher, organisation=office, position="naczelnik wydziału oświaty")
    PersonFactory(first_name="Anna", last_name="Inna")
    login_as(coordinator.user)

    page.goto("/people/")
    expect(page.locator("h1")).to_have_text("Osoby")
    axe(page)
    page.get_by_label("Imię, nazwisko lub e-mail").fill("szukany")
    page.get_by_role("main").get_by_role("search").get_by_role("button", name="Szukaj").click()
    expect(page.get_by_role("link", name="Szukany Tadeusz")).to_be_visible()
    expect(page.get_by_role("link", name="Inna Anna")).to_have_count(0)
    axe(page)

    page.get_by_role("link", name="Szukany Tadeusz").click()
    expect(page.locator("h1")).to_have_text("Tadeusz Szukany")
    expect(page.get_by_role("cell", name="naczelnik wydziału oświaty")).to_be_visible()
    expect(page.get_by_text(teacher.email)).to_be_visible()
    axe(page)
