"""A coordinator marks attendance for two sessions (clicks and keyboard, saved by HTMX), prints the
attendance list, issues certificates; the participant downloads theirs; anybody verifies its code."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.core.testing import pdf_text
from rozwoj.events.models import Attendance, AttendanceMode, AttendanceStatus, Certificate
from rozwoj.events.tests.factories import participant, programme_event_with_sessions


def wait_for_mark(registration, session, status):
    for _i in range(50):
        mark = Attendance.objects.filter(registration=registration, session=session).first()
        if mark is not None and mark.status == status:
            return
        import time

        time.sleep(0.1)
    raise AssertionError(f"{registration} was not marked {status} at {session}")


@pytest.mark.django_db(transaction=True)
def test_attendance_certificates_and_verification(page, axe, login_as):
    coordinator = user_with_role(Role.COORDINATOR)
    event, (first, second) = programme_event_with_sessions(
        hours=(Decimal("6"), Decimal("4")), title="Szkolenie z zarządzania zmianą"
    )
    anna = participant(event, first_name="Anna", last_name="Żurawska")
    bartek = participant(event, first_name="Bartłomiej", last_name="Nowicki", mode=AttendanceMode.ONLINE)
    celina = participant(event, first_name="Celina", last_name="Kowal", language="en")

    login_as(coordinator)

    # From the event page to session 1: click Anna present on site, Bartłomiej present online;
    # everyone else with the button.
    page.goto(f"/events/{event.pk}/")
    axe(page)
    page.locator(f"a[href='/events/sessions/{first.pk}/attendance/']").click()
    expect(page.locator(f"#attendance-row-{anna.pk}")).to_contain_text("Anna Żurawska")
    axe(page)
    page.locator(f"#att-{anna.pk}-present_on_site").check()
    wait_for_mark(anna, first, AttendanceStatus.PRESENT_ON_SITE)
    expect(page.locator("#attendance-status")).to_contain_text("Anna Żurawska")
    page.locator(f"#att-{bartek.pk}-present_online").check()
    wait_for_mark(bartek, first, AttendanceStatus.PRESENT_ONLINE)
    page.locator("form[action$='/attendance/all-present/'] button").click()
    page.wait_for_load_state("networkidle")
    wait_for_mark(celina, first, AttendanceStatus.PRESENT_ON_SITE)
    axe(page)

    # Session 2 via the session navigation; keyboard only: focus a radio, move with the arrow keys.
    page.locator(f"a[href='/events/sessions/{second.pk}/attendance/']").click()
    page.wait_for_load_state("networkidle")
    axe(page)
    page.locator(f"#att-{anna.pk}-present_on_site").focus()
    page.keyboard.press("Space")
    wait_for_mark(anna, second, AttendanceStatus.PRESENT_ON_SITE)
    page.locator(f"#att-{bartek.pk}-present_on_site").focus()
    page.keyboard.press("Space")
    wait_for_mark(bartek, second, AttendanceStatus.PRESENT_ON_SITE)
    # The row was swapped by HTMX and focus stays in the group: the arrow key moves on to "online".
    expect(page.locator(f"#att-{bartek.pk}-present_on_site")).to_be_focused()
    page.keyboard.press("ArrowRight")
    wait_for_mark(bartek, second, AttendanceStatus.PRESENT_ONLINE)
    page.locator(f"#att-{celina.pk}-absent").check()
    wait_for_mark(celina, second, AttendanceStatus.ABSENT)
    axe(page)

    # The attendance list for signatures.
    response = page.request.get(f"/events/sessions/{second.pk}/attendance.pdf")
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body())
    assert event.programme.name in text
    assert "Anna Żurawska" in text
    assert "Celina Kowal" in text

    # Certificates: Anna and Bartłomiej have 10 of 10 hours, Celina 6 of 10 (60% < 80%).
    page.locator(f"a[href='/events/{event.pk}/certificates/']").click()
    page.wait_for_load_state("networkidle")
    axe(page)
    page.locator("form.actions button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    axe(page)
    assert set(Certificate.objects.values_list("registration_id", flat=True)) == {anna.pk, bartek.pk}
    code = Certificate.objects.get(registration=anna).code
    expect(page.locator(f"a[href='/events/registrations/{anna.pk}/certificate.pdf']")).to_be_visible()

    # The participant downloads her certificate from the event page.
    page.context.clear_cookies()
    login_as(anna.person.user)
    page.goto(f"/events/{event.pk}/")
    axe(page)
    with page.expect_download() as download_info:
        page.locator(f"a[href='/events/registrations/{anna.pk}/certificate.pdf']").click()
    with open(download_info.value.path(), "rb") as handle:
        text = pdf_text(handle.read())
    assert "Anna Żurawska" in text
    assert code in text
    assert "10" in text
    assert page.request.get(f"/events/registrations/{bartek.pk}/certificate.pdf").status == 404

    # Anybody verifies the code on the public page.
    page.context.clear_cookies()
    page.goto("/events/certificates/verify/")
    axe(page)
    page.locator("input[name=code]").fill(code.lower())
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("dl.details")).to_contain_text("Anna Żurawska")
    expect(page.locator("dl.details")).to_contain_text("Szkolenie z zarządzania zmianą")
    axe(page)
    page.locator("input[name=code]").fill("ZZZZ-ZZZZ-ZZZZ")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("#result")).to_be_visible()
    expect(page.locator("dl.details")).to_have_count(0)
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_a_long_attendance_list_is_prepared_and_announced(page, axe, login_as, settings, mailoutbox):
    settings.ROZWOJ_ATTENDANCE_LIST_INLINE_ROWS = 2  # the three participants below make a "long" list
    coordinator = user_with_role(Role.COORDINATOR)
    event, (first, _second) = programme_event_with_sessions(title="Konferencja samorządowa")
    for first_name, last_name in (("Anna", "Żurawska"), ("Łucja", "Lis"), ("Zofia", "Zych")):
        participant(event, first_name=first_name, last_name=last_name)
    login_as(coordinator)

    page.goto(f"/events/sessions/{first.pk}/attendance/")
    axe(page)
    page.get_by_role("button", name="Przygotuj listę obecności do podpisu (PDF)").click()
    expect(page.get_by_role("status").first).to_contain_text("Lista obecności jest przygotowywana")
    prepared = page.get_by_role("region", name="Przygotowane listy obecności")
    expect(prepared).to_contain_text("3 uczestników (PDF)")
    axe(page)

    # The notification and the e-mail point to the same file.
    assert len(mailoutbox) == 1
    assert "Lista obecności gotowa: Konferencja samorządowa" in mailoutbox[0].subject
    page.goto("/notifications/")
    expect(page.locator("main")).to_contain_text("Lista obecności gotowa")
    axe(page)

    page.goto(f"/events/sessions/{first.pk}/attendance/")
    response = page.request.get(prepared.get_by_role("link").first.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body())
    # Polish alphabetical order: Lis, Zych, Żurawska.
    assert text.index("Łucja Lis") < text.index("Zofia Zych") < text.index("Anna Żurawska")
