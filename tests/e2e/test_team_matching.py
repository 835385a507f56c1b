"""Browser journey: a coordinator has the platform propose a call's advisory teams, swaps one expert, accepts and
confirms; the engagement then shows its team. axe-core checks every page."""

import pytest
from playwright.sync_api import expect

from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.advisory.models import Engagement
from rozwoj.advisory.tests.factories import CallFactory
from rozwoj.advisory.tests.test_team_matching import accepted, expert
from rozwoj.experts.models import Specialisation


@pytest.mark.django_db(transaction=True)
def test_coordinator_proposes_swaps_and_confirms_the_teams(page, axe, login_as):
    coordinator = user_with_role("coordinator")
    call = CallFactory(title="Nabór 2022–23")
    dwikozy, other = accepted(call, coordinator, 2)
    best_ros = expert(Specialisation.ROS, level=5, capacity=2)
    second_ros = expert(Specialisation.ROS, level=1, capacity=2)
    pro = expert(Specialisation.PRO, level=3, capacity=2)
    unit = dwikozy.local_government.display_name
    login_as(coordinator)

    page.goto(f"/advisory/calls/{call.pk}/")
    page.get_by_role("link", name="Teamy doradcze").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Teamy doradcze: Nabór 2022–23")
    expect(page.get_by_text("Nie zaproponowano jeszcze teamów.")).to_be_visible()
    axe(page)

    page.get_by_role("button", name="Zaproponuj teamy").click()
    expect(page.get_by_text("Teamy zostały zaproponowane.")).to_be_visible()
    rows = page.get_by_role("table").locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text=unit)).to_contain_text(str(best_ros.person))
    axe(page)

    page.get_by_role("link", name=f"Zamień eksperta w teamie JST {unit}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Zamiana eksperta w teamie JST {unit}")
    axe(page)
    section = page.locator("section").filter(has=page.locator("#id_ros_expert"))
    section.locator("#id_ros_expert").select_option(label=str(second_ros.person))
    section.get_by_role("button").click()
    expect(page.get_by_text("Ekspert został zamieniony.")).to_be_visible()
    expect(rows.filter(has_text=unit)).to_contain_text(str(second_ros.person))

    page.get_by_role("button", name=f"Przyjmij team JST {unit}").click()
    page.get_by_role("button", name=f"Przyjmij team JST {other.local_government.display_name}").click()
    expect(page.get_by_text("Przyjęto 2 z 2 propozycji.")).to_be_visible()
    page.get_by_role("button", name="Zatwierdź przyjęte teamy").click()
    expect(page.get_by_text("Zatwierdzono teamy w 2 wsparciach JST.")).to_be_visible()
    axe(page)

    page.goto(f"/advisory/engagements/{dwikozy.pk}/")
    expect(page.locator("main")).to_contain_text(str(second_ros.person))
    expect(page.locator("main")).to_contain_text(str(pro.person))
    axe(page)
    engagement = Engagement.objects.get(pk=dwikozy.pk)
    assert (engagement.ros_expert, engagement.pro_expert) == (second_ros, pro)
