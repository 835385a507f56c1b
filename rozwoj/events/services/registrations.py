"""Registration for events: eligibility, seats, waiting list, approval, cancellation and promotion.

Every write that consumes or frees a seat runs inside `transaction.atomic()` and first locks the event row
(`SELECT … FOR UPDATE` on PostgreSQL; on SQLite the project opens IMMEDIATE transactions, so writers are
serialised). Only then are confirmed registrations counted and the decision taken: seats are never overbooked.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rozwoj.accounts.models import User
from rozwoj.accounts.permissions import require_coordinator
from rozwoj.core.audit import log_action
from rozwoj.events.ics import event_calendar
from rozwoj.events.models import (
    ACTIVE_REGISTRATION_STATUSES,
    AttendanceMode,
    Event,
    EventStatus,
    Registration,
    RegistrationStatus,
)
from rozwoj.events.selectors.registration_window import registration_window
from rozwoj.events.selectors.registrations import (
    allowed_modes,
    places,
)
from rozwoj.notifications.services import Attachment, notify
from rozwoj.people.models import Membership, Person

# Statuses in which a coordinator may still register people (outside the public registration window).
COORDINATOR_REGISTRATION_STATUSES = (
    EventStatus.DRAFT,
    EventStatus.PLANNED,
    EventStatus.REGISTRATION_OPEN,
    EventStatus.REGISTRATION_CLOSED,
)


class RegistrationConflict(ValidationError):
    """A refusal caused by the current state (already registered, too late): the API answers 409."""


# --- capacity ---------------------------------------------------------------------------------------


# --- eligibility ------------------------------------------------------------------------------------


def _person_of(user_or_person) -> Person | None:
    if isinstance(user_or_person, Person):
        return user_or_person
    if not getattr(user_or_person, "is_authenticated", False):
        return None
    try:  # the user's own relation: read once per request, whoever asks (visibility, eligibility, materials)
        return user_or_person.person
    except Person.DoesNotExist:
        return None


def window_refusal(event: Event, *, now=None) -> str | None:
    """Why self-registration is closed now, or None when it is open (see `selectors.registration_window`)."""
    window = registration_window(event, now=now)
    return None if window.is_open else window.message()


def _role_refusal(event: Event, person: Person, *, by_coordinator: bool) -> str | None:
    if not event.audience_roles:
        return None
    user = person.user
    if user is None:
        # People without a login are registered by coordinators, who vouch for them.
        return None if by_coordinator else _("Registration needs an account.")
    if user.has_role(*event.audience_roles):
        return None
    return _("This event is open only to: %(roles)s.") % {"roles": _role_names(event.audience_roles)}


def _role_names(roles) -> str:
    from rozwoj.accounts.models import Role

    labels = dict(Role.choices)
    return ", ".join(str(labels.get(role, role)) for role in roles)


def _organisation_refusal(event: Event, person: Person, extra_kinds=()) -> str | None:
    kinds = event.audience_organisation_kinds
    if not kinds:
        return None
    if set(extra_kinds) & set(kinds):
        return None
    today = timezone.localdate()
    member = (
        Membership.objects.filter(person=person, organisation__kind__in=kinds)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .exists()
        if person.pk
        else False
    )
    if member:
        return None
    from rozwoj.organisations.models import OrganisationKind

    labels = dict(OrganisationKind.choices)
    names = ", ".join(str(labels.get(kind, kind)) for kind in kinds)
    return _("This event is open only to members of: %(kinds)s.") % {"kinds": names}


def eligibility(user_or_person, event: Event, *, by_coordinator: bool = False, extra_kinds=()) -> str | None:
    """None when the person may register for the event, else the reason (translated) why not.

    Self-registration needs the registration window open (see `selectors.registration_window`: published and
    the opening date passed, or opened by hand; the closing date not reached; not closed by hand). Coordinators may register people outside the window, but not for held or
    cancelled events. The audience (roles, kinds of organisation) applies to everyone. `extra_kinds` are
    kinds of organisation the person is about to join (used by imports)."""
    person = _person_of(user_or_person)
    if person is None:
        return _("Your account has no personal record; please contact the coordinator.")
    if by_coordinator:
        if event.status not in COORDINATOR_REGISTRATION_STATUSES:
            return _("This event no longer accepts registrations.")
    else:
        refusal = window_refusal(event)
        if refusal:
            return refusal
    return _role_refusal(event, person, by_coordinator=by_coordinator) or _organisation_refusal(
        event, person, extra_kinds
    )


# --- e-mails ----------------------------------------------------------------------------------------


def event_path(event: Event) -> str:
    try:
        return reverse("events:detail", args=[event.pk])
    except NoReverseMatch:
        return reverse("events:my_registrations")


def _ics(event: Event) -> Attachment:
    content = event_calendar(event, method="REQUEST", include_link=True, url=event_path(event))
    return Attachment("invitation.ics", content, "text/calendar; method=REQUEST")


# Each new state of a registration has its e-mail (templates events/emails/registration_<kind>.*); those that
# give the person a place carry the calendar invitation.
WITH_INVITATION = ("confirmed", "promoted")


def _tell(registration: Registration, kind: str) -> None:
    """E-mail (and, for people with a login, an in-app notification) about the registration's status."""
    person, event = registration.person, registration.event
    if not person.email and not person.user_id:
        return
    notify(
        to=person,
        kind=f"events.registration_{kind}",
        context={"registration": registration, "event": event, "person": person},
        url=event_path(event),
        attachments=[_ics(event)] if kind in WITH_INVITATION else [],
    )


# --- decisions under the lock -------------------------------------------------------------------------


def lock_event(event: Event) -> Event:
    """Lock the event row for the rest of the transaction; every seat decision happens after this."""
    return Event.objects.select_for_update().get(pk=event.pk)


def _decide(event: Event, *, mode: str, online_if_full: bool, approval_needed: bool) -> tuple[str, str]:
    """(status, mode) for a new or re-activated registration; the event row must be locked."""
    if approval_needed:
        return RegistrationStatus.PENDING, mode
    room = places(event)
    if room.has_room(mode):
        return RegistrationStatus.CONFIRMED, mode
    if (
        mode == AttendanceMode.ON_SITE
        and online_if_full
        and AttendanceMode.ONLINE in allowed_modes(event)
        and room.has_room(AttendanceMode.ONLINE)
    ):
        return RegistrationStatus.CONFIRMED, AttendanceMode.ONLINE
    return RegistrationStatus.WAITING, mode


def _check_mode(event: Event, mode: str) -> None:
    if mode not in AttendanceMode.values:
        raise ValidationError({"mode": _("Choose on site or online.")}, code="invalid")
    if mode not in allowed_modes(event):
        message = (
            _("This event has no on-site sessions.")
            if mode == AttendanceMode.ON_SITE
            else _("This event has no online sessions.")
        )
        raise ValidationError({"mode": message}, code="invalid")


def _check_actor(actor: User, person: Person, *, by_coordinator: bool) -> None:
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    if by_coordinator:
        require_coordinator(actor)
    elif person.user_id != actor.pk:
        raise PermissionDenied


def _existing(event: Event, person: Person) -> Registration | None:
    return Registration.objects.filter(event=event, person=person).first()


def _already_registered(registration: Registration) -> RegistrationConflict:
    return RegistrationConflict(
        {
            "person": _("%(person)s is already registered for this event (%(status)s).")
            % {"person": registration.person, "status": registration.get_status_display()}
        },
        code="conflict",
    )


def _reactivate_allowed(existing: Registration, *, by_coordinator: bool) -> None:
    if existing.status in ACTIVE_REGISTRATION_STATUSES:
        raise _already_registered(existing)
    if existing.status == RegistrationStatus.REJECTED and not by_coordinator:
        raise RegistrationConflict(
            {"person": _("Your registration for this event was not accepted.")}, code="conflict"
        )


def registration_create(
    *,
    actor: User,
    event: Event,
    person: Person,
    mode: str,
    online_if_full: bool = False,
    by_coordinator: bool = False,
) -> Registration:
    """Register `person` for `event` (the actor themself, or anybody when `by_coordinator`).

    Confirmed while seats are free (pending when the event needs approval and a participant registers),
    else online when the person accepts it and online has room, else the waiting list. One registration per
    person and event: a cancelled one is re-activated."""
    _check_actor(actor, person, by_coordinator=by_coordinator)
    _check_mode(event, mode)
    refusal = eligibility(person, event, by_coordinator=by_coordinator)
    if refusal:
        raise ValidationError({"person": refusal}, code="not_eligible")
    try:
        with transaction.atomic():
            locked = lock_event(event)
            registration = _create_locked(
                actor, locked, person, mode, online_if_full=online_if_full, by_coordinator=by_coordinator
            )
    except IntegrityError as exc:  # a parallel request registered the same person first
        existing = _existing(event, person)
        if existing is None:
            raise
        raise _already_registered(existing) from exc
    return registration


def _create_locked(actor: User, event, person, mode, *, online_if_full, by_coordinator) -> Registration:
    existing = _existing(event, person)
    if existing is not None:
        _reactivate_allowed(existing, by_coordinator=by_coordinator)
    status, final_mode = _decide(
        event,
        mode=mode,
        online_if_full=online_if_full,
        approval_needed=event.requires_approval and not by_coordinator,
    )
    values = {
        "mode": final_mode,
        "online_if_full": online_if_full,
        "status": status,
        "registered_by": actor,
        "cancelled_at": None,
    }
    if existing is None:
        registration = Registration.objects.create(event=event, person=person, **values)
        action = "registration.create"
    else:
        registration = existing
        for field, value in values.items():
            setattr(registration, field, value)
        # Back to the end of the queue: the waiting list is ordered by the time of registration.
        registration.created_at = timezone.now()
        registration.save()
        action = "registration.reactivate"
    registration.event = event
    registration.person = person
    log_action(actor, registration, action, {"status": status, "mode": final_mode})
    _tell(registration, str(status))
    return registration


# --- cancellation, approval, promotion ----------------------------------------------------------------


def can_cancel(user, registration: Registration, *, now=None) -> bool:
    """Coordinators any time before the event is held; the participant themself until the cancellation
    deadline. A held or cancelled event keeps its registrations (they carry attendance and certificates)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if registration.status not in ACTIVE_REGISTRATION_STATUSES:
        return False
    if registration.event.status in (EventStatus.HELD, EventStatus.CANCELLED):
        return False
    if user.is_coordinator:
        return True
    if registration.person.user_id != user.pk:
        return False
    deadline = registration.event.cancellation_deadline
    return deadline is None or (now or timezone.now()) < deadline


def registration_cancel(*, actor: User, registration: Registration) -> Registration:
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    if not actor.is_coordinator and registration.person.user_id != actor.pk:
        raise PermissionDenied
    with transaction.atomic():
        event = lock_event(registration.event)
        registration = Registration.objects.select_related("person", "person__user").get(pk=registration.pk)
        registration.event = event
        if registration.status not in ACTIVE_REGISTRATION_STATUSES:
            raise RegistrationConflict({"status": _("This registration is not active.")}, code="conflict")
        if event.status in (EventStatus.HELD, EventStatus.CANCELLED):
            raise RegistrationConflict(
                {"status": _("The event has already been held or cancelled.")}, code="conflict"
            )
        if not can_cancel(actor, registration):
            raise RegistrationConflict(
                {"status": _("The deadline for cancelling has passed; please contact the coordinator.")},
                code="conflict",
            )
        old = registration.status
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        log_action(actor, registration, "registration.cancel", {"status": [old, registration.status]})
        _tell(registration, "cancelled")
        promote_waiting(event)
    return registration


def promote_waiting(event: Event, *, actor: User | None = None) -> list[Registration]:
    """Confirm the oldest waiting registrations while places are free. Call with the event row locked."""
    room = places(event)
    promoted = []
    for mode, left in ((AttendanceMode.ON_SITE, room.onsite_left), (AttendanceMode.ONLINE, room.online_left)):
        waiting = (
            Registration.objects.filter(event=event, status=RegistrationStatus.WAITING, mode=mode)
            .select_related("person", "person__user")
            .order_by("created_at", "id")
        )
        if left is not None:
            waiting = waiting[:left]
        for registration in waiting:
            registration.status = RegistrationStatus.CONFIRMED
            registration.save(update_fields=["status", "updated_at"])
            registration.event = event
            log_action(actor, registration, "registration.promote", {"status": ["waiting", "confirmed"]})
            _tell(registration, "promoted")
            promoted.append(registration)
    return promoted


def registration_approve(*, actor: User, registration: Registration) -> Registration:
    """Approve a pending registration: confirmed when a place is free, else the waiting list."""
    require_coordinator(actor)
    with transaction.atomic():
        event = lock_event(registration.event)
        registration = Registration.objects.select_related("person", "person__user").get(pk=registration.pk)
        if registration.status != RegistrationStatus.PENDING:
            raise RegistrationConflict(
                {"status": _("Only registrations awaiting approval can be approved.")}, code="conflict"
            )
        registration.event = event
        status, mode = _decide(
            event, mode=registration.mode, online_if_full=registration.online_if_full, approval_needed=False
        )
        registration.status, registration.mode = status, mode
        registration.save(update_fields=["status", "mode", "updated_at"])
        log_action(actor, registration, "registration.approve", {"status": ["pending", status]})
        _tell(registration, str(status))
    return registration


def registration_reject(*, actor: User, registration: Registration) -> Registration:
    require_coordinator(actor)
    with transaction.atomic():
        event = lock_event(registration.event)
        registration = Registration.objects.select_related("person", "person__user").get(pk=registration.pk)
        if registration.status not in ACTIVE_REGISTRATION_STATUSES:
            raise RegistrationConflict({"status": _("This registration is not active.")}, code="conflict")
        old = registration.status
        registration.event = event
        registration.status = RegistrationStatus.REJECTED
        registration.save(update_fields=["status", "updated_at"])
        log_action(actor, registration, "registration.reject", {"status": [old, "rejected"]})
        _tell(registration, "rejected")
        if old == RegistrationStatus.CONFIRMED:
            promote_waiting(event, actor=actor)
    return registration


# --- bulk ---------------------------------------------------------------------------------------------


def bulk_refusals(event: Event, people, mode: str) -> dict[int, str]:
    """{person pk: reason} for every person who cannot be registered."""
    registered = dict(
        Registration.objects.filter(
            event=event, person__in=people, status__in=ACTIVE_REGISTRATION_STATUSES
        ).values_list("person_id", "status")
    )
    refusals = {}
    for person in people:
        if person.pk in registered:
            refusals[person.pk] = _("already registered")
            continue
        reason = eligibility(person, event, by_coordinator=True)
        if reason:
            refusals[person.pk] = reason
    return refusals


def registrations_bulk_create(*, actor: User, event: Event, people, mode: str) -> list[Registration]:
    """Register several people at once (coordinators). Either all of them or, on any refusal, none."""
    require_coordinator(actor)
    _check_mode(event, mode)
    people = list(people)
    if not people:
        raise ValidationError({"people": _("Choose at least one person.")}, code="required")
    refusals = bulk_refusals(event, people, mode)
    if refusals:
        names = {person.pk: str(person) for person in people}
        raise ValidationError(
            {"people": [f"{names[pk]}: {reason}" for pk, reason in refusals.items()]}, code="not_eligible"
        )
    with transaction.atomic():
        return [
            registration_create(actor=actor, event=event, person=person, mode=mode, by_coordinator=True)
            for person in people
        ]
