"""Writes of the organisations app: the TERYT import, organisations and venues."""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rozwoj.accounts.models import User
from rozwoj.accounts.permissions import require_coordinator
from rozwoj.core.audit import changed_fields, log_action
from rozwoj.core.search import related_changed
from rozwoj.core.tabular import TableError, TableLimits, forbidden_characters, read_csv

from .models import LocalGovernment, LocalGovernmentKind, Organisation, Venue

DEFAULT_TERC_FILE = Path(settings.BASE_DIR) / "organisations" / "data" / "TERC_Urzedowy_2025-11-18.csv"
TERC_HEADER = ["WOJ", "POW", "GMI", "RODZ", "NAZWA", "NAZWA_DOD", "STAN_NA"]
# The real file: 205 KB, 4,350 lines of at most 67 characters. The limits leave room for growth and refuse
# anything else before it is parsed.
TERC_LIMITS = TableLimits(max_bytes=5 * 1024 * 1024, max_rows=50_000, max_line_chars=1000)

_POLISH_LETTERS = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "đ": "d"})


def normalise_name(value: str) -> str:
    """Lower-case, without diacritics: 'Łódź' → 'lodz', so that a search for 'lodz' finds it."""
    value = value.translate(_POLISH_LETTERS)
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower().strip()


# ---------------------------------------------------------------------------------------------
# TERYT (TERC) import
# ---------------------------------------------------------------------------------------------

GMINA_RODZ = {
    "1": LocalGovernmentKind.URBAN_GMINA,
    "2": LocalGovernmentKind.RURAL_GMINA,
    "3": LocalGovernmentKind.URBAN_RURAL_GMINA,
}
SKIPPED_RODZ = {"4", "5", "8", "9"}  # parts of gminas and of cities: not local governments
_TWO_DIGITS = re.compile(r"^\d{2}$")


@dataclass(frozen=True)
class RowError:
    line: int
    code: str
    message: str

    def __str__(self) -> str:
        return _("line %(line)d: %(message)s") % {"line": self.line, "message": self.message}


class TercImportError(Exception):
    """The file has bad rows; nothing was written. `errors` lists every bad row with its line number."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # rows that are parts of units (RODZ 4, 5, 8, 9)
    absent: int = 0  # units in the database that the file no longer lists (kept, never deleted)
    by_kind: dict[str, int] = field(default_factory=dict)
    registry_dates: set[datetime.date] = field(default_factory=set)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class _Unit:
    line: int
    terc: str
    name: str
    kind: str
    parent_terc: str | None
    registry_date: datetime.date


class _BadRow(Exception):
    def __init__(self, code: str, message: str):
        self.code, self.message = code, message


def _check_code(label: str, value: str) -> None:
    if not _TWO_DIGITS.match(value) or value == "00":
        raise _BadRow(
            "bad_code",
            _("%(column)s “%(value)s” is not a two-digit code 01–99") % {"column": label, "value": value},
        )


def _check_common(row: list[str]) -> datetime.date:
    if len(row) != len(TERC_HEADER):
        raise _BadRow(
            "column_count",
            _("expected %(expected)d columns separated by ';', found %(found)d")
            % {"expected": len(TERC_HEADER), "found": len(row)},
        )
    if any(forbidden_characters(value) for value in row):
        raise _BadRow("control_character", _("the row contains a control character (such as NUL or a tab)"))
    name, stan_na = row[4].strip(), row[6].strip()
    if not name:
        raise _BadRow("missing_name", _("NAZWA is empty"))
    max_length = LocalGovernment._meta.get_field("name").max_length
    if max_length is not None and len(name) > max_length:
        raise _BadRow("bad_name", _("NAZWA is longer than 100 characters"))
    try:
        return datetime.date.fromisoformat(stan_na)
    except ValueError:
        raise _BadRow(
            "bad_date", _("STAN_NA “%(value)s” is not a date (YYYY-MM-DD)") % {"value": stan_na}
        ) from None


def _unit_from_row(line: int, row: list[str]) -> _Unit | None:
    """One data row → a unit, or None for a part of a unit (RODZ 4, 5, 8, 9). Raises _BadRow."""
    registry_date = _check_common(row)
    woj, pow_, gmi, rodz, name = (value.strip() for value in row[:5])
    _check_code("WOJ", woj)
    if not pow_:
        if gmi or rodz:
            raise _BadRow("bad_code", _("a voivodeship row (POW empty) must have GMI and RODZ empty"))
        return _Unit(line, woj, name, LocalGovernmentKind.VOIVODESHIP, None, registry_date)
    _check_code("POW", pow_)
    if not gmi:
        if rodz:
            raise _BadRow("bad_code", _("a powiat row (GMI empty) must have RODZ empty"))
        kind = LocalGovernmentKind.POWIAT if int(pow_) <= 60 else LocalGovernmentKind.CITY_WITH_POWIAT_RIGHTS
        return _Unit(line, woj + pow_, name, kind, woj, registry_date)
    _check_code("GMI", gmi)
    if rodz in SKIPPED_RODZ:
        return None
    if rodz not in GMINA_RODZ:
        raise _BadRow("unknown_rodz", _("unknown RODZ “%(value)s” (expected 1–5, 8 or 9)") % {"value": rodz})
    return _Unit(line, woj + pow_ + gmi + rodz, name, GMINA_RODZ[rodz], woj + pow_, registry_date)


def _parse_row(line: int, row: list[str]) -> tuple[_Unit | None, RowError | None]:
    try:
        return _unit_from_row(line, row), None
    except _BadRow as bad:
        return None, RowError(line, bad.code, bad.message)


def _read_terc(path_or_file) -> tuple[list[_Unit], int, list[RowError]]:
    units: list[_Unit] = []
    errors: list[RowError] = []
    skipped = 0
    seen: dict[str, int] = {}
    try:
        rows = read_csv(path_or_file, TERC_LIMITS, delimiter=";")
    except TableError as unreadable:
        return [], 0, [RowError(unreadable.line or 1, unreadable.code, unreadable.message)]
    if not rows or [str(h).strip() for h in rows[0][1]] != TERC_HEADER or rows[0][0] != 1:
        message = _("the header must be %(header)s") % {"header": ";".join(TERC_HEADER)}
        return [], 0, [RowError(1, "bad_header", message)]
    for line, row in rows[1:]:
        unit, error = _parse_row(line, row)
        if error:
            errors.append(error)
        elif unit is None:
            skipped += 1
        elif unit.terc in seen:
            message = _("TERC code %(terc)s already appears on line %(other)d") % {
                "terc": unit.terc,
                "other": seen[unit.terc],
            }
            errors.append(RowError(line, "duplicate", message))
        else:
            seen[unit.terc] = line
            units.append(unit)
    return units, skipped, errors


def _check_parents(units: list[_Unit], existing: dict[str, LocalGovernment]) -> list[RowError]:
    in_file = {unit.terc: unit for unit in units}
    errors = []
    for unit in units:
        if unit.parent_terc is None:
            continue
        parent = in_file.get(unit.parent_terc) or existing.get(unit.parent_terc)
        if parent is None:
            errors.append(
                RowError(
                    unit.line,
                    "missing_parent",
                    _("parent unit %(parent)s of %(terc)s is neither in the file nor in the registry")
                    % {"parent": unit.parent_terc, "terc": unit.terc},
                )
            )
    return errors


_LEVELS = (2, 4, 7)
_COMPARED_FIELDS = ("name", "kind", "parent_id", "voivodeship_id", "registry_date", "name_search")


def teryt_import(path_or_file=DEFAULT_TERC_FILE) -> ImportResult:
    """Load the TERC catalogue (GUS TERYT, variant Urzędowy): voivodeships, powiat-level units and gminas.

    Idempotent (a second run changes nothing), atomic (any bad row → nothing is written, and
    `TercImportError` lists every bad row with its line number). Units missing from the file are kept.
    """
    units, skipped, errors = _read_terc(path_or_file)
    existing = {lg.terc: lg for lg in LocalGovernment.objects.all()}
    errors += _check_parents(units, existing)
    if errors:
        raise TercImportError(sorted(errors, key=lambda e: e.line))

    result = ImportResult(skipped=skipped)
    file_codes = {unit.terc for unit in units}
    result.absent = sum(1 for terc in existing if terc not in file_codes)
    with transaction.atomic():
        ids = {terc: lg.pk for terc, lg in existing.items()}
        for length in _LEVELS:
            level = [unit for unit in units if len(unit.terc) == length]
            _import_level(level, existing, ids, result)
    return result


def _import_level(
    level: list[_Unit], existing: dict[str, LocalGovernment], ids: dict[str, int], result: ImportResult
) -> None:
    to_create, to_update = [], []
    for unit in level:
        values = {
            "name": unit.name,
            "kind": unit.kind,
            "parent_id": ids[unit.parent_terc] if unit.parent_terc else None,
            "voivodeship_id": ids[unit.terc[:2]] if len(unit.terc) > 2 else None,
            "registry_date": unit.registry_date,
            "name_search": normalise_name(unit.name),
        }
        result.by_kind[unit.kind] = result.by_kind.get(unit.kind, 0) + 1
        result.registry_dates.add(unit.registry_date)
        current = existing.get(unit.terc)
        if current is None:
            to_create.append(LocalGovernment(terc=unit.terc, **values))
        elif any(getattr(current, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(current, key, value)
            to_update.append(current)
        else:
            result.unchanged += 1
    if to_create:
        LocalGovernment.objects.bulk_create(to_create, batch_size=500)
        created_codes = [lg.terc for lg in to_create]
        ids.update(LocalGovernment.objects.filter(terc__in=created_codes).values_list("terc", "pk"))
    if to_update:
        LocalGovernment.objects.bulk_update(to_update, _COMPARED_FIELDS, batch_size=500)
    result.created += len(to_create)
    result.updated += len(to_update)


# ---------------------------------------------------------------------------------------------
# Organisations and venues
# ---------------------------------------------------------------------------------------------

ORGANISATION_FIELDS = (
    "name",
    "acronym",
    "kind",
    "country",
    "local_government",
    "city",
    "address",
    "postal_code",
    "website",
    "email",
    "regon",
    "rspo",
    "description",
)
VENUE_FIELDS = (
    "name",
    "organisation",
    "address",
    "postal_code",
    "city",
    "country",
    "local_government",
    "capacity",
    "accessibility_notes",
)

DUPLICATE_ORGANISATION = gettext_lazy("An organisation with this name already exists in this country.")
DUPLICATE_REGON = gettext_lazy("An organisation with this REGON is already registered.")
DUPLICATE_VENUE = gettext_lazy("A venue with this name already exists in this city.")


def organisation_duplicate_errors(data: dict[str, Any], exclude_pk: int | None = None) -> dict[str, str]:
    errors = {}
    others = Organisation.objects.exclude(pk=exclude_pk) if exclude_pk else Organisation.objects.all()
    name, country = data.get("name"), data.get("country")
    if name and country and others.filter(name__iexact=name.strip(), country=country).exists():
        errors["name"] = str(DUPLICATE_ORGANISATION)
    regon = data.get("regon")
    if regon and others.filter(regon=regon).exists():
        errors["regon"] = str(DUPLICATE_REGON)
    return errors


def venue_duplicate_errors(data: dict[str, Any], exclude_pk: int | None = None) -> dict[str, str]:
    others = Venue.objects.exclude(pk=exclude_pk) if exclude_pk else Venue.objects.all()
    name, city, country = data.get("name"), data.get("city"), data.get("country")
    if (
        name
        and city
        and country
        and others.filter(name__iexact=name.strip(), city=city, country=country).exists()
    ):
        return {"name": str(DUPLICATE_VENUE)}
    return {}


def _save(instance, duplicate_errors) -> None:
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:  # a parallel request won the race
        raise ValidationError(duplicate_errors or {"name": str(DUPLICATE_ORGANISATION)}) from exc


def organisation_create(*, actor: User, data: dict[str, Any]) -> Organisation:
    require_coordinator(actor)
    values = {key: data[key] for key in ORGANISATION_FIELDS if key in data}
    errors = organisation_duplicate_errors(values)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        organisation = Organisation(**values)
        _save(organisation, {"name": str(DUPLICATE_ORGANISATION)})
        log_action(
            actor,
            organisation,
            "organisation.create",
            {key: [None, value] for key, value in values.items() if value not in ("", None)},
        )
    return organisation


def organisation_update(*, actor: User, organisation: Organisation, data: dict[str, Any]) -> dict[str, Any]:
    require_coordinator(actor)
    values = {key: data[key] for key in ORGANISATION_FIELDS if key in data}
    errors = organisation_duplicate_errors(values, exclude_pk=organisation.pk)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        changes = changed_fields(organisation, values)
        if changes:
            _save(organisation, {"name": str(DUPLICATE_ORGANISATION)})
            log_action(actor, organisation, "organisation.update", changes)
    return changes


def venue_create(*, actor: User, data: dict[str, Any]) -> Venue:
    require_coordinator(actor)
    values = {key: data[key] for key in VENUE_FIELDS if key in data}
    errors = venue_duplicate_errors(values)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        venue = Venue(**values)
        _save(venue, {"name": str(DUPLICATE_VENUE)})
        log_action(
            actor, venue, "venue.create", {k: [None, v] for k, v in values.items() if v not in ("", None)}
        )
    return venue


def venue_update(*, actor: User, venue: Venue, data: dict[str, Any]) -> dict[str, Any]:
    require_coordinator(actor)
    values = {key: data[key] for key in VENUE_FIELDS if key in data}
    errors = venue_duplicate_errors(values, exclude_pk=venue.pk)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        changes = changed_fields(venue, values)
        if changes:
            _save(venue, {"name": str(DUPLICATE_VENUE)})
            log_action(actor, venue, "venue.update", changes)
            if "city" in changes:
                related_changed("organisations.venue_city", [venue.pk])
    return changes
