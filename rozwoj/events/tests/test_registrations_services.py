import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from rozwoj.accounts.models import Role
from rozwoj.core.models import AuditLogEntry
from rozwoj.events.models import AttendanceMode, EventStatus, Format, Registration, RegistrationStatus
from rozwoj.events.selectors import registrations as selectors_registrations
from rozwoj.events.services import registrations as services
from rozwoj.notifications.models import Notification
from rozwoj.organisations.tests.factories import OrganisationFactory
from rozwoj.people.tests.factories import MembershipFactory, PersonFactory, person_with_login

from .factories import RegistrationFactory, SessionFactory, event_with_sessions, hybrid_event

pytestmark = pytest.mark.django_db

ON_SITE, ONLINE = AttendanceMode.ON_SITE, AttendanceMode.ONLINE


@pytest.fixture
def coordinator():
    return person_with_login(Role.COORDINATOR).user


def register(person, event, mode=ON_SITE, **kwargs):
    return services.registration_create(actor=person.user, event=event, person=person, mode=mode, **kwargs)


# --- capacity -----------------------------------------------------------------------------------------


def test_onsite_capacity_is_the_smallest_of_onsite_and_hybrid_sessions():
    event = event_with_sessions(Format.ON_SITE, seats=30)
    SessionFactory(event=event, order=2, format=Format.HYBRID, onsite_seats=12)
    SessionFactory(event=event, order=3, format=Format.ONLINE)
    assert selectors_registrations.event_onsite_capacity(event) == 12


def test_onsite_capacity_defaults_to_the_venue_and_is_none_when_all_online():
    event = event_with_sessions(Format.ON_SITE, seats=None)
    assert selectors_registrations.event_onsite_capacity(event) == 20  # the factory venue's capacity
    assert (
        selectors_registrations.event_onsite_capacity(event_with_sessions(Format.ONLINE, Format.ONLINE))
        is None
    )


# --- eligibility ----------------------------------------------------------------------------------------


def test_registration_window_and_status():
    person = person_with_login()
    now = timezone.now()
    event = hybrid_event(registration_opens_at=now + datetime.timedelta(days=1))
    assert services.eligibility(person.user, event)
    event.registration_opens_at = now - datetime.timedelta(days=2)
    event.registration_closes_at = now - datetime.timedelta(days=1)
    assert services.eligibility(person.user, event)
    event.registration_closes_at = now + datetime.timedelta(days=1)
    assert services.eligibility(person.user, event) is None
    # Published ("planned"): the dates decide, no status to step by hand.
    event.status = EventStatus.PLANNED
    assert services.eligibility(person.user, event) is None
    event.registration_opens_at = None  # no opening date: closed until the coordinator opens it
    assert services.eligibility(person.user, event)
    event.status = EventStatus.REGISTRATION_CLOSED  # closed early by hand
    event.registration_opens_at = now - datetime.timedelta(days=2)
    assert services.eligibility(person.user, event)
    # Coordinators may register people outside the window, but not for a held event.
    assert services.eligibility(person, event, by_coordinator=True) is None
    event.status = EventStatus.HELD
    assert services.eligibility(person, event, by_coordinator=True)


def test_audience_roles_and_organisation_kinds():
    school = OrganisationFactory(kind="school")
    teacher = person_with_login(Role.LOCAL_GOVERNMENT_MEMBER, organisation=school)
    partner = person_with_login(Role.PARTNER_MEMBER)
    event = hybrid_event(audience_roles=[Role.LOCAL_GOVERNMENT_MEMBER])
    assert services.eligibility(teacher.user, event) is None
    refusal = services.eligibility(partner.user, event)
    assert refusal
    assert "członek zespołu JST" in refusal  # the reason names the roles, translated
    event.audience_roles = []
    event.audience_organisation_kinds = ["local_government_office"]
    assert services.eligibility(teacher.user, event)
    event.audience_organisation_kinds = ["school", "local_government_office"]
    assert services.eligibility(teacher.user, event) is None


def test_ended_membership_does_not_count():
    school = OrganisationFactory(kind="school")
    person = person_with_login()
    MembershipFactory(
        person=person,
        organisation=school,
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2020, 1, 1),
    )
    event = hybrid_event(audience_organisation_kinds=["school"])
    assert services.eligibility(person.user, event)


def test_user_without_person_is_refused():
    from rozwoj.accounts.tests.factories import UserFactory

    assert services.eligibility(UserFactory(), hybrid_event())


def test_not_eligible_registration_is_refused_and_nothing_stored():
    person = person_with_login(Role.EXPERT)
    event = hybrid_event(audience_roles=[Role.COORDINATOR])
    with pytest.raises(ValidationError) as error:
        register(person, event)
    assert "person" in error.value.message_dict
    assert not Registration.objects.exists()


# --- create -------------------------------------------------------------------------------------------


def test_confirmed_with_email_and_calendar(mailoutbox, django_capture_on_commit_callbacks):
    person = person_with_login()
    event = hybrid_event()
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(person, event)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.mode == ON_SITE
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [person.email]
    assert event.title in mail.subject
    assert any(
        name == "invitation.ics" and b"METHOD:REQUEST" in _bytes(c) for name, c, _m in mail.attachments
    )
    assert Notification.objects.filter(user=person.user, kind="events.registration_confirmed").exists()
    assert AuditLogEntry.objects.filter(action="registration.create").exists()


def _bytes(content):
    return content if isinstance(content, bytes) else content.encode()


def test_mode_must_fit_the_formats():
    person = person_with_login()
    with pytest.raises(ValidationError) as error:
        register(person, event_with_sessions(Format.ON_SITE), ONLINE)
    assert "mode" in error.value.message_dict
    with pytest.raises(ValidationError):
        register(person, event_with_sessions(Format.ONLINE), ON_SITE)
    with pytest.raises(ValidationError):
        register(person, hybrid_event(), "by_pigeon")
    assert not Registration.objects.exists()
    assert register(person, event_with_sessions(Format.ONLINE), ONLINE).status == RegistrationStatus.CONFIRMED


def test_someone_else_cannot_register_a_person():
    person, other = person_with_login(), person_with_login()
    with pytest.raises(PermissionDenied):
        services.registration_create(actor=other.user, event=hybrid_event(), person=person, mode=ON_SITE)
    with pytest.raises(PermissionDenied):
        services.registration_create(
            actor=other.user, event=hybrid_event(), person=person, mode=ON_SITE, by_coordinator=True
        )


def test_full_goes_to_waiting_list_or_online(mailoutbox, django_capture_on_commit_callbacks):
    event = hybrid_event(seats=1)
    first, second, third = person_with_login(), person_with_login(), person_with_login()
    assert register(first, event).status == RegistrationStatus.CONFIRMED
    with django_capture_on_commit_callbacks(execute=True):
        waiting = register(second, event)
    assert (waiting.status, waiting.mode) == (RegistrationStatus.WAITING, ON_SITE)
    assert mailoutbox[-1].to == [second.email]
    assert not mailoutbox[-1].attachments
    assert Notification.objects.filter(user=second.user, kind="events.registration_waiting").exists()
    online = register(third, event, online_if_full=True)
    assert (online.status, online.mode) == (RegistrationStatus.CONFIRMED, ONLINE)


def test_online_cap_and_online_if_full_when_online_full():
    event = hybrid_event(seats=1, online_capacity=1)
    a, b, c = person_with_login(), person_with_login(), person_with_login()
    assert register(a, event, ONLINE).status == RegistrationStatus.CONFIRMED
    assert register(b, event, ONLINE).status == RegistrationStatus.WAITING
    register(person_with_login(), event)  # takes the only seat
    late = register(c, event, online_if_full=True)
    assert (late.status, late.mode) == (RegistrationStatus.WAITING, ON_SITE)


def test_approval_needed_then_approve_respects_capacity(
    coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    event = hybrid_event(seats=1, requires_approval=True)
    a, b = person_with_login(), person_with_login()
    ra, rb = register(a, event), register(b, event)
    assert ra.status == rb.status == RegistrationStatus.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        assert services.registration_approve(actor=coordinator, registration=ra).status == "confirmed"
        assert services.registration_approve(actor=coordinator, registration=rb).status == "waiting"
    assert [m.to[0] for m in mailoutbox] == [a.email, b.email]
    with pytest.raises(PermissionDenied):
        services.registration_approve(actor=a.user, registration=ra)
    with pytest.raises(ValidationError):
        services.registration_approve(actor=coordinator, registration=ra)  # no longer pending


def test_coordinator_registration_skips_approval(coordinator):
    event = hybrid_event(requires_approval=True)
    registration = services.registration_create(
        actor=coordinator, event=event, person=PersonFactory(), mode=ON_SITE, by_coordinator=True
    )
    assert registration.status == RegistrationStatus.CONFIRMED


def test_reject_frees_the_place_and_promotes(coordinator):
    event = hybrid_event(seats=1)
    a, b = person_with_login(), person_with_login()
    ra, rb = register(a, event), register(b, event)
    services.registration_reject(actor=coordinator, registration=ra)
    rb.refresh_from_db()
    assert rb.status == RegistrationStatus.CONFIRMED
    with pytest.raises(ValidationError):
        register(a, event)  # a rejected participant cannot re-register themself


def test_one_registration_per_person(mailoutbox):
    person = person_with_login()
    event = hybrid_event()
    register(person, event)
    with pytest.raises(ValidationError) as error:
        register(person, event)
    assert isinstance(error.value, services.RegistrationConflict)
    assert Registration.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, person=person, mode=ON_SITE, status="waiting")


def test_cancelled_registration_is_reactivated_not_duplicated():
    person = person_with_login()
    event = hybrid_event()
    first = register(person, event)
    services.registration_cancel(actor=person.user, registration=first)
    again = register(person, event, ONLINE)
    assert again.pk == first.pk
    assert (again.status, again.mode) == (RegistrationStatus.CONFIRMED, ONLINE)
    assert again.cancelled_at is None
    assert Registration.objects.count() == 1


# --- cancel and promotion -------------------------------------------------------------------------------


def test_cancel_promotes_oldest_waiting_with_email(mailoutbox, django_capture_on_commit_callbacks):
    event = hybrid_event(seats=1)
    holder, first_waiting, second_waiting = person_with_login(), person_with_login(), person_with_login()
    held = register(holder, event)
    w1, w2 = register(first_waiting, event), register(second_waiting, event)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(actor=holder.user, registration=held)
    w1.refresh_from_db()
    w2.refresh_from_db()
    assert w1.status == RegistrationStatus.CONFIRMED
    assert w2.status == RegistrationStatus.WAITING
    promoted_mail = [m for m in mailoutbox if m.to == [first_waiting.email]]
    assert len(promoted_mail) == 1
    assert promoted_mail[0].attachments  # the calendar invitation
    assert Notification.objects.filter(user=first_waiting.user, kind="events.registration_promoted").exists()


def test_self_cancellation_deadline(coordinator):
    person = person_with_login()
    event = hybrid_event(cancellation_deadline=timezone.now() + datetime.timedelta(days=1))
    registration = register(person, event)
    event.cancellation_deadline = timezone.now() - datetime.timedelta(minutes=1)
    event.save()
    with pytest.raises(ValidationError):
        services.registration_cancel(actor=person.user, registration=registration)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    services.registration_cancel(actor=coordinator, registration=registration)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_cannot_cancel_someone_elses_registration():
    registration = register(person_with_login(), hybrid_event())
    with pytest.raises(PermissionDenied):
        services.registration_cancel(actor=person_with_login().user, registration=registration)


def test_promotion_of_online_waiting_when_online_capped(coordinator):
    event = hybrid_event(online_capacity=1)
    a, b = person_with_login(), person_with_login()
    ra, rb = register(a, event, ONLINE), register(b, event, ONLINE)
    assert rb.status == RegistrationStatus.WAITING
    services.registration_cancel(actor=a.user, registration=ra)
    rb.refresh_from_db()
    assert rb.status == RegistrationStatus.CONFIRMED


# --- bulk -----------------------------------------------------------------------------------------------


def test_bulk_registers_everyone_or_nobody(coordinator):
    event = hybrid_event()
    people = PersonFactory.create_batch(3)
    created = services.registrations_bulk_create(actor=coordinator, event=event, people=people, mode=ON_SITE)
    assert len(created) == 3
    more = PersonFactory.create_batch(2)
    with pytest.raises(ValidationError) as error:
        services.registrations_bulk_create(
            actor=coordinator, event=event, people=[*more, people[0]], mode=ON_SITE
        )
    assert str(people[0]) in str(error.value.message_dict["people"])
    assert Registration.objects.count() == 3


def test_bulk_checks_audience_and_role(coordinator):
    event = hybrid_event(audience_organisation_kinds=["school"])
    with pytest.raises(ValidationError):
        services.registrations_bulk_create(
            actor=coordinator, event=event, people=[PersonFactory()], mode=ON_SITE
        )
    with pytest.raises(PermissionDenied):
        services.registrations_bulk_create(
            actor=person_with_login().user, event=event, people=[PersonFactory()], mode=ON_SITE
        )
    assert not Registration.objects.exists()


def test_waiting_order_uses_registration_time():
    event = hybrid_event(seats=1)
    holder = register(person_with_login(), event)
    late = RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    early = RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    Registration.objects.filter(pk=early.pk).update(created_at=timezone.now() - datetime.timedelta(days=1))
    services.registration_cancel(actor=holder.person.user, registration=holder)
    early.refresh_from_db()
    late.refresh_from_db()
    assert early.status == RegistrationStatus.CONFIRMED
    assert late.status == RegistrationStatus.WAITING


def test_participants_in_alphabetical_order_follow_a_change_of_name(coordinator):
    """The list's order is the person's sort key copied onto the registration: set however the registration is
    made (one at a time or in bulk) and kept when the person's name changes."""
    event = hybrid_event()
    zofia = PersonFactory(first_name="Zofia", last_name="Żak")
    adam = PersonFactory(first_name="Adam", last_name="Łuczak")
    RegistrationFactory(event=event, person=zofia, status=RegistrationStatus.CONFIRMED)
    Registration.objects.bulk_create(
        [Registration(event=event, person=adam, mode=ON_SITE, status=RegistrationStatus.CONFIRMED)]
    )
    cezary = person_with_login(Role.LOCAL_GOVERNMENT_MEMBER)
    cezary.first_name, cezary.last_name = "Cezary", "Ćwik"
    cezary.save()
    register(cezary, event)  # through the service, as a participant registers themself

    def names() -> list[str]:
        rows = selectors_registrations.participants(event, viewer=coordinator)
        return [registration.person.last_name for registration in rows]

    assert names() == ["Ćwik", "Łuczak", "Żak"]
    zofia.last_name = "Abacka"
    zofia.save()
    assert names() == ["Abacka", "Ćwik", "Łuczak"]
    adam.last_name = "Zawada"
    adam.save(update_fields=["last_name"])
    assert names() == ["Abacka", "Ćwik", "Zawada"]
