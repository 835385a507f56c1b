"""What every part of the REST API shares: one pagination, bounded identifiers and translated input errors.

Every API list uses `Pagination` (`@paginate(Pagination)`); every identifier in a path or a filter is an `Id`.
A number outside these bounds answers 422 with {"detail", "errors": [{"field", "message"}]}; it never reaches
the database, where a huge page or id would overflow (a 500 on PostgreSQL). A date and time an API accepts is a
`BoundedDateTime`: years 1900–2100, like the forms (`rozwoj.core.forms.YearRangeValidator`)."""

import datetime
from typing import Annotated, Any

from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.conf import settings as ninja_settings
from ninja.pagination import PageNumberPagination
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from .forms import EARLIEST_YEAR, LATEST_YEAR

MAX_PAGE = 1_000_000
MAX_PAGE_SIZE = 200
MAX_ID = 2**63 - 1  # the largest value of a 64-bit primary key (BigAutoField) on every database

Id = Annotated[int, Field(ge=1, le=MAX_ID, description=f"An identifier: a whole number from 1 to {MAX_ID}.")]


def _within_years(value: datetime.datetime) -> datetime.datetime:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise PydanticCustomError(
            "year_range",
            "Enter a date between {earliest} and {latest}.",
            {"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR},
        )
    return value


BoundedDateTime = Annotated[
    datetime.datetime,
    AfterValidator(_within_years),
    Field(description=f"A date and time (ISO 8601) from {EARLIEST_YEAR} to {LATEST_YEAR}; else 422."),
]


class Pagination(PageNumberPagination):
    """Page numbers for every API list: `page` 1–1,000,000, `page_size` 1–200 (default: the list's own);
    anything else answers 422. A page after the last one is empty."""

    class Input(Schema):
        page: int = Field(
            1, ge=1, le=MAX_PAGE, description=f"Page number, 1 to {MAX_PAGE:,} (anything else answers 422)."
        )
        page_size: int | None = Field(
            None,
            ge=1,
            le=MAX_PAGE_SIZE,
            description=f"Rows per page, 1 to {MAX_PAGE_SIZE} (anything else answers 422).",
        )

    def __init__(
        self,
        page_size: int = ninja_settings.PAGINATION_PER_PAGE,
        max_page_size: int = MAX_PAGE_SIZE,
        **kwargs: Any,
    ) -> None:
        super().__init__(page_size=page_size, max_page_size=min(max_page_size, MAX_PAGE_SIZE), **kwargs)


def _bound_messages() -> dict[str, str]:
    return {
        "ge": _("Enter a number greater than or equal to %(limit)s."),
        "gt": _("Enter a number greater than %(limit)s."),
        "le": _("Enter a number less than or equal to %(limit)s."),
        "lt": _("Enter a number less than %(limit)s."),
        "max_length": _("Enter at most %(limit)s characters."),
        "min_length": _("Enter at least %(limit)s characters."),
    }


def _message(error: dict) -> str:
    """A translated message for one of pydantic's errors; its own (English) text for the rare others."""
    context = error.get("ctx") or {}
    kind = error.get("type", "")
    if kind.startswith(("greater_than", "less_than", "string_too_")):
        for bound, message in _bound_messages().items():
            if bound in context:
                return message % {"limit": context[bound]}
    if kind == "year_range":
        return _("Enter a date between %(earliest)s and %(latest)s.") % {
            "earliest": context.get("earliest", EARLIEST_YEAR),
            "latest": context.get("latest", LATEST_YEAR),
        }
    if kind.startswith("int_"):
        return _("Enter a whole number.")
    if kind == "missing":
        return _("This field is required.")
    if kind in ("literal_error", "enum", "string_pattern_mismatch"):
        return _("Enter a valid value.")
    return str(error.get("msg", ""))


def validation_errors(errors: list[dict]) -> list[dict]:
    """Pydantic's errors as [{"field", "message"}] with translated messages; the field is the path after the
    source (`query`, `path`, `body`)."""
    return [
        {
            "field": ".".join(str(part) for part in error.get("loc", [])[1:]) or None,
            "message": _message(error),
        }
        for error in errors
    ]
