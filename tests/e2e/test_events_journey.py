"""The journey of issue 3, as a new user would try it.

A coordinator creates a two-session hybrid training in a programme, adds an agenda and a trainer and opens
registration; two participants register through the pages (one on site, one online), each in their own
browser; the coordinator postpones both sessions for a stated reason and switches them online. Every
registered person has an e-mail whose calendar invitation keeps the UIDs of the confirmation and carries a
higher SEQUENCE; the event page shows what was planned and what is planned now. The coordinator marks
attendance session by session (one row by row, one with "everyone present"), downloads the attendance list
PDF and issues certificates; a participant downloads their certificate PDF and reads it; anyone can verify
its code on the public page. axe-core checks every page visited.

Fields are found by their names, so that the journey holds in every language of the interface.
"""

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from icalendar import Calendar
from playwright.sync_api import expect

from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.core.testing import pdf_text
from rozwoj.events.models import (
    Attendance,
    AttendanceMode,
    AttendanceStatus,
    Certificate,
    Event,
    EventStatus,
    Format,
    Registration,
    RegistrationStatus,
)
from rozwoj.events.services import attendance as attendance_services
from rozwoj.events.tests.factories import kind
from rozwoj.organisations.tests.factories import OrganisationFactory, VenueFactory
from rozwoj.people.tests.factories import PersonFactory, person_with_login
from rozwoj.programmes.tests.factories import ProgrammeFactory

TITLE = "Zarządzanie oświatą w JST — szkolenie hybrydowe"
REASON = "Obostrzenia epidemiczne: spotkania stacjonarne odwołane"


def _submit(page):
    page.locator("main form[method=post] button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")


def _browser_for(browser, live_server, user):
    """A separate browser (context) logged in as `user`, as a second person at another computer."""
    context = browser.new_context(base_url=live_server.url, locale="pl-PL", timezone_id="Europe/Warsaw")
    context.set_default_timeout(15_000)
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )
    return context, context.new_page()


def _calendar_of(message) -> Calendar:
    attachments = [a for a in message.attachments if a[0].endswith(".ics")]
    assert attachments, f"no .ics attached to “{message.subject}”"
    content = attachments[-1][1]
    return Calendar.from_ical(content.encode() if isinstance(content, str) else content)


def _uids_and_sequence(message) -> tuple[set[str], int]:
    events = _calendar_of(message).walk("VEVENT")
    sequences = {int(event["SEQUENCE"]) for event in events}
    assert len(sequences) == 1
    return {str(event["UID"]) for event in events}, sequences.pop()


def _create_event(page, axe, *, programme, organiser):
    page.goto("/events/")
    axe(page)
    page.locator("a[href='/events/new/']").click()
    axe(page)
    page.locator("select[name=kind]").select_option(str(kind("training").pk))
    page.locator("select[name=programme]").select_option(str(programme.pk))
    page.locator("select[name=organiser]").select_option(str(organiser.pk))
    page.locator("[name=title]").fill(TITLE)
    page.locator("main [name=description]").fill("Dwa **zjazdy** dla zespołów oświatowych JST.")
    _submit(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    axe(page)
    return Event.objects.get(title=TITLE)


def _add_session(page, axe, event, *, number, starts, ends, venue):
    page.goto(f"/events/{event.pk}/sessions/new/")
    axe(page)
    page.locator("[name=order]").fill(str(number))
    page.locator("[name=starts_at]").fill(starts)
    page.locator("[name=ends_at]").fill(ends)
    page.locator("[name=hours]").fill("8")
    page.locator("input[name=format][value=hybrid]").check()
    page.locator("select[name=venue]").select_option(str(venue.pk))
    page.locator("[name=online_url]").fill("https://spotkania.example.org/jst-oswiata")
    _submit(page)


def _register(page, axe, event, mode):
    page.goto(f"/events/{event.pk}/")
    axe(page)
    page.locator(f"a[href='/events/{event.pk}/register/']").first.click()
    axe(page)
    page.locator(f"input[name=mode][value={mode}]").check()
    _submit(page)
    axe(page)


def _change_session(page, axe, event, session, *, starts, ends):
    page.goto(f"/events/{event.pk}/change/")
    axe(page)
    page.locator("select[name=session]").select_option(str(session.pk))
    page.locator("[name=new_starts_at]").fill(starts)
    page.locator("[name=new_ends_at]").fill(ends)
    page.locator("input[name=new_format][value=online]").check()
    page.locator("select[name=new_venue]").select_option("")
    page.locator("[name=new_online_url]").fill("https://spotkania.example.org/jst-oswiata-online")
    page.locator("select[name=reason_category]").select_option("epidemic")
    page.locator("[name=reason]").fill(REASON)
    _submit(page)


@pytest.mark.django_db(transaction=True)
def test_training_from_planning_to_verified_certificate(
    page, axe, login_as, browser, live_server, monkeypatch
):
    mail.outbox = []
    coordinator = user_with_role("coordinator")
    programme = ProgrammeFactory(name="System wsparcia pracowników JST", acronym="Wsparcie JST")
    venue = VenueFactory(name="Centrum Szkoleniowe w Sulejówku", capacity=30)
    organiser = OrganisationFactory(name="Ośrodek Rozwoju Edukacji")
    PersonFactory(first_name="Małgorzata", last_name="Sadowska")
    on_site = person_with_login("expert", first_name="Ewa", last_name="Stacjonarna")
    online = person_with_login("local_government_member", first_name="Olga", last_name="Zdalna")
    login_as(coordinator)

    # --- The coordinator plans the training -------------------------------------------------------------
    event = _create_event(page, axe, programme=programme, organiser=organiser)
    _add_session(page, axe, event, number=1, starts="2031-03-26T09:00", ends="2031-03-26T17:00", venue=venue)
    _add_session(page, axe, event, number=2, starts="2031-04-16T09:00", ends="2031-04-16T17:00", venue=venue)
    assert event.sessions.count() == 2, page.locator("main").inner_text()
    first, second = event.sessions.order_by("order")
    assert {first.format, second.format} == {Format.HYBRID}

    page.locator(f"a[href='/events/{event.pk}/trainers/']").first.click()
    axe(page)
    page.locator("main input[name=q]").fill("Sadowska")
    page.locator("main form[role=search] button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    axe(page)
    page.locator("main form[method=post] button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    assert event.trainers.count() == 1

    page.goto(f"/events/sessions/{first.pk}/agenda/")
    axe(page)
    page.locator("[name=agenda-0-day]").fill("2031-03-26")
    page.locator("[name=agenda-0-starts_at]").fill("09:00")
    page.locator("[name=agenda-0-topic]").fill("Omówienie modelu doradztwa dla JST.")
    page.locator("select[name=agenda-0-trainer]").select_option(label="Małgorzata Sadowska")
    page.locator("[name=agenda-0-order]").fill("1")
    _submit(page)
    expect(page.locator("main")).to_contain_text("Omówienie modelu doradztwa dla JST.")
    axe(page)

    page.locator("button[name=status][value=planned]").click()
    page.wait_for_load_state("networkidle")
    page.locator("button[name=status][value=registration_open]").click()
    page.wait_for_load_state("networkidle")
    event.refresh_from_db()
    assert event.status == EventStatus.REGISTRATION_OPEN
    axe(page)

    # --- Two participants register, each in their own browser --------------------------------------------
    contexts = {}
    for person, mode in ((on_site, AttendanceMode.ON_SITE), (online, AttendanceMode.ONLINE)):
        context, their_page = _browser_for(browser, live_server, person.user)
        contexts[person.pk] = (context, their_page)
        _register(their_page, axe, event, mode)
        registration = Registration.objects.get(event=event, person=person)
        assert (registration.status, registration.mode) == (RegistrationStatus.CONFIRMED, mode)
        expect(their_page.locator("main")).to_contain_text(str(registration.get_status_display()))

    confirmations = {}
    for person in (on_site, online):
        (message,) = [m for m in mail.outbox if m.to == [person.email]]
        confirmations[person.pk] = _uids_and_sequence(message)
    sent_before_change = len(mail.outbox)

    # --- The coordinator postpones both sessions and switches them online ----------------------------------
    _change_session(page, axe, event, first, starts="2031-05-14T09:00", ends="2031-05-14T17:00")
    _change_session(page, axe, event, second, starts="2031-05-21T09:00", ends="2031-05-21T17:00")
    first.refresh_from_db()
    second.refresh_from_db()
    event.refresh_from_db()
    assert (first.format, second.format) == (Format.ONLINE, Format.ONLINE)
    assert (first.planned_format, first.planned_venue) == (Format.HYBRID, venue)
    assert event.ical_sequence == 2

    for person in (on_site, online):
        updates = [m for m in mail.outbox[sent_before_change:] if m.to == [person.email]]
        assert len(updates) == 2, [m.subject for m in mail.outbox]
        uids, sequence = _uids_and_sequence(updates[-1])
        confirmed_uids, confirmed_sequence = confirmations[person.pk]
        assert uids == confirmed_uids
        assert sequence > confirmed_sequence
        assert _calendar_of(updates[-1])["METHOD"] == "REQUEST"

    page.goto(f"/events/{event.pk}/")
    axe(page)
    plan = page.locator("section.plan-history")
    expect(plan).to_contain_text("26 marca 2031")  # planned
    expect(plan).to_contain_text("Centrum Szkoleniowe w Sulejówku")
    expect(plan).to_contain_text(REASON)
    expect(plan).to_contain_text("14 maja 2031")  # now planned
    expect(plan).to_contain_text("21 maja 2031")

    # --- Attendance, session by session ------------------------------------------------------------------
    registrations = {r.person_id: r for r in Registration.objects.filter(event=event)}
    page.goto(f"/events/sessions/{first.pk}/attendance/")
    expect(page.locator("main .notice")).to_contain_text("obecność można oznaczać od tej chwili")  # not yet
    expect(page.locator("input[type=radio]")).to_have_count(0)
    # The days of the sessions come (the live server runs in this process).
    monkeypatch.setattr(attendance_services, "has_started", lambda session, now=None: True)
    page.goto(f"/events/sessions/{first.pk}/attendance/")
    axe(page)
    for person in (on_site, online):
        registration = registrations[person.pk]
        page.locator(f"#att-{registration.pk}-{AttendanceStatus.PRESENT_ONLINE}").check()
        # The row starts as "Not marked": wait for the answer to this mark, not for any text.
        expect(page.locator(f"#attendance-row-{registration.pk} td").last).to_have_text("Zapisano")
    page.wait_for_load_state("networkidle")
    assert Attendance.objects.filter(session=first, status=AttendanceStatus.PRESENT_ONLINE).count() == 2
    axe(page)
    attendance_list = page.request.get(f"/events/sessions/{first.pk}/attendance.pdf")
    assert attendance_list.ok
    assert attendance_list.headers["content-type"] == "application/pdf"
    assert attendance_list.body().startswith(b"%PDF")
    assert "Stacjonarna" in pdf_text(attendance_list.body())

    page.goto(f"/events/sessions/{second.pk}/attendance/")
    axe(page)
    page.locator(f"form[action='/events/sessions/{second.pk}/attendance/all-present/'] button").click()
    page.wait_for_load_state("networkidle")
    assert Attendance.objects.filter(session=second).count() == 2
    axe(page)

    # --- Certificates ------------------------------------------------------------------------------------
    page.goto(f"/events/{event.pk}/certificates/")
    axe(page)
    _submit(page)
    assert Certificate.objects.filter(registration__event=event).count() == 2
    axe(page)
    certificate = Certificate.objects.get(registration=registrations[online.pk])

    context, their_page = contexts[online.pk]
    their_page.goto("/events/my/")
    axe(their_page)
    download = their_page.request.get(f"/events/registrations/{registrations[online.pk].pk}/certificate.pdf")
    assert download.ok
    assert download.body().startswith(b"%PDF")
    text = " ".join(pdf_text(download.body()).split())
    assert "Olga Zdalna" in text
    assert TITLE in text
    assert certificate.code in text
    # Somebody else's certificate is not theirs to download.
    other = their_page.request.get(f"/events/registrations/{registrations[on_site.pk].pk}/certificate.pdf")
    assert other.status == 404

    # --- Anyone verifies the code on the public page -----------------------------------------------------
    public = browser.new_context(base_url=live_server.url, locale="pl-PL", timezone_id="Europe/Warsaw")
    anonymous = public.new_page()
    anonymous.goto("/events/certificates/verify/")
    axe(anonymous)
    anonymous.locator("[name=code]").fill(certificate.code.lower().replace("-", " "))
    anonymous.locator("main form button[type=submit]").click()
    anonymous.wait_for_load_state("networkidle")
    result = anonymous.locator("main section[role=status]")
    expect(result).to_contain_text("Olga Zdalna")
    expect(result).to_contain_text(TITLE)
    expect(result).not_to_contain_text(online.email)
    axe(anonymous)
    anonymous.locator("[name=code]").fill("AAAA-BBBB-CCCC")
    anonymous.locator("main form button[type=submit]").click()
    anonymous.wait_for_load_state("networkidle")
    expect(anonymous.locator("main section[role=status] h2")).not_to_contain_text("Olga")
    axe(anonymous)

    for context, _page in contexts.values():
        context.close()
    public.close()
