"""A participant registers on site for a hybrid event from its page, sees the confirmation, cancels, and the
registration is gone; a coordinator picks people from the registry and imports a file with a bad row.
axe-core checks every page visited."""

import re

import pytest
from playwright.sync_api import expect

from rozwoj.accounts.models import Role
from rozwoj.events.models import Registration, RegistrationStatus
from rozwoj.events.tests.factories import hybrid_event
from rozwoj.people.tests.factories import PersonFactory, person_with_login

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


@pytest.mark.django_db(transaction=True)
def test_coordinator_picks_people_and_imports_with_errors(page, axe, login_as):
    event = hybrid_event(seats=20, title="Spotkanie ponadnarodowe trenerów")
    PersonFactory(first_name="Ilze", last_name="Bērziņa", email="ilze@example.org")
    PersonFactory(first_name="Eleni", last_name="Papadopoulou", email="eleni@example.org")
    coordinator = person_with_login(Role.COORDINATOR)
    login_as(coordinator.user)

    page.goto(f"/events/{event.pk}/participants/")
    axe(page)
    page.locator(f"a[href='/events/{event.pk}/participants/add/']").click()
    axe(page)
    page.locator("main input[name=q]").fill("Bērzi")
    page.locator("main form[role=search] button[type=submit]").click()
    expect(page.locator("#candidates")).to_contain_text("Bērziņa")
    page.locator("#candidates input[name=people]").first.check()
    page.locator("main input[name=q]").fill("Papado")
    page.locator("main form[role=search] button[type=submit]").click()
    expect(page.locator("#candidates")).to_contain_text("Papadopoulou")
    expect(page.locator("#candidates input[name=people]:checked")).to_have_count(1)  # still ticked
    page.locator("#candidates label", has_text="Papadopoulou").locator("input").check()
    page.locator("input[name=mode][value=online]").check()
    axe(page)
    page.locator("#bulk-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/events/{event.pk}/participants/$"))
    expect(page.locator("main table")).to_contain_text("Bērziņa")
    expect(page.locator("main table")).to_contain_text("Papadopoulou")
    assert Registration.objects.filter(event=event, mode="online").count() == 2
    axe(page)

    page.locator(f"a[href='/events/{event.pk}/participants/import/']").click()
    axe(page)
    page.locator("input[name=file]").set_input_files(
        files=[
            {
                "name": "uczestnicy.csv",
                "mimeType": "text/csv",
                "buffer": (
                    b"first_name,last_name,email,mode\n"
                    b"Anna,Nowak,anna@example.org,on_site\n"
                    b"Jan,Kowal,zly-adres,on_site\n"
                ),
            }
        ]
    )
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main table")).to_contain_text("zly-adres")
    expect(page.locator("main table tbody th")).to_have_text(["3"])
    assert Registration.objects.filter(event=event).count() == 2
    axe(page)
