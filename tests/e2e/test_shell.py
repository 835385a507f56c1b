"""Logging in as each role shows that role's navigation; the language switch changes the whole page."""

import pytest

from rozwoj.accounts.models import Role
from rozwoj.experts.tests.factories import expert_with_login
from rozwoj.organisations.tests.factories import OrganisationFactory
from rozwoj.people.tests.factories import local_government_member, person_with_login

pytestmark = pytest.mark.django_db(transaction=True)

COMMON = ["Szkolenia i spotkania", "Kalendarz"]
ALL_LINKS = COMMON + [
    "Programy",
    "Samorządy",
    "Organizacje",
    "Miejsca",
    "Osoby",
    "Eksperci",
    "Kanon kompetencji",
    "Administracja",
]
NAVIGATION = {
    Role.ADMINISTRATOR: ALL_LINKS,
    Role.COORDINATOR: COMMON
    + [
        "Programy",
        "Samorządy",
        "Organizacje",
        "Miejsca",
        "Osoby",
        "Eksperci",
        "Kanon kompetencji",
    ],
    Role.EXPERT: COMMON + ["Programy", "Samorządy", "Organizacje", "Miejsca", "Eksperci"],
    Role.LOCAL_GOVERNMENT_MEMBER: COMMON + ["Programy", "Samorządy", "Organizacje", "Miejsca", "Osoby"],
    Role.PARTNER_MEMBER: COMMON + ["Programy", "Samorządy", "Organizacje", "Miejsca", "Osoby"],
}


def _user_for(role):
    if role == Role.EXPERT:
        return expert_with_login().person.user
    if role == Role.LOCAL_GOVERNMENT_MEMBER:
        return local_government_member().user
    if role == Role.PARTNER_MEMBER:
        return person_with_login(
            role, organisation=OrganisationFactory(kind="partner_institution", country="LV")
        ).user
    return person_with_login(role).user


@pytest.mark.parametrize("role", list(NAVIGATION), ids=str)
def test_each_role_logs_in_and_sees_its_navigation(page, login, axe, role):
    user = _user_for(role)
    page.goto("/")
    axe(page)
    login(user.email)
    assert "/accounts/login" not in page.url
    nav = page.get_by_role("navigation", name="Nawigacja główna")
    assert nav.is_visible()
    links = [text.strip() for text in nav.get_by_role("link").all_inner_texts()]
    for expected in NAVIGATION[role]:
        assert expected in links, f"{role}: {expected} missing from {links}"
    for absent in set(ALL_LINKS) - set(NAVIGATION[role]):
        assert absent not in links, f"{role}: {absent} should not be in {links}"
    assert page.get_by_role("heading", level=1).inner_text() == "Pulpit"
    axe(page)


def test_wrong_password_shows_a_message_and_the_login_page_is_accessible(page, login, axe):
    user = _user_for(Role.COORDINATOR)
    login(user.email, "not-the-password")
    assert "/accounts/login/" in page.url
    assert (
        page.locator(".errorlist, [role=alert], ul.errorlist").count() > 0
        or "nie są poprawne" in page.content()
    )
    axe(page)


def test_switching_language_to_english_and_back(page, login_as, axe):
    login_as(_user_for(Role.COORDINATOR))
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "pl"
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Dashboard"
    assert (
        page.get_by_role("navigation", name="Main navigation")
        .get_by_role("link", name="Programmes")
        .is_visible()
    )
    axe(page)
    page.get_by_role("button", name="Polski").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "pl"
    assert page.get_by_role("heading", level=1).inner_text() == "Pulpit"
