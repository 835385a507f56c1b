"""A participant registers on site for a hybrid event from its page, sees the confirmation, cancels, and the
registration is gone. axe-core checks every page visited."""

import re

import pytest
from playwright.sync_api import expect

from rozwoj.events.models import Registration, RegistrationStatus
from rozwoj.events.tests.factories_b import hybrid_event
from rozwoj.people.tests.factories import person_with_login

CONFIRMED = re.compile(r"confirmed|potwierdzon", re.IGNORECASE)


@pytest.mark.django_db(transaction=True)
def test_participant_registers_on_site_and_cancels(page, axe, login_as):
    event = hybrid_event(seats=20, title="Coaching w administracji — szkolenie hybrydowe")
    person = person_with_login(first_name="Halina", last_name="Hybrydowa")
    login_as(person.user)

    page.goto(f"/events/{event.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(event.title)
    box = page.locator(".registration-box")
    expect(box).to_be_visible()
    axe(page)

    box.locator(f"a[href='/events/{event.pk}/register/']").click()
    expect(page.locator("input[name=mode][value=on_site]")).to_be_visible()
    expect(page.locator("input[name=online_if_full]")).to_be_visible()
    axe(page)
    page.locator("input[name=mode][value=on_site]").check()
    page.locator("main form:has(input[name=mode]) button[type=submit]").click()

    expect(page).to_have_url(re.compile(rf"/events/{event.pk}/$"))
    expect(page.locator(".registration-box")).to_contain_text(CONFIRMED)
    registration = Registration.objects.get(event=event, person=person)
    assert (registration.status, registration.mode) == (RegistrationStatus.CONFIRMED, "on_site")
    axe(page)

    page.locator(f".registration-box a[href='/events/registrations/{registration.pk}/cancel/']").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe(page)
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/events/my/$"))
    expect(page.locator(f"a[href='/events/registrations/{registration.pk}/cancel/']")).to_have_count(0)
    expect(page.locator("main table")).to_have_count(0)  # no active registration left
    axe(page)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED

    page.goto(f"/events/{event.pk}/")
    expect(page.locator(f".registration-box a[href='/events/{event.pk}/register/']")).to_be_visible()
    axe(page)
