"""Importing registrations from CSV or XLSX: every row is checked first; nothing is imported unless all are
good. Columns: first_name, last_name, email, mode (on_site | online), organisation (optional)."""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from rozwoj.core.audit import log_action
from rozwoj.events.models import ACTIVE_REGISTRATION_STATUSES, AttendanceMode, Event, Registration
from rozwoj.organisations.models import Organisation
from rozwoj.people.models import Membership, Person

from .registrations import allowed_modes, eligibility, registration_create

MAX_IMPORT_SIZE = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 5000
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
    first_name: str
    last_name: str
    email: str
    mode: str
    organisation_name: str
    person: Person | None = None
    organisation: Organisation | None = None


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


def _read_csv(data: bytes) -> list[tuple[int, list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _file_error(_("The CSV file must be encoded in UTF-8.")) from exc
    if "\x00" in text:
        raise _file_error(_("This is not a readable CSV file."))
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        return [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise _file_error(
            _("The CSV file is malformed near line %(line)s.") % {"line": reader.line_num}
        ) from exc


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _read_xlsx(data: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise _file_error(_("This is not a readable XLSX file.")) from exc
    try:
        sheet = workbook.worksheets[0]
        return [
            (number, [_cell(value) for value in row])
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        workbook.close()


def read_rows(file) -> list[tuple[int, dict[str, str]]]:
    """(line number, {column: value}) for every non-empty data row; file-level problems raise
    ValidationError on "file"."""
    kind = _kind_of(file)
    if file.size > MAX_IMPORT_SIZE:
        raise _file_error(_("The file is larger than 2 MB."))
    data = file.read()
    rows = _read_csv(data) if kind == "csv" else _read_xlsx(data)
    rows = [(line, [cell.strip() for cell in row]) for line, row in rows if any(c.strip() for c in row)]
    if not rows:
        raise _file_error(_("The file is empty."))
    header_line, header = rows[0]
    header = [column.lower().replace(" ", "_") for column in header]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise _file_error(
            _("The first row must name the columns; missing: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    if len(rows) - 1 > MAX_IMPORT_ROWS:
        raise _file_error(_("At most %(n)s rows can be imported at once.") % {"n": MAX_IMPORT_ROWS})
    columns = [c for c in header if c in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    index = {column: header.index(column) for column in columns}
    return [
        (line, {column: (row[i] if i < len(row) else "") for column, i in index.items()})
        for line, row in rows[1:]
    ]


# --- checking -----------------------------------------------------------------------------------------


def _row_problems(row: _Row, event: Event, modes: list[str], seen: dict[str, int]) -> list[str]:
    problems = []
    if not row.first_name or not row.last_name:
        problems.append(_("first and last name are required"))
    try:
        validate_email(row.email)
    except ValidationError:
        problems.append(_("“%(email)s” is not a valid e-mail address") % {"email": row.email})
    else:
        key = row.email.lower()
        if key in seen:
            problems.append(_("the same e-mail address is on line %(line)s") % {"line": seen[key]})
        else:
            seen[key] = row.line
    if row.mode not in AttendanceMode.values:
        problems.append(_("unknown mode “%(mode)s” (use on_site or online)") % {"mode": row.mode})
    elif row.mode not in modes:
        problems.append(
            _("this event cannot be attended %(mode)s") % {"mode": AttendanceMode(row.mode).label}
        )
    if row.organisation_name and row.organisation is None:
        problems.append(_("unknown organisation “%(name)s”") % {"name": row.organisation_name})
    return problems


def _registration_problems(row: _Row, event: Event, registered: set[int]) -> list[str]:
    if row.person is not None and row.person.pk in registered:
        return [_("already registered")]
    person = row.person or Person(first_name=row.first_name, last_name=row.last_name, email=row.email)
    extra_kinds = [row.organisation.kind] if row.organisation else []
    reason = eligibility(person, event, by_coordinator=True, extra_kinds=extra_kinds)
    return [_("not eligible: %(reason)s") % {"reason": reason}] if reason else []


def check_rows(event: Event, raw_rows) -> tuple[list[_Row], list[RowError]]:
    rows = [
        _Row(
            line=line,
            first_name=values.get("first_name", ""),
            last_name=values.get("last_name", ""),
            email=values.get("email", ""),
            mode=values.get("mode", "").lower(),
            organisation_name=values.get("organisation", ""),
        )
        for line, values in raw_rows
    ]
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
        problems = _row_problems(row, event, modes, seen)
        if not problems:
            problems = _registration_problems(row, event, registered)
        if problems:
            errors.append(RowError(row.line, "; ".join(problems)))
    return rows, errors


# --- importing ----------------------------------------------------------------------------------------


def _person_for(actor, row: _Row) -> tuple[Person, bool]:
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


def registrations_import(*, actor, event: Event, file) -> ImportResult:
    """Import registrations from an uploaded CSV or XLSX file. Raises ValidationError for an unreadable
    file and ImportRowsError listing every bad row; in both cases nothing is stored."""
    if not (getattr(actor, "is_authenticated", False) and actor.is_coordinator):
        raise PermissionDenied
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
