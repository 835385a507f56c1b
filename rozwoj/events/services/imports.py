"""Importing registrations from CSV or XLSX: every row is checked first; nothing is imported unless all are
good. Columns: first_name, last_name, email, mode (on_site | online), organisation (optional)."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from rozwoj.accounts.models import User
from rozwoj.accounts.permissions import require_coordinator
from rozwoj.core.audit import log_action
from rozwoj.core.tabular import TableError, TableLimits, forbidden_characters, read_table
from rozwoj.events.models import ACTIVE_REGISTRATION_STATUSES, AttendanceMode, Event, Registration
from rozwoj.organisations.models import Organisation
from rozwoj.people.models import Membership, Person

from .registrations import allowed_modes, eligibility, registration_create

MAX_IMPORT_SIZE = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 5000
IMPORT_LIMITS = TableLimits(max_bytes=MAX_IMPORT_SIZE, max_rows=MAX_IMPORT_ROWS, max_line_chars=4096)
REQUIRED_COLUMNS = ("first_name", "last_name", "email", "mode")
OPTIONAL_COLUMNS = ("organisation",)


@dataclass
class RowError:
    line: int
    message: str


class ImportRowsError(Exception):
    """Raised with every bad row; nothing has been imported."""

    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} bad rows")
        self.errors = errors


@dataclass
class ImportResult:
    registrations: list[Registration] = field(default_factory=list)
    people_created: int = 0


@dataclass
class _Row:
    line: int
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    mode: str = ""
    organisation_name: str = ""
    person: Person | None = None
    organisation: Organisation | None = None
    problems: list[str] = field(default_factory=list)  # cells that cannot be stored
    bad_columns: set[str] = field(default_factory=set)


# --- reading ------------------------------------------------------------------------------------------


def _file_error(message: str) -> ValidationError:
    return ValidationError({"file": message}, code="invalid")


def _kind_of(file) -> str:
    name = (getattr(file, "name", "") or "").lower()
    if name.endswith(".csv"):
        return "csv"
    if name.endswith(".xlsx"):
        return "xlsx"
    raise _file_error(_("Upload a CSV or XLSX file."))


def read_rows(file) -> list[tuple[int, dict[str, Any]]]:
    """(line number, {column: value}) for every non-empty data row, within IMPORT_LIMITS; file-level problems
    raise ValidationError on "file". Values are text, or (from an XLSX) whatever type the cell holds."""
    kind = _kind_of(file)
    if (file.size or 0) > MAX_IMPORT_SIZE:
        raise _file_error(_("The file is larger than 2 MB."))
    try:
        rows = read_table(file, IMPORT_LIMITS, kind=kind)
    except TableError as error:
        raise _file_error(error.message) from None
    if not rows:
        raise _file_error(_("The file is empty."))
    _header_line, header_cells = rows[0]
    header = [
        str(column).strip().lower().replace(" ", "_") if column is not None else "" for column in header_cells
    ]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise _file_error(
            _("The first row must name the columns; missing: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    columns = [c for c in header if c in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    index = {column: header.index(column) for column in columns}
    return [
        (line, {column: (row[i] if i < len(row) else None) for column, i in index.items()})
        for line, row in rows[1:]
    ]


# --- checking -----------------------------------------------------------------------------------------


def _max_lengths() -> dict[str, int | None]:
    return {
        "first_name": Person._meta.get_field("first_name").max_length,
        "last_name": Person._meta.get_field("last_name").max_length,
        "email": Person._meta.get_field("email").max_length,
        "mode": 20,
        "organisation": Organisation._meta.get_field("name").max_length,
    }


def _shown(value: str, limit: int = 60) -> str:
    """A value quoted in a message: shortened, since it may be thousands of characters long."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _text(values: dict[str, Any], column: str, row: _Row) -> str:
    """The cell of `column` as text, or "" with a problem noted on the row when it cannot be stored."""
    value = values.get(column)
    if value is None:
        return ""
    if not isinstance(value, str):
        row.problems.append(_("%(column)s must be text, not a number or a date") % {"column": column})
    elif forbidden_characters(value.strip()):
        row.problems.append(
            _("%(column)s contains a control character (such as NUL, a tab or a line break)")
            % {"column": column}
        )
    elif len(value.strip()) > (limit := _max_lengths()[column] or 0):
        row.problems.append(
            _("%(column)s is longer than %(limit)s characters") % {"column": column, "limit": limit}
        )
    else:
        return value.strip()
    row.bad_columns.add(column)
    return ""


def _new_row(line: int, values: dict[str, Any]) -> _Row:
    row = _Row(line=line)
    row.first_name = _text(values, "first_name", row)
    row.last_name = _text(values, "last_name", row)
    row.email = _text(values, "email", row)
    row.mode = _text(values, "mode", row).lower()
    row.organisation_name = _text(values, "organisation", row)
    return row


def _email_problems(row: _Row, seen: dict[str, int]) -> list[str]:
    if "email" in row.bad_columns:
        return []
    try:
        validate_email(row.email)
    except ValidationError:
        return [_("“%(email)s” is not a valid e-mail address") % {"email": _shown(row.email)}]
    key = row.email.lower()
    if key in seen:
        return [_("the same e-mail address is on line %(line)s") % {"line": seen[key]}]
    seen[key] = row.line
    return []


def _mode_problems(row: _Row, modes: list[str]) -> list[str]:
    if "mode" in row.bad_columns:
        return []
    if row.mode not in AttendanceMode.values:
        return [_("unknown mode “%(mode)s” (use on_site or online)") % {"mode": _shown(row.mode)}]
    if row.mode not in modes:
        return [_("this event cannot be attended %(mode)s") % {"mode": AttendanceMode(row.mode).label}]
    return []


def _row_problems(row: _Row, modes: list[str], seen: dict[str, int]) -> list[str]:
    problems = list(row.problems)
    names = {"first_name": row.first_name, "last_name": row.last_name}
    if any(not value and column not in row.bad_columns for column, value in names.items()):
        problems.append(_("first and last name are required"))
    problems += _email_problems(row, seen)
    problems += _mode_problems(row, modes)
    if row.organisation_name and row.organisation is None:
        problems.append(_("unknown organisation “%(name)s”") % {"name": _shown(row.organisation_name)})
    return problems


def _registration_problems(row: _Row, event: Event, registered: set[int]) -> list[str]:
    if row.person is not None and row.person.pk in registered:
        return [_("already registered")]
    person = row.person or Person(first_name=row.first_name, last_name=row.last_name, email=row.email)
    extra_kinds = [row.organisation.kind] if row.organisation else []
    reason = eligibility(person, event, by_coordinator=True, extra_kinds=extra_kinds)
    return [_("not eligible: %(reason)s") % {"reason": reason}] if reason else []


def check_rows(event: Event, raw_rows) -> tuple[list[_Row], list[RowError]]:
    rows = [_new_row(line, values) for line, values in raw_rows]
    emails = {row.email.lower() for row in rows if row.email}
    people = {
        p.email.lower(): p
        for p in Person.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower__in=emails)
        .select_related("user")
    }
    names = {row.organisation_name.lower() for row in rows if row.organisation_name}
    organisations: dict[str, Organisation] = {}
    for organisation in Organisation.objects.annotate(name_lower=Lower("name")).filter(name_lower__in=names):
        organisations.setdefault(organisation.name.lower(), organisation)
    registered = set(
        Registration.objects.filter(
            event=event, person__in=[p.pk for p in people.values()], status__in=ACTIVE_REGISTRATION_STATUSES
        ).values_list("person_id", flat=True)
    )
    modes = allowed_modes(event)
    seen: dict[str, int] = {}
    errors = []
    for row in rows:
        row.person = people.get(row.email.lower())
        row.organisation = organisations.get(row.organisation_name.lower())
        problems = _row_problems(row, modes, seen)
        if not problems:
            problems = _registration_problems(row, event, registered)
        if problems:
            errors.append(RowError(row.line, "; ".join(problems)))
    return rows, errors


# --- importing ----------------------------------------------------------------------------------------


def _person_for(actor: User, row: _Row) -> tuple[Person, bool]:
    if row.person is not None:
        person, created = row.person, False
    else:
        person = Person.objects.create(first_name=row.first_name, last_name=row.last_name, email=row.email)
        log_action(actor, person, "person.create", {"source": "registration import"})
        created = True
    if row.organisation and not person.memberships.filter(organisation=row.organisation).exists():
        Membership.objects.create(person=person, organisation=row.organisation)
        log_action(actor, person, "person.membership_add", {"organisation": row.organisation})
    return person, created


def registrations_import(*, actor: User, event: Event, file) -> ImportResult:
    """Import registrations from an uploaded CSV or XLSX file. Raises ValidationError for an unreadable
    file and ImportRowsError listing every bad row; in both cases nothing is stored."""
    require_coordinator(actor)
    rows, errors = check_rows(event, read_rows(file))
    if errors:
        raise ImportRowsError(errors)
    if not rows:
        raise _file_error(_("The file has no rows to import."))
    result = ImportResult()
    with transaction.atomic():
        for row in rows:
            person, created = _person_for(actor, row)
            result.people_created += created
            result.registrations.append(
                registration_create(
                    actor=actor, event=event, person=person, mode=row.mode, by_coordinator=True
                )
            )
        log_action(actor, event, "event.registrations_import", {"rows": len(rows)})
    return result
