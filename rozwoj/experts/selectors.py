"""Reads of expert profiles, scoped to the caller: coordinators and experts use the expert directory."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.functional import Promise

from rozwoj.accounts.models import Role
from rozwoj.organisations.selectors import voivodeships
from rozwoj.people.models import Person

from .models import Competence, CompetenceAssessment, ExpertProfile, ExpertSpecialisation, Specialisation

LANGUAGE_CODES = ("pl", "en", "lv", "el", "de", "uk", "ru", "fr", "es", "lt")


def expert_profile_for(user) -> ExpertProfile | None:
    """The expert profile of the person behind a login, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return ExpertProfile.objects.filter(person__user=user).select_related("person").first()


def can_use_directory(user) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and (user.is_coordinator or user.has_role(Role.EXPERT))
    )


def experts_visible_to(user) -> QuerySet[ExpertProfile]:
    """Coordinators see every profile; experts the active profiles and their own; others none."""
    if not getattr(user, "is_authenticated", False):
        return ExpertProfile.objects.none()
    if user.is_coordinator:
        return ExpertProfile.objects.all()
    if user.has_role(Role.EXPERT):
        return ExpertProfile.objects.filter(Q(is_active=True) | Q(person__user=user))
    return ExpertProfile.objects.filter(person__user=user)


def can_edit_profile(user, profile: ExpertProfile) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_coordinator or (profile.person.user_id is not None and profile.person.user_id == user.pk)


def expert_directory(
    user, *, q: str = "", specialisation: str = "", region=None, language: str = "", active: str = ""
) -> QuerySet[ExpertProfile]:
    profiles = experts_visible_to(user)
    for term in q.split()[:5]:
        profiles = profiles.filter(
            Q(person__first_name__icontains=term) | Q(person__last_name__icontains=term)
        )
    if specialisation:
        profiles = profiles.filter(
            pk__in=ExpertSpecialisation.objects.filter(specialisation=specialisation).values("profile_id")
        )
    if region is not None:
        profiles = profiles.filter(regions=region)
    if language in LANGUAGE_CODES:
        # The codes are stored as a JSON list; a quoted code matches one element on SQLite and PostgreSQL.
        profiles = profiles.filter(languages__icontains=f'"{language}"')
    if active == "yes":
        profiles = profiles.filter(is_active=True)
    elif active == "no":
        profiles = profiles.filter(is_active=False)
    return (
        profiles.select_related("person")
        .prefetch_related("specialisations", Prefetch("regions", queryset=voivodeships()))
        .order_by("person__sort_key", "pk")
    )


def competences_for(profile: ExpertProfile) -> list[tuple[str, str | Promise, list[Competence]]]:
    """The active competences of the profile's specialisations, grouped: [(code, label, [competence])]."""
    codes = [s.specialisation for s in profile.specialisations.all()]
    competences = Competence.objects.filter(specialisation__in=codes, is_active=True).order_by(
        "specialisation", "order", "pk"
    )
    groups: list[tuple[str, str | Promise, list[Competence]]] = []
    for code, label in Specialisation.choices:
        items = [c for c in competences if c.specialisation == code]
        if code in codes and items:
            groups.append((code, label, items))
    return groups


def assessments_of(profile: ExpertProfile) -> dict[int, int]:
    return dict(CompetenceAssessment.objects.filter(profile=profile).values_list("competence_id", "level"))


# --- access: 404 when the caller may not see the object, 403 when they may not change it -------------------


def access_expert(user, pk: int, *, manage: bool = False) -> ExpertProfile:
    """The expert profile `pk` with its person: 404 unless `user` may see it in the directory; with `manage`,
    403 unless they may edit it (coordinators, and the expert themself)."""
    try:
        profile = experts_visible_to(user).select_related("person", "person__user").get(pk=pk)
    except ExpertProfile.DoesNotExist:
        raise Http404 from None
    if manage and not can_edit_profile(user, profile):
        raise PermissionDenied
    return profile


def profile_copy(profile: ExpertProfile) -> ExpertProfile:
    """A fresh copy of `profile` for a form to change (the original keeps the values before the change)."""
    return ExpertProfile.objects.get(pk=profile.pk)


def people_without_profile() -> QuerySet[Person]:
    return Person.objects.filter(expert_profile__isnull=True)


def competences_in_order() -> QuerySet[Competence]:
    return Competence.objects.all().order_by("specialisation", "order", "pk")


def access_competence(pk: int) -> Competence:
    """A competence of the catalogue (coordinators' settings: the views check the role), else 404."""
    try:
        return Competence.objects.get(pk=pk)
    except Competence.DoesNotExist:
        raise Http404 from None
