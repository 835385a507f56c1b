"""Writes of the coaching app: agreements, sessions (with encrypted private notes), supervision, techniques and
pilot groups. Every function takes `*, actor` and checks the caller's right."""

import datetime
from collections.abc import Iterable, Mapping, Sequence

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rozwoj.accounts.permissions import require_coordinator
from rozwoj.core.audit import log_action
from rozwoj.core.prepared_exports import delete_old_prepared, prepare_xlsx
from rozwoj.people.models import Person
from rozwoj.surveys.models import Questionnaire, QuestionnaireStatus
from rozwoj.surveys.selectors.access import can_manage as can_manage_questionnaire
from rozwoj.surveys.services.distribution import distribution_to_people

from . import crypto
from .models import (
    PROGRESS_MAX,
    PROGRESS_MIN,
    Agreement,
    Goal,
    GoalProgress,
    LogExport,
    PilotGroup,
    PilotGroupMember,
    Session,
    SupervisionRecord,
    SupervisionRequirement,
    Technique,
)
from .selectors.access import can_manage_agreement, coach_profile, is_agreement_coach, is_agreement_coachee
from .selectors.pages import log_cells, log_header, log_rows_count

MAX_GOALS = 10
MAX_NOTES = 20_000

AGREEMENT_FIELDS = (
    "coachee",
    "programme",
    "pilot_group",
    "kind",
    "sessions_planned",
    "start_date",
    "end_date",
    "confidentiality_terms",
    "coachee_consent",
    "sponsor_name",
    "sponsor_approved_on",
    "feedback_questionnaire",
)


def _check_feedback_questionnaire(actor, questionnaire: Questionnaire | None) -> None:
    if questionnaire is None:
        return
    if not can_manage_questionnaire(actor, questionnaire):
        raise ValidationError({"feedback_questionnaire": _("Choose a questionnaire you manage.")})
    if questionnaire.is_template or questionnaire.status == QuestionnaireStatus.CLOSED:
        raise ValidationError(
            {"feedback_questionnaire": _("Choose a questionnaire that is not a template and not closed.")}
        )


def _check_agreement(actor, data: Mapping, goals: Sequence[str]) -> None:
    if not data.get("coachee_consent"):
        raise ValidationError(
            {"coachee_consent": _("An agreement is recorded only with the coachee's consent.")}
        )
    if not goals:
        raise ValidationError({"goals": _("Write at least one goal.")})
    if len(goals) > MAX_GOALS:
        raise ValidationError({"goals": _("Write at most %(count)s goals.") % {"count": MAX_GOALS}})
    if any(len(goal) > 300 for goal in goals):
        raise ValidationError({"goals": _("Keep each goal within 300 characters.")})
    _check_feedback_questionnaire(actor, data.get("feedback_questionnaire"))


def _write_goals(agreement: Agreement, goals: Sequence[str]) -> None:
    existing = list(agreement.goals.all())
    for order, title in enumerate(goals):
        if order < len(existing):
            goal = existing[order]
            if (goal.title, goal.order) != (title, order):
                goal.title, goal.order = title, order
                goal.save(update_fields=["title", "order"])
        else:
            Goal.objects.create(agreement=agreement, title=title, order=order)
    for goal in existing[len(goals) :]:
        goal.delete()


@transaction.atomic
def agreement_create(*, actor, data: Mapping, goals: Sequence[str], coach=None) -> Agreement:
    """A coach records an agreement for themselves; a coordinator for the coach they name."""
    own = coach_profile(actor)
    if coach is None:
        coach = own
    if coach is None or not (actor.is_coordinator or (own is not None and coach.pk == own.pk)):
        raise PermissionDenied
    _check_agreement(actor, data, goals)
    agreement = Agreement(coach=coach, **{name: data.get(name) for name in AGREEMENT_FIELDS})
    agreement.sponsor_name = agreement.sponsor_name or ""
    agreement.full_clean()
    agreement.save()
    _write_goals(agreement, goals)
    log_action(actor, agreement, "coaching.agreement_create", {"coachee": agreement.coachee_id})
    return agreement


@transaction.atomic
def agreement_update(*, actor, agreement: Agreement, data: Mapping, goals: Sequence[str]) -> Agreement:
    if not can_manage_agreement(actor, agreement):
        raise PermissionDenied
    _check_agreement(actor, data, goals)
    changes = {}
    for name in AGREEMENT_FIELDS:
        value = data.get(name)
        if name == "sponsor_name":
            value = value or ""
        if getattr(agreement, name) != value:
            changes[name] = str(value)
            setattr(agreement, name, value)
    agreement.full_clean()
    agreement.save()
    _write_goals(agreement, goals)
    log_action(actor, agreement, "coaching.agreement_update", changes)
    return agreement


def _check_session(private_notes: str) -> None:
    if len(private_notes) > MAX_NOTES:
        raise ValidationError(
            {"private_notes": _("Keep the notes within %(count)s characters.") % {"count": MAX_NOTES}}
        )


@transaction.atomic
def session_create(
    *,
    actor,
    agreement: Agreement,
    data: Mapping,
    techniques: Iterable[Technique] = (),
    private_notes: str = "",
) -> Session:
    """Only the agreement's coach records its sessions. The private notes are encrypted before they are
    written. The progress on the goals is the coachee's to rate (session_rate_progress)."""
    if not is_agreement_coach(actor, agreement):
        raise PermissionDenied
    _check_session(private_notes)
    session = Session(
        agreement=agreement,
        held_on=data["held_on"],
        duration_minutes=data["duration_minutes"],
        mode=data["mode"],
        group_size=data.get("group_size") or 1,
        shared_notes=data.get("shared_notes") or "",
        private_notes_token=crypto.encrypt(private_notes),
    )
    session.full_clean()
    session.save()
    session.techniques.set(techniques)
    log_action(actor, session, "coaching.session_create", {"agreement": agreement.pk})
    return session


@transaction.atomic
def session_update(
    *,
    actor,
    session: Session,
    data: Mapping,
    techniques: Iterable[Technique] = (),
    private_notes: str | None = None,
) -> Session:
    """`private_notes=None` keeps the notes as they are (the API never carries them)."""
    if not is_agreement_coach(actor, session.agreement):
        raise PermissionDenied
    if private_notes is not None:
        _check_session(private_notes)
    for name in ("held_on", "duration_minutes", "mode"):
        setattr(session, name, data[name])
    session.group_size = data.get("group_size") or 1
    session.shared_notes = data.get("shared_notes") or ""
    if private_notes is not None:
        session.private_notes_token = crypto.encrypt(private_notes)
    session.full_clean()
    session.save()
    session.techniques.set(techniques)
    # The audit entry names the fields, never the private notes' text.
    log_action(actor, session, "coaching.session_update", {"agreement": session.agreement_id})
    return session


@transaction.atomic
def session_rate_progress(*, actor, session: Session, ratings: Mapping[int, int | None]) -> dict[int, int]:
    """The coachee rates, after a session, their progress on each goal of the agreement (PROGRESS_MIN to
    PROGRESS_MAX; None clears a rating). Only the agreement's coachee rates: the scale is theirs, the coach reads
    it. Returns the ratings now stored, by goal id."""
    if not is_agreement_coachee(actor, session.agreement):
        raise PermissionDenied
    goal_ids = set(session.agreement.goals.values_list("pk", flat=True))
    if not set(ratings) <= goal_ids:
        raise ValidationError(_("Rate only the goals of this agreement."))
    for goal_id, rating in ratings.items():
        if rating is not None and not PROGRESS_MIN <= rating <= PROGRESS_MAX:
            raise ValidationError(
                {
                    f"goal_{goal_id}": _("Rate from %(low)s to %(high)s.")
                    % {"low": PROGRESS_MIN, "high": PROGRESS_MAX}
                }
            )
    for goal_id, rating in ratings.items():
        if rating is None:
            GoalProgress.objects.filter(session=session, goal_id=goal_id).delete()
        else:
            GoalProgress.objects.update_or_create(
                session=session, goal_id=goal_id, defaults={"rating": rating}
            )
    stored = dict(GoalProgress.objects.filter(session=session).values_list("goal_id", "rating"))
    log_action(actor, session, "coaching.session_rate_progress", {str(k): v for k, v in stored.items()})
    return stored


def session_private_notes(*, actor, session: Session) -> str:
    """The session's private notes, decrypted for the agreement's coach only; anyone else: PermissionDenied."""
    if not is_agreement_coach(actor, session.agreement):
        raise PermissionDenied
    return crypto.decrypt(session.private_notes_token)


def rotate_notes_keys() -> int:
    """Re-encrypt every private note with the first key of COACHING_NOTES_KEYS; returns how many."""
    count = 0
    sessions = Session.objects.exclude(private_notes_token="").only("pk", "private_notes_token")
    for session in sessions.iterator(chunk_size=500):
        token = crypto.rotate(session.private_notes_token)
        if token != session.private_notes_token:
            Session.objects.filter(pk=session.pk).update(private_notes_token=token)
            count += 1
    return count


# --- supervision ---------------------------------------------------------------------------------------------


@transaction.atomic
def supervision_add(*, actor, data: Mapping) -> SupervisionRecord:
    profile = coach_profile(actor)
    if profile is None:
        raise PermissionDenied
    record = SupervisionRecord(
        coach=profile, held_on=data["held_on"], hours=data["hours"], supervisor=data["supervisor"]
    )
    record.full_clean()
    record.save()
    log_action(actor, record, "coaching.supervision_add", {"hours": str(record.hours)})
    return record


def supervision_requirement() -> SupervisionRequirement:
    """The one requirement row, or the defaults while a coordinator has not saved one (nothing is written)."""
    return SupervisionRequirement.objects.filter(pk=1).first() or SupervisionRequirement(pk=1)


@transaction.atomic
def supervision_requirement_update(*, actor, data: Mapping) -> SupervisionRequirement:
    require_coordinator(actor)
    requirement = supervision_requirement()
    changes = {}
    for name in ("hours_per_year", "practice_hours_per_supervision_hour"):
        if getattr(requirement, name) != data[name]:
            changes[name] = str(data[name])
            setattr(requirement, name, data[name])
    requirement.full_clean()
    requirement.save()
    log_action(actor, requirement, "coaching.supervision_requirement_update", changes)
    return requirement


# --- techniques ----------------------------------------------------------------------------------------------

TECHNIQUE_FIELDS = ("name", "purpose", "steps", "when_to_use", "source", "language", "original", "visibility")


def _save_unique(obj, field: str, message: str) -> None:
    obj.full_clean()
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as error:  # a parallel request took the name first
        raise ValidationError({field: message}) from error


@transaction.atomic
def technique_save(*, actor, data: Mapping, technique: Technique | None = None) -> Technique:
    require_coordinator(actor)
    created = technique is None
    technique = technique or Technique()
    for name in TECHNIQUE_FIELDS:
        setattr(technique, name, data.get(name) if name == "original" else (data.get(name) or ""))
    if technique.original is not None and technique.original.original_id is not None:
        raise ValidationError({"original": _("Choose the original version, not a translation.")})
    if technique.pk and technique.original_id == technique.pk:
        raise ValidationError({"original": _("A technique cannot be a translation of itself.")})
    _save_unique(technique, "name", _("A technique with this name already exists in this language."))
    log_action(actor, technique, "coaching.technique_create" if created else "coaching.technique_update")
    return technique


# --- pilot groups --------------------------------------------------------------------------------------------

GROUP_FIELDS = ("programme", "partner", "country", "name", "capacity", "schedule", "start_date", "end_date")


@transaction.atomic
def pilot_group_save(
    *, actor, data: Mapping, coaches: Iterable, group: PilotGroup | None = None
) -> PilotGroup:
    require_coordinator(actor)
    created = group is None
    group = group or PilotGroup()
    for name in GROUP_FIELDS:
        setattr(group, name, data.get(name))
    group.schedule = group.schedule or ""
    if group.pk is not None:
        members = PilotGroupMember.objects.filter(group=group).count()
        if group.capacity is not None and group.capacity < members:
            raise ValidationError(
                {
                    "capacity": _("The group has %(count)s members: keep at least as many places.")
                    % {"count": members}
                }
            )
    _save_unique(group, "name", _("This programme already has a pilot group of this name."))
    group.coaches.set(coaches)
    log_action(actor, group, "coaching.pilot_group_create" if created else "coaching.pilot_group_update")
    return group


def pilot_group_member_add(*, actor, group: PilotGroup, person: Person) -> PilotGroupMember:
    """Adds `person` to the group while a place is free: the group's row is locked, then the members counted,
    so that parallel requests never fill more places than the group has."""
    require_coordinator(actor)
    with transaction.atomic():
        locked = PilotGroup.objects.select_for_update().get(pk=group.pk)
        if PilotGroupMember.objects.filter(group=locked, person=person).exists():
            raise ValidationError({"person": _("This person is already a member of the group.")})
        if PilotGroupMember.objects.filter(group=locked).count() >= locked.capacity:
            raise ValidationError({"person": _("The group is full.")})
        member = PilotGroupMember.objects.create(group=locked, person=person)
        log_action(actor, locked, "coaching.pilot_group_member_add", {"person": person.pk})
    return member


@transaction.atomic
def pilot_group_member_remove(*, actor, member: PilotGroupMember) -> None:
    require_coordinator(actor)
    log_action(actor, member.group, "coaching.pilot_group_member_remove", {"person": member.person_id})
    member.delete()


# --- the feedback questionnaire ------------------------------------------------------------------------------


def send_due_feedback(now: datetime.datetime | None = None) -> int:
    """Invite the coachee of every agreement whose last planned session has been held to its feedback
    questionnaire, once; returns how many agreements."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    due = (
        Agreement.objects.filter(feedback_questionnaire__isnull=False, feedback_sent_at__isnull=True)
        .annotate(held=Count("sessions"), last=Max("sessions__held_on"))
        .filter(last__lte=today)
        .select_related("coachee__user", "feedback_questionnaire", "coach__person__user")
    )
    sent = 0
    for agreement in due:
        questionnaire = agreement.feedback_questionnaire
        if questionnaire is None or agreement.held < agreement.sessions_planned:
            continue
        with transaction.atomic():
            if not Agreement.objects.filter(pk=agreement.pk, feedback_sent_at__isnull=True).update(
                feedback_sent_at=now
            ):
                continue  # another run sent it
            with translation.override(settings.LANGUAGE_CODE):
                label = _("Coaching agreement: %(coach)s") % {"coach": agreement.coach.person.full_name}
            distribution_to_people(
                questionnaire,
                [agreement.coachee],
                now,
                label,
                reverse("coaching:agreement", args=[agreement.pk]),
                agreement.coach.person.user,
                check_access=False,
            )
            sent += 1
    return sent


# --- the coach's log as a spreadsheet prepared in the background ---------------------------------------------


def log_export_filename(export: LogExport) -> str:
    return f"coaching-log-{export.created_at:%Y-%m-%d}.xlsx"


def log_export_request(*, actor, language: str) -> LogExport:
    """A coach asks for the XLSX of their whole log; the background work starts once this transaction commits."""
    profile = coach_profile(actor)
    if profile is None:
        raise PermissionDenied
    with transaction.atomic():
        export = LogExport.objects.create(
            coach=profile, language=language, requested_by=actor, rows_total=log_rows_count(profile)
        )
        log_action(actor, export, "coaching.log_export_request")
        from .tasks import prepare_log_export  # the task module imports this one

        transaction.on_commit(lambda: prepare_log_export.delay(export.pk))
    return export


def log_export_prepare(export_id: int) -> LogExport | None:
    """Write the spreadsheet of a requested export of a coach's log and store it (the background work)."""
    export = (
        LogExport.objects.select_related("coach")
        .filter(pk=export_id, ready_at__isnull=True, failed=False)
        .first()
    )
    if export is None:  # deleted, or prepared already
        return None
    with translation.override(export.language):
        return prepare_xlsx(
            export,
            log_header(),
            log_cells(export.coach),
            title=_("Coaching log"),
            filename=log_export_filename(export),
        )


def log_exports_delete_old(now: datetime.datetime | None = None) -> int:
    """Delete prepared exports of coaches' logs after a week (they name coachees; they can be prepared again)."""
    return delete_old_prepared(LogExport.objects.all(), now)
