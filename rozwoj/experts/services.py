"""Writes about experts: each checks the caller's right, changes the data and records an audit entry."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from rozwoj.accounts.models import Role, User, UserRole
from rozwoj.accounts.permissions import require_coordinator
from rozwoj.core.audit import changed_fields, log_action
from rozwoj.people.models import Person

from .models import (
    SELF_ASSESSMENT_MAX,
    SELF_ASSESSMENT_MIN,
    Competence,
    CompetenceAssessment,
    ExpertProfile,
    ExpertSpecialisation,
    Specialisation,
)
from .selectors import LANGUAGE_CODES, can_edit_profile, competences_for


def _check_specialisations(specialisations) -> list[str]:
    codes = sorted(set(specialisations))
    if not codes:
        raise ValidationError({"specialisations": _("Choose at least one specialisation.")})
    if set(codes) - set(Specialisation.values):
        raise ValidationError({"specialisations": _("Unknown specialisation.")})
    return codes


def expert_create(*, actor: User, person: Person, specialisations) -> ExpertProfile:
    """Make a person an expert. A person with a login also gets the expert role."""
    require_coordinator(actor)
    codes = _check_specialisations(specialisations)
    if ExpertProfile.objects.filter(person=person).exists():
        raise ValidationError({"person": _("This person already has an expert profile.")})
    try:
        with transaction.atomic():
            profile = ExpertProfile.objects.create(person=person, languages=["pl"])
            ExpertSpecialisation.objects.bulk_create(
                [ExpertSpecialisation(profile=profile, specialisation=code) for code in codes]
            )
            if person.user_id is not None:
                UserRole.objects.get_or_create(user_id=person.user_id, role=Role.EXPERT)
            log_action(actor, profile, "expert.create", {"specialisations": codes})
    except IntegrityError as exc:
        raise ValidationError({"person": _("This person already has an expert profile.")}) from exc
    return profile


@transaction.atomic
def expert_update(*, actor: User, profile: ExpertProfile, data: dict[str, Any]) -> ExpertProfile:
    """Coordinators and the expert edit the profile; only coordinators change the specialisations."""
    if not can_edit_profile(actor, profile):
        raise PermissionDenied
    changes = {}
    if "specialisations" in data:
        require_coordinator(actor)
        codes = _check_specialisations(data["specialisations"])
        current = sorted(profile.specialisations.values_list("specialisation", flat=True))
        if codes != current:
            profile.specialisations.exclude(specialisation__in=codes).delete()
            ExpertSpecialisation.objects.bulk_create(
                [ExpertSpecialisation(profile=profile, specialisation=c) for c in codes if c not in current]
            )
            changes["specialisations"] = [current, codes]
    if "languages" in data:
        languages = [code for code in LANGUAGE_CODES if code in set(data["languages"])]
        if set(data["languages"]) - set(LANGUAGE_CODES):
            raise ValidationError({"languages": _("Unknown language.")})
        data = {**data, "languages": languages}
    if "regions" in data:
        current_regions = sorted(profile.regions.values_list("pk", flat=True))
        wanted = sorted(region.pk for region in data["regions"])
        if current_regions != wanted:
            profile.regions.set(data["regions"])
            changes["regions"] = [
                [str(r) for r in profile.regions.model.objects.filter(pk__in=current_regions)],
                [str(r) for r in data["regions"]],
            ]
    changes.update(
        changed_fields(profile, {f: data[f] for f in ("bio", "languages", "is_active") if f in data})
    )
    if changes:
        profile.save()
        log_action(actor, profile, "expert.update", changes)
    return profile


@transaction.atomic
def assessment_save(*, actor: User, profile: ExpertProfile, levels: dict[int, int | None]) -> dict[str, Any]:
    """Store the expert's self-assessment: {competence id: level 1–5, or None to clear it}."""
    if not can_edit_profile(actor, profile):
        raise PermissionDenied
    allowed = {c.pk for _code, _label, items in competences_for(profile) for c in items}
    unknown = set(levels) - allowed
    if unknown:
        raise ValidationError(_("The competences do not belong to the expert's specialisations."))
    for level in levels.values():
        if level is not None and not SELF_ASSESSMENT_MIN <= level <= SELF_ASSESSMENT_MAX:
            raise ValidationError(_("A level is a number from 1 to 5."))
    current = dict(
        CompetenceAssessment.objects.select_for_update()
        .filter(profile=profile, competence_id__in=allowed)
        .values_list("competence_id", "level")
    )
    changes = {}
    for competence_id, level in levels.items():
        old = current.get(competence_id)
        if old == level:
            continue
        if level is None:
            CompetenceAssessment.objects.filter(profile=profile, competence_id=competence_id).delete()
        else:
            CompetenceAssessment.objects.update_or_create(
                profile=profile, competence_id=competence_id, defaults={"level": level}
            )
        changes[str(competence_id)] = [old, level]
    if changes:
        log_action(actor, profile, "expert.assessment", changes)
    return changes


COMPETENCE_FIELDS = ("specialisation", "name", "description", "order", "is_active")


def _duplicate_competence() -> ValidationError:
    return ValidationError({"name": _("This specialisation already has a competence with this name.")})


def competence_create(*, actor: User, data: dict[str, Any]) -> Competence:
    require_coordinator(actor)
    values = {f: data[f] for f in COMPETENCE_FIELDS if f in data}
    try:
        with transaction.atomic():
            competence = Competence.objects.create(**values)
            log_action(actor, competence, "competence.create", values)
    except IntegrityError as exc:
        raise _duplicate_competence() from exc
    return competence


def competence_update(*, actor: User, competence: Competence, data: dict[str, Any]) -> Competence:
    require_coordinator(actor)
    changes = changed_fields(competence, {f: data[f] for f in COMPETENCE_FIELDS if f in data})
    if changes:
        try:
            with transaction.atomic():
                competence.save()
                log_action(actor, competence, "competence.update", changes)
        except IntegrityError as exc:
            competence.refresh_from_db()
            raise _duplicate_competence() from exc
    return competence


@transaction.atomic
def competence_remove(*, actor: User, competence: Competence) -> bool:
    """Delete an unused competence; one that has self-assessments is only deactivated. Returns deleted?"""
    require_coordinator(actor)
    if competence.assessments.exists():
        if competence.is_active:
            competence.is_active = False
            competence.save(update_fields=["is_active"])
            log_action(actor, competence, "competence.deactivate")
        return False
    log_action(actor, competence, "competence.delete", {"name": competence.name})
    competence.delete()
    return True
