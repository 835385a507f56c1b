"""Who sees and who manages what in coaching, and one access function per kind of object.

- Coordinators and administrators see and manage agreements, sessions, pilot groups and techniques — but never
  a session's private notes: those are decrypted for the agreement's coach alone (services.session_private_notes).
- A coach (an expert with the coach specialisation) sees their own agreements and sessions, records them, and
  sees the pilot groups they coach.
- A coachee sees their own agreements and sessions with the shared notes, and the pilot groups they belong to.
- Partner members see the pilot groups of the programmes their organisation is a partner of.
- Techniques: public ones for everybody; partners-only ones for coordinators, experts and partner members.
"""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from rozwoj.accounts.models import Role
from rozwoj.experts.models import ExpertProfile, Specialisation

from ..models import Agreement, LogExport, PilotGroup, Session, Technique, Visibility


def _person_id(user) -> int | None:
    if user is None or not user.is_authenticated:
        return None
    person = getattr(user, "person", None)
    return person.pk if person is not None else None


def coach_profile(user) -> ExpertProfile | None:
    """The caller's expert profile when they are a coach (remembered on the user for the request)."""
    if user is None or not user.is_authenticated:
        return None
    if "_coach_profile" not in user.__dict__:
        user.__dict__["_coach_profile"] = (
            ExpertProfile.objects.filter(
                person__user=user, is_active=True, specialisations__specialisation=Specialisation.COACH
            )
            .select_related("person")
            .first()
        )
    return user.__dict__["_coach_profile"]


def is_coach(user) -> bool:
    return coach_profile(user) is not None


def agreements_visible_to(user) -> QuerySet[Agreement]:
    agreements = Agreement.objects.all()
    if user is None or not user.is_authenticated:
        return agreements.none()
    if user.is_coordinator:
        return agreements
    rule = Q(coachee__user=user)
    profile = coach_profile(user)
    if profile is not None:
        rule |= Q(coach=profile)
    return agreements.filter(rule)


def can_manage_agreement(user, agreement: Agreement) -> bool:
    """Coordinators and the agreement's coach change the agreement."""
    if user is None or not user.is_authenticated:
        return False
    profile = coach_profile(user)
    return user.is_coordinator or (profile is not None and agreement.coach_id == profile.pk)


def is_agreement_coach(user, agreement: Agreement) -> bool:
    profile = coach_profile(user)
    return profile is not None and agreement.coach_id == profile.pk


def is_agreement_coachee(user, agreement: Agreement) -> bool:
    """The caller is the agreement's coachee (signed in with the login of the coachee's person record)."""
    person_id = _person_id(user)
    return person_id is not None and agreement.coachee_id == person_id


def _get_or_404(queryset, pk):
    try:
        return queryset.get(pk=int(pk))
    except (ObjectDoesNotExist, ValueError, TypeError, OverflowError) as error:
        raise Http404 from error


AGREEMENT_RELATED = ("coach__person", "coachee", "programme", "pilot_group", "feedback_questionnaire")


def access_agreement(user, pk, *, manage: bool = False) -> Agreement:
    """The agreement `pk`: 404 unless the caller may see it; with `manage`, 403 unless they may change it."""
    agreement = _get_or_404(agreements_visible_to(user).select_related(*AGREEMENT_RELATED), pk)
    if manage and not can_manage_agreement(user, agreement):
        raise PermissionDenied
    return agreement


def access_session(user, pk, *, manage: bool = False) -> Session:
    """The session `pk`: 404 unless the caller may see its agreement; with `manage`, 403 unless they are its
    coach (only the coach records a session: its form holds the private notes)."""
    session = _get_or_404(
        Session.objects.filter(agreement__in=agreements_visible_to(user)).select_related(
            *(f"agreement__{name}" for name in AGREEMENT_RELATED)
        ),
        pk,
    )
    if manage and not is_agreement_coach(user, session.agreement):
        raise PermissionDenied
    return session


def _sees_partner_techniques(user) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.has_role(Role.ADMINISTRATOR, Role.COORDINATOR, Role.EXPERT, Role.PARTNER_MEMBER)
    )


def techniques_visible_to(user) -> QuerySet[Technique]:
    techniques = Technique.objects.all()
    if _sees_partner_techniques(user):
        return techniques
    return techniques.filter(visibility=Visibility.PUBLIC)


def can_manage_techniques(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_coordinator)


def access_technique(user, pk, *, manage: bool = False) -> Technique:
    technique = _get_or_404(techniques_visible_to(user).select_related("original"), pk)
    if manage and not can_manage_techniques(user):
        raise PermissionDenied
    return technique


def pilot_groups_visible_to(user) -> QuerySet[PilotGroup]:
    groups = PilotGroup.objects.all()
    if user is None or not user.is_authenticated:
        return groups.none()
    if user.is_coordinator:
        return groups
    rule = Q(pk__in=[])
    person_id = _person_id(user)
    if person_id is not None:
        rule |= Q(members__person_id=person_id)
        if user.has_role(Role.PARTNER_MEMBER):
            rule |= Q(programme__partners__organisation__memberships__person_id=person_id) | Q(
                programme__lead_institution__memberships__person_id=person_id
            )
    profile = coach_profile(user)
    if profile is not None:
        rule |= Q(coaches=profile)
    return groups.filter(pk__in=groups.filter(rule).values("pk"))


def can_manage_pilot_groups(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_coordinator)


def access_pilot_group(user, pk, *, manage: bool = False) -> PilotGroup:
    group = _get_or_404(pilot_groups_visible_to(user).select_related("programme", "partner"), pk)
    if manage and not can_manage_pilot_groups(user):
        raise PermissionDenied
    return group


def access_log_export(user, pk) -> LogExport:
    """A prepared export of a coach's log: only for that coach (404 for everybody else, coordinators too: the
    log is the coach's own record)."""
    profile = coach_profile(user)
    if profile is None:
        raise Http404
    return _get_or_404(LogExport.objects.filter(coach=profile, ready_at__isnull=False), pk)
