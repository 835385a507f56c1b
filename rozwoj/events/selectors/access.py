"""Who sees and who manages what in the events app, and one access function per kind of object.

Every view and API endpoint of the app loads the objects of its URL through an `access_*` function (like
Zulip's `access_stream_by_id`): 404 when the caller may not see the object (its existence is not revealed),
403 (PermissionDenied) when they may see it but `manage=True` asks for more than they may do."""

from collections.abc import Callable, Sequence
from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from rozwoj.core.user_input import is_key

from ..models import (
    AttendanceListFile,
    Certificate,
    Event,
    EventAttachment,
    EventKind,
    EventOrganisation,
    EventPhoto,
    EventStatus,
    EventTrainer,
    Registration,
    Session,
    Visibility,
)

_M = TypeVar("_M", bound=Model)
_T = TypeVar("_T")
_Material = TypeVar("_Material", EventAttachment, EventPhoto)


def events_visible_to(user) -> QuerySet[Event]:
    """Anonymous: public events that are not drafts. Logged in: also internal ones. Coordinators: all.
    Trainers of an event also see it while it is a draft."""
    events = Event.objects.all()
    if user is None or not user.is_authenticated:
        return events.filter(visibility=Visibility.PUBLIC).exclude(status=EventStatus.DRAFT)
    if user.is_coordinator:
        return events
    person_id = getattr(getattr(user, "person", None), "pk", None)
    if person_id is None:
        return events.exclude(status=EventStatus.DRAFT)
    return events.filter(~Q(status=EventStatus.DRAFT) | Q(trainers__person_id=person_id)).distinct()


def viewer_memo(event: Event, key: tuple, compute: Callable[[], _T]) -> _T:
    """What one reader's relation to `event` is (manager, own registration), computed once per event instance:
    the page, its boxes and its template tags ask the same question several times in one request."""
    memo = event.__dict__.setdefault("_viewer_memo", {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def can_manage_event(user, event: Event) -> bool:
    """Coordinators manage every event; trainers of an event see its participants and mark attendance."""
    if not user.is_authenticated:
        return False
    if user.is_coordinator:
        return True
    person_id = getattr(getattr(user, "person", None), "pk", None)
    if person_id is None:
        return False

    def is_trainer() -> bool:
        loaded = getattr(event, "_prefetched_objects_cache", {}).get("trainers")
        if loaded is not None:  # the event page loads its trainers anyway
            return any(trainer.person_id == person_id for trainer in loaded)
        return event.trainers.filter(person_id=person_id).exists()

    return viewer_memo(event, ("trainer", person_id), is_trainer)


def _get_or_404(queryset: QuerySet[_M], **lookup) -> _M:
    try:
        return queryset.get(**lookup)
    except ObjectDoesNotExist:
        raise Http404 from None


def _check_visible(user, event_id: int) -> None:
    if not events_visible_to(user).filter(pk=event_id).exists():
        raise Http404


def _check_manager(user, event: Event, manage: bool) -> None:
    if manage and not can_manage_event(user, event):
        raise PermissionDenied


def access_event(
    user,
    pk: int,
    *,
    manage: bool = False,
    related: Sequence[str] = (),
    extend: Callable[[QuerySet[Event]], QuerySet[Event]] | None = None,
) -> Event:
    """The event `pk`: 404 unless `user` may see it; with `manage`, 403 unless they may manage it
    (coordinators, and the event's trainers). `related` names foreign keys to load with it, `extend` adds what
    the page reads with the event (annotated counts, prefetched sessions) to the same query."""
    events = events_visible_to(user).select_related(*related)
    event = _get_or_404(extend(events) if extend is not None else events, pk=pk)
    _check_manager(user, event, manage)
    return event


SESSION_RELATED = ("event__programme", "event__organiser", "event__kind", "venue")


def access_session(
    user, pk: int, *, manage: bool = False, related: Sequence[str] = SESSION_RELATED
) -> Session:
    """The session `pk`, loaded with its event: 404 unless `user` may see its event; with `manage`, 403 unless
    they may manage the event."""
    session = _get_or_404(Session.objects.select_related("event", *related), pk=pk)
    if manage and can_manage_event(user, session.event):
        return session  # who manages an event also sees it: no visibility query
    _check_visible(user, session.event_id)
    _check_manager(user, session.event, manage)
    return session


def access_registration(user, pk: int, *, manage: bool = False, related: Sequence[str] = ()) -> Registration:
    """The registration `pk` with its event: 404 unless `user` may see its event; with `manage`, 403 unless they
    may manage the event."""
    registration = _get_or_404(Registration.objects.select_related("event", *related), pk=pk)
    if not user.is_coordinator:
        _check_visible(user, registration.event_id)
    _check_manager(user, registration.event, manage)
    return registration


def access_own_registration(user, pk: int, *, managers_forbidden: bool = False) -> Registration:
    """A registration its participant (or a coordinator) acts on, e.g. to cancel it, with its event and person.
    Anyone else gets 404; with `managers_forbidden`, the event's trainers get 403 instead (the API tells them
    the registration exists but is not theirs to cancel)."""
    registration = _get_or_404(Registration.objects.select_related("event", "person", "person__user"), pk=pk)
    if registration.person.user_id == user.pk or user.is_coordinator:
        return registration
    if managers_forbidden and can_manage_event(user, registration.event):
        raise PermissionDenied
    raise Http404


def access_participant(event_id: int, pk: int, *, related: Sequence[str] = ("person",)) -> Registration:
    """A registration of the event `event_id` (whose access the caller has checked), else 404."""
    return _get_or_404(Registration.objects.select_related(*related), pk=pk, event_id=event_id)


def access_certificate(user, registration_pk: int) -> Certificate:
    """The certificate of a registration, for its participant or those who manage the event; else 404."""
    registration = _get_or_404(Registration.objects.select_related("person", "event"), pk=registration_pk)
    is_participant = registration.person.user_id is not None and registration.person.user_id == user.pk
    if not (is_participant or can_manage_event(user, registration.event)):
        raise Http404
    try:
        certificate = registration.certificate
    except Registration.certificate.RelatedObjectDoesNotExist:
        raise Http404 from None
    certificate.registration = registration
    return certificate


def access_attendance_list(user, pk: int) -> AttendanceListFile:
    """A prepared attendance list PDF, for those who manage its session's event (404/403 as for the session)."""
    document = _get_or_404(AttendanceListFile.objects.all(), pk=pk)
    document.session = access_session(user, document.session_id, manage=True)
    return document


def _access_material(user, model: type[_Material], pk: int, *, manage: bool) -> _Material:
    from .materials import material_visibilities_for

    material = _get_or_404(model.objects.select_related("event"), pk=pk)
    _check_visible(user, material.event_id)
    if not manage and material.visibility not in material_visibilities_for(user, material.event):
        raise Http404
    return material


def access_attachment(user, pk: int, *, manage: bool = False) -> EventAttachment:
    """A material of an event: 404 unless `user` may see the event and the material's level of visibility.
    With `manage` (deleting), only the event's visibility is checked here; the service checks the manager."""
    return _access_material(user, EventAttachment, pk, manage=manage)


def access_photo(user, pk: int, *, manage: bool = False) -> EventPhoto:
    """A photo of an event, checked as `access_attachment`."""
    return _access_material(user, EventPhoto, pk, manage=manage)


def access_event_trainer(event: Event, pk) -> EventTrainer | None:
    """A trainer entry of `event` (whose access the caller has checked), or None."""
    if not is_key(pk):
        return None
    return EventTrainer.objects.filter(event=event, pk=pk).first()


def access_event_organisation(event: Event, pk) -> EventOrganisation | None:
    """An organisation taking part in `event` (whose access the caller has checked), or None."""
    if not is_key(pk):
        return None
    return (
        EventOrganisation.objects.filter(event=event, pk=pk).select_related("organisation", "event").first()
    )


def access_event_kind(pk: int) -> EventKind:
    """A kind of event (kinds are coordinators' settings, the views check the role), else 404."""
    return _get_or_404(EventKind.objects.all(), pk=pk)
