"""Writes of programmes: the programme with its partners, planned results and indicators, in one transaction.

Child rows are plain dicts: ``{"id": <pk or None>, "delete": <bool>, **fields}``. Errors are raised as a
``ValidationError`` whose keys name the programme field (``"end_date"``) or the child row by its position in
the list given (``"partners-0-organisation"``, ``"indicators-1-name"``), so a view can put each message
next to the field it is about.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from rozwoj.accounts.models import User
from rozwoj.accounts.permissions import require_coordinator
from rozwoj.core.audit import changed_fields, log_action
from rozwoj.core.search import reindex, related_changed

from .models import Indicator, PlannedResult, Programme, ProgrammePartner

PROGRAMME_FIELDS = (
    "name",
    "acronym",
    "funding_programme",
    "funding_action",
    "agreement_number",
    "start_date",
    "end_date",
    "goal",
    "description",
    "lead_institution",
    "status",
    "is_public",
)
PARTNER_FIELDS = ("organisation", "role", "description")
RESULT_FIELDS = ("title", "description", "due_date", "status", "order")
INDICATOR_FIELDS = ("name", "unit", "target_value", "achieved_value", "order")


# --- rules -------------------------------------------------------------------------------------------


def _others(exclude_pk: int | None) -> models.QuerySet[Programme]:
    programmes = Programme.objects.all()
    return programmes if exclude_pk is None else programmes.exclude(pk=exclude_pk)


def programme_name_taken(name: str, *, exclude_pk: int | None = None) -> bool:
    return bool(name) and _others(exclude_pk).filter(name__iexact=name.strip()).exists()


def programme_acronym_taken(acronym: str, *, exclude_pk: int | None = None) -> bool:
    return bool(acronym) and _others(exclude_pk).filter(acronym__iexact=acronym.strip()).exists()


def dates_out_of_order(start, end) -> bool:
    return bool(start and end and end < start)


def _live(rows: Iterable[dict]) -> list[tuple[int, dict]]:
    return [(index, row) for index, row in enumerate(rows) if not row.get("delete")]


def _partner_errors(partners: list[dict], lead) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    seen: set[int] = set()
    for index, row in _live(partners):
        organisation = row.get("organisation")
        if organisation is None:
            continue
        key = f"partners-{index}-organisation"
        if lead is not None and organisation.pk == lead.pk:
            errors[key] = [_("The lead institution cannot also be a partner.")]
        elif organisation.pk in seen:
            errors[key] = [_("This organisation is already a partner of the programme.")]
        seen.add(organisation.pk)
    return errors


def _indicator_errors(indicators: list[dict]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    seen: set[str] = set()
    for index, row in _live(indicators):
        target = row.get("target_value")
        if target is not None and target < 0:
            errors[f"indicators-{index}-target_value"] = [_("The target value cannot be negative.")]
        achieved = row.get("achieved_value")
        if achieved is not None and achieved < 0:
            errors[f"indicators-{index}-achieved_value"] = [_("The achieved value cannot be negative.")]
        name = (row.get("name") or "").strip().casefold()
        if name in seen:
            errors[f"indicators-{index}-name"] = [_("The programme already has an indicator with this name.")]
        seen.add(name)
    return errors


def programme_errors(
    *,
    data: dict[str, Any],
    partners: list[dict],
    indicators: list[dict],
    programme: Programme | None = None,
) -> dict[str, list[str]]:
    """Every business rule of a programme and its rows; {} when all hold."""
    exclude_pk = programme.pk if programme else None
    errors: dict[str, list[str]] = {}
    if programme_name_taken(data.get("name", ""), exclude_pk=exclude_pk):
        errors["name"] = [_("A programme with this name already exists.")]
    if programme_acronym_taken(data.get("acronym", ""), exclude_pk=exclude_pk):
        errors["acronym"] = [_("A programme with this acronym already exists.")]
    if dates_out_of_order(data.get("start_date"), data.get("end_date")):
        errors["end_date"] = [_("The end date cannot be earlier than the start date.")]
    errors.update(_partner_errors(partners, data.get("lead_institution")))
    errors.update(_indicator_errors(indicators))
    return errors


# --- writes ------------------------------------------------------------------------------------------


def _describe(obj: models.Model) -> str:
    if isinstance(obj, ProgrammePartner):
        return f"{obj.organisation} ({obj.get_role_display()})"
    if isinstance(obj, Indicator):
        return obj.name
    return str(obj)


def _sync_children(
    programme: Programme,
    model: type[ProgrammePartner] | type[PlannedResult] | type[Indicator],
    rows: list[dict],
    fields: tuple[str, ...],
    section: str,
) -> dict[str, list[str]]:
    """Delete, update and create the rows of one kind; returns the audit summary of what changed."""
    existing = {obj.pk: obj for obj in model.objects.filter(programme=programme)}
    summary: dict[str, list[str]] = {"added": [], "changed": [], "removed": []}
    to_update, to_create = [], []
    for index, row in enumerate(rows):
        pk = row.get("id")
        if pk is not None and pk not in existing:
            raise ValidationError(
                {f"{section}-{index}-id": [_("This row does not belong to the programme.")]}
            )
        if pk is not None and row.get("delete"):
            obj = existing[pk]
            summary["removed"].append(_describe(obj))
            obj.delete()
        elif pk is not None:
            to_update.append((existing[pk], {field: row[field] for field in fields if field in row}))
        elif not row.get("delete"):
            to_create.append(row)
    for obj, values in to_update:
        before = _describe(obj)
        changes = changed_fields(obj, values)
        if changes:
            obj.save()
            details = ", ".join(f"{field}: {old} → {new}" for field, (old, new) in changes.items())
            summary["changed"].append(f"{before}: {details}")
    for row in to_create:
        obj = model.objects.create(
            programme=programme, **{field: row[field] for field in fields if field in row}
        )
        summary["added"].append(_describe(obj))
    return {f"{section}_{kind}": items for kind, items in summary.items() if items}


def _write_children(programme: Programme, partners, results, indicators) -> dict[str, list[str]]:
    changes: dict[str, list[str]] = {}
    changes.update(_sync_children(programme, ProgrammePartner, partners, PARTNER_FIELDS, "partners"))
    changes.update(_sync_children(programme, PlannedResult, results, RESULT_FIELDS, "results"))
    changes.update(_sync_children(programme, Indicator, indicators, INDICATOR_FIELDS, "indicators"))
    return changes


def _raise_from_integrity(data, partners, indicators, programme=None):
    errors = programme_errors(data=data, partners=partners, indicators=indicators, programme=programme)
    raise ValidationError(
        errors or {"__all__": [_("Someone else changed these data at the same time. Please try again.")]}
    )


def programme_create(
    *,
    actor: User,
    data: dict[str, Any],
    partners: Iterable[dict] = (),
    results: Iterable[dict] = (),
    indicators: Iterable[dict] = (),
) -> Programme:
    """Create a programme with its rows; every rule is checked first and nothing is saved on error."""
    require_coordinator(actor)
    partners, results, indicators = list(partners), list(results), list(indicators)
    errors = programme_errors(data=data, partners=partners, indicators=indicators)
    if errors:
        raise ValidationError(errors)
    values = {field: data[field] for field in PROGRAMME_FIELDS if field in data}
    try:
        with transaction.atomic():
            programme = Programme.objects.create(**values)
            child_changes = _write_children(programme, partners, results, indicators)
            log_action(actor, programme, "programme.create", {**values, **child_changes})
            reindex("programmes", [programme.pk])
    except IntegrityError:
        _raise_from_integrity(data, partners, indicators)
    return programme


def programme_update(
    *,
    actor: User,
    programme: Programme,
    data: dict[str, Any],
    partners: Iterable[dict] = (),
    results: Iterable[dict] = (),
    indicators: Iterable[dict] = (),
) -> Programme:
    """Change a programme and its rows in one transaction; the audit entry lists what changed."""
    require_coordinator(actor)
    partners, results, indicators = list(partners), list(results), list(indicators)
    errors = programme_errors(data=data, partners=partners, indicators=indicators, programme=programme)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            locked = Programme.objects.select_for_update().get(pk=programme.pk)
            changes = changed_fields(
                locked, {field: data[field] for field in PROGRAMME_FIELDS if field in data}
            )
            if changes:
                locked.save()
            changes.update(_write_children(locked, partners, results, indicators))
            if changes:
                log_action(actor, locked, "programme.update", changes)
                reindex("programmes", [locked.pk])
                if "name" in changes:
                    related_changed("programmes.name", [locked.pk])
    except IntegrityError:
        _raise_from_integrity(data, partners, indicators, programme)
    programme.refresh_from_db()
    return programme
