"""A coordinator plans a two-session hybrid training, adds an agenda item and a trainer, opens registration,
then postpones session 1 and switches it online because of epidemic restrictions; the event page shows what
was planned and what is now planned. axe-core checks every page visited, the calendar included.

Fields are found by their names so that the journey holds in every language of the interface."""

import pytest
from playwright.sync_api import expect

from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.events.models import Event, EventChange, EventStatus, Format
from rozwoj.events.tests.factories import kind
from rozwoj.organisations.tests.factories import OrganisationFactory, VenueFactory
from rozwoj.people.tests.factories import PersonFactory
from rozwoj.programmes.tests.factories import ProgrammeFactory


def _submit(page):
    page.locator("main form[method=post] button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")


def _add_session(page, event, *, starts, ends, venue):
    page.goto(f"/events/{event.pk}/sessions/new/")
    page.locator("[name=starts_at]").fill(starts)
    page.locator("[name=ends_at]").fill(ends)
    page.locator("[name=hours]").fill("12")
    page.locator("input[name=format][value=hybrid]").check()
    page.locator("select[name=venue]").select_option(str(venue.pk))
    page.locator("[name=online_url]").fill("https://meet.example.org/rozwoj")


@pytest.mark.django_db(transaction=True)
def test_coordinator_plans_and_changes_a_hybrid_training(page, axe, login_as):
    coordinator = user_with_role("coordinator")
    programme = ProgrammeFactory(name="Rozwój kadr samorządowych", acronym="ROS")
    venue = VenueFactory(
        name="Centrum Szkoleniowe w Sulejówku", capacity=30, accessibility_notes="Winda, pętla indukcyjna"
    )
    organiser = OrganisationFactory(name="Fundacja Rozwoju Demokracji Lokalnej")
    PersonFactory(first_name="Anna", last_name="Trenerska")
    login_as(coordinator)

    page.goto("/events/")
    axe(page)
    page.locator("a[href='/events/new/']").click()
    axe(page)
    page.locator("select[name=kind]").select_option(str(kind("training").pk))
    page.locator("select[name=programme]").select_option(str(programme.pk))
    page.locator("select[name=organiser]").select_option(str(organiser.pk))
    page.locator("[name=title]").fill("Szkolenie hybrydowe dla kadr")
    page.locator("main [name=description]").fill("Dwa **zjazdy** szkoleniowe.")
    _submit(page)
    event = Event.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text("Szkolenie hybrydowe dla kadr")
    axe(page)

    # Two hybrid sessions; the first form is checked once with an end before its start.
    _add_session(page, event, starts="2030-03-26T09:00", ends="2030-03-25T16:00", venue=venue)
    _submit(page)
    expect(page.locator(".field-error")).to_have_count(1)
    assert not event.sessions.exists()
    axe(page)
    page.locator("[name=ends_at]").fill("2030-03-28T16:00")
    _submit(page)
    _add_session(page, event, starts="2030-05-07T09:00", ends="2030-05-08T16:00", venue=venue)
    _submit(page)
    assert event.sessions.count() == 2, page.locator("main").inner_text()
    first = event.sessions.get(order=1)
    first_section = page.locator(f"section[aria-labelledby=session-{first.pk}]")
    expect(first_section).to_contain_text("26 marca 2030")
    expect(first_section).to_contain_text("Winda, pętla indukcyjna")
    axe(page)

    # A trainer, then an agenda item led by them.
    page.locator(f"a[href='/events/{event.pk}/trainers/']").first.click()
    axe(page)
    page.locator("main input[name=q]").fill("Trenerska")
    page.locator("main form[role=search] button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    axe(page)
    page.locator("main form[method=post] button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    assert event.trainers.count() == 1
    page.goto(f"/events/sessions/{first.pk}/agenda/")
    axe(page)
    page.locator("[name=agenda-0-day]").fill("2030-03-26")
    page.locator("[name=agenda-0-starts_at]").fill("09:30")
    page.locator("[name=agenda-0-topic]").fill("Partycypacja mieszkańców w praktyce")
    page.locator("select[name=agenda-0-trainer]").select_option(label="Anna Trenerska")
    page.locator("[name=agenda-0-order]").fill("1")
    _submit(page)
    expect(page.locator("main")).to_contain_text("Partycypacja mieszkańców w praktyce")
    expect(page.locator("main")).to_contain_text("Anna Trenerska")

    # Plan it and open registration.
    page.locator("button[name=status][value=planned]").click()
    page.wait_for_load_state("networkidle")
    page.locator("button[name=status][value=registration_open]").click()
    page.wait_for_load_state("networkidle")
    event.refresh_from_db()
    assert event.status == EventStatus.REGISTRATION_OPEN
    axe(page)

    # Postpone session 1 and switch it online because of the epidemic.
    page.locator(f"a[href='/events/{event.pk}/change/']").click()
    axe(page)
    page.locator("select[name=session]").select_option(str(first.pk))
    page.locator("[name=new_starts_at]").fill("2030-06-24T09:00")
    page.locator("[name=new_ends_at]").fill("2030-06-25T16:00")
    page.locator("input[name=new_format][value=online]").check()
    page.locator("select[name=new_venue]").select_option("")
    page.locator("[name=new_online_url]").fill("https://meet.example.org/online")
    page.locator("select[name=reason_category]").select_option("epidemic")
    page.locator("[name=reason]").fill("Ograniczenia epidemiczne COVID-19")
    _submit(page)
    first.refresh_from_db()
    event.refresh_from_db()
    assert first.format == Format.ONLINE
    assert first.planned_format == Format.HYBRID
    assert event.ical_sequence == 1
    assert EventChange.objects.filter(event=event).count() == 2  # rescheduled + format changed

    plan = page.locator("section.plan-history")
    expect(plan).to_contain_text("26 marca 2030 – 28 marca 2030")
    expect(plan).to_contain_text("Centrum Szkoleniowe w Sulejówku")
    expect(plan).to_contain_text("Ograniczenia epidemiczne COVID-19")
    expect(plan).to_contain_text("24 czerwca 2030 – 25 czerwca 2030")
    expect(plan).to_contain_text(coordinator.email)
    axe(page)

    # The calendar of June shows the postponed session as a link to the event.
    page.goto("/events/calendar/?date=2030-06-01")
    axe(page)
    expect(page.locator("table.calendar a", has_text="Szkolenie hybrydowe dla kadr").first).to_have_attribute(
        "href", f"/events/{event.pk}/"
    )
    page.goto("/events/calendar/?date=2030-06-24&view=week")
    axe(page)

    # Postpone the whole event by a week in one change: one history entry naming both sessions.
    page.goto(f"/events/{event.pk}/reschedule/")
    axe(page)
    page.locator("[name=shift_days]").fill("7")
    page.locator("select[name=reason_category]").select_option("trainer_unavailable")
    _submit(page)
    expect(page.locator("section.plan-history")).to_contain_text("Zjazd 1, Zjazd 2")
    event.refresh_from_db()
    assert event.ical_sequence == 2
