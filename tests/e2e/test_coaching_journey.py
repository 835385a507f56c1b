"""Coaching in the browser: a coordinator sets up a pilot group, its coach records an agreement and a session with
the techniques used, shared and private notes; the coachee reads the shared note and rates their progress. The
private note is on the coach's pages only, never on the coachee's or the coordinator's. axe checks each page."""

import pytest
from playwright.sync_api import expect

from rozwoj.accounts.models import Role
from rozwoj.coaching.models import Agreement, GoalProgress, PilotGroup, Session
from rozwoj.coaching.tests.factories import TechniqueFactory, make_coach
from rozwoj.organisations.tests.factories import OrganisationFactory
from rozwoj.people.tests.factories import person_with_login
from rozwoj.programmes.tests.factories import ProgrammeFactory

SHARED = "Next step: ask the team which decisions they could take themselves."
PRIVATE = "Seems worn out by the reorganisation; come back to the workload next time."


@pytest.mark.django_db(transaction=True)
def test_a_pilot_group_an_agreement_a_session_and_the_coachee_s_rating(page, axe, login_as):
    programme = ProgrammeFactory(name="Techniki coachingowe w sektorze publicznym")
    lspa = OrganisationFactory(name="Latvian School of Public Administration", country="LV")
    coach = make_coach()
    coachee = person_with_login(None, first_name="Ilze", last_name="Kalniņa")
    coordinator = person_with_login(Role.COORDINATOR).user
    TechniqueFactory(name="GROW model")
    TechniqueFactory(name="Wheel of life")

    page.set_default_navigation_timeout(60_000)  # the shared test machine is slow to serve the first page
    login_as(coordinator)
    page.goto("/coaching/")
    axe(page)
    page.get_by_role("link", name="Grupy pilotażowe").first.click()
    axe(page)
    page.get_by_role("link", name="Utwórz grupę pilotażową").click()
    axe(page)
    page.locator("[name=programme]").select_option(str(programme.pk))
    page.locator("[name=partner]").select_option(str(lspa.pk))
    page.locator("[name=country]").select_option("LV")
    page.locator("[name=name]").fill("LSPA pilot group – Rīga")
    page.locator("[name=capacity]").fill("8")
    page.get_by_label(coach.person.full_name).check()
    page.get_by_role("button", name="Zapisz").click()
    expect(page.locator(".messages")).to_contain_text("Grupa pilotażowa została zapisana.")
    page.get_by_label("Adres e-mail osoby").fill(coachee.email)
    page.get_by_role("button", name="Dodaj członka").click()
    expect(page.locator(".messages")).to_contain_text("Ilze Kalniņa dołącza do grupy.")
    axe(page)

    login_as(coach.person.user)
    page.goto("/coaching/")
    axe(page)
    page.get_by_role("link", name="Zapisz kontrakt").click()
    axe(page)
    page.locator("[name=coachee]").select_option(str(coachee.pk))
    page.locator("[name=programme]").select_option(str(programme.pk))
    page.locator("[name=pilot_group]").select_option(label="LSPA pilot group – Rīga")
    page.locator("[name=sessions_planned]").fill("6")
    page.locator("[name=start_date]").fill("2026-03-02")
    page.locator("[name=confidentiality_terms]").fill("What is said in a session stays between us.")
    page.locator("[name=goals]").fill("Delegate more\nPrepare the team for the reorganisation")
    page.get_by_role("button", name="Zapisz").click()
    expect(page.locator(".form-errors")).to_be_visible()  # recorded only with the coachee's consent
    axe(page)
    page.locator("[name=coachee_consent]").check()
    page.get_by_role("button", name="Zapisz").click()
    expect(page.locator(".messages")).to_contain_text("Kontrakt został zapisany.")
    axe(page)
    agreement = Agreement.objects.get(coachee=coachee)
    page.get_by_role("link", name="Zapisz sesję").click()
    axe(page)
    page.locator("[name=held_on]").fill("2026-03-09")
    page.locator("[name=duration_minutes]").fill("60")
    page.locator("[name=mode][value=online]").check()
    page.get_by_label("GROW model").check()
    page.get_by_label("Wheel of life").check()
    page.locator("[name=shared_notes]").fill(SHARED)
    page.locator("[name=private_notes]").fill(PRIVATE)
    page.get_by_role("button", name="Zapisz").click()
    expect(page.locator(".messages")).to_contain_text("Sesja została zapisana.")
    expect(page.locator(".private-notes")).to_contain_text(PRIVATE)
    axe(page)
    session = Session.objects.get(agreement=agreement)
    assert PRIVATE not in session.private_notes_token
    assert sorted(session.techniques.values_list("name", flat=True)) == ["GROW model", "Wheel of life"]

    login_as(coachee.user)
    page.goto("/coaching/")
    axe(page)
    page.get_by_role("link", name="Ilze Kalniņa").click()
    axe(page)
    assert PRIVATE not in page.content()
    page.locator(f"a[href='/coaching/sessions/{session.pk}/']").click()
    expect(page.locator(".notes")).to_contain_text(SHARED)
    axe(page)
    assert PRIVATE not in page.content()
    page.get_by_role("link", name="Oceń swój postęp w celach").click()
    axe(page)
    page.get_by_label("Delegate more").select_option("4")
    page.get_by_label("Prepare the team for the reorganisation").select_option("6")
    page.get_by_role("button", name="Zapisz").click()
    expect(page.locator(".messages")).to_contain_text("Zapisano Twój postęp; Twój coach go widzi.")
    expect(page.get_by_text("Delegate more: 4/10")).to_be_visible()
    axe(page)
    assert PRIVATE not in page.content()
    assert sorted(GoalProgress.objects.filter(session=session).values_list("rating", flat=True)) == [4, 6]

    login_as(coordinator)
    group = PilotGroup.objects.get(programme=programme)
    for url in (
        f"/coaching/groups/{group.pk}/",
        f"/coaching/sessions/{session.pk}/",
        f"/coaching/agreements/{agreement.pk}/",
    ):
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        axe(page)
        assert PRIVATE not in page.content()
    expect(page.get_by_text("Delegate more: 4/10")).to_be_visible()
