from decimal import Decimal

from django import forms
from django.core import validators
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import Count, Max
from django.forms.models import ModelFormMetaclass
from django.forms.renderers import DjangoTemplates
from django.utils.deconstruct import deconstructible
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .user_input import is_key


def add_service_errors(form, error: ValidationError, prefix: str = "") -> None:
    """Show a service's ValidationError on the form: next to the field it names (the form may call it
    `<prefix><name>`), or above the form when it names no field of this form."""
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for key, messages in error.message_dict.items():
        field = next((name for name in (f"{prefix}{key}", key) if name in form.fields), None)
        for message in messages:
            form.add_error(field, message)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, with one more check: a value that cannot be a primary key (e.g. 99999999999999999999)
    is a field error, not an integer overflow in the database. For querysets keyed by an integer `pk`."""

    def _check_values(self, value):
        for pk in value if isinstance(value, list | tuple | set | frozenset) else ():
            if not is_key(pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class BoundField(forms.BoundField):
    """Labels as the project writes them, in every form of every app and in every language: a capital first
    letter ("Organiser", not "organiser" taken from a model's verbose name) and no colon after them."""

    def __init__(self, form, field, name):
        super().__init__(form, field, name)
        if self.label:
            self.label = capfirst(self.label)

    def label_tag(self, contents=None, attrs=None, label_suffix=None, tag=None):
        return super().label_tag(contents, attrs, label_suffix="", tag=tag)


class FormRenderer(DjangoTemplates):
    """The project's form renderer (settings.FORM_RENDERER): Django's templates, our labels."""

    bound_field_class = BoundField


class SharedFilterForm(forms.Form):
    """A list's filter form that is the same for every reader until they filter (no field in the query): built as
    `Form(request.GET or None)`, its fields and choices depend on no one's rights. Unbound, it is rendered once per
    language and kept in the cache for five minutes by `includes/filter_form.html` (Django's form templates cost a
    list page a fifth of its time: a template per field, per label and per option). The key names the rows a
    field's choices come from (`_rows_version`), so new or renamed choices show at once. A field whose choices
    depend on the reader does not belong in such a form."""

    def shared_rendering_key(self) -> str:
        """The cache key of the rendering of the form not yet used (unbound, or bound to a query naming none of
        its fields, such as `?page=2`); empty when it holds the reader's values (then rendered each time)."""
        if self.is_bound and any(self.add_prefix(name) in self.data for name in self.fields):
            return ""
        parts = [f"{type(self).__module__}.{type(self).__qualname__}", get_language() or ""]
        # Choices from the database (one query per such field, instead of rendering them): the key changes when a
        # row is added, removed or changed, so the list is never stale.
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None:
                values = _rows_version(queryset)
                parts.append("|".join(str(values[name]) for name in sorted(values)))
                # A widget that would count the rows itself (the organisation field's search box) is told.
                if hasattr(field.widget, "rows_known"):
                    field.widget.rows_known(values["rows"])
        return ":".join(parts)


def _rows_version(queryset) -> dict:
    """The number of rows, the highest key and, when the model keeps it, the latest change of `queryset`."""
    aggregates = {"rows": Count("pk"), "last": Max("pk")}
    if any(field.name == "updated_at" for field in queryset.model._meta.concrete_fields):
        aggregates["changed"] = Max("updated_at")
    return queryset.order_by().aggregate(**aggregates)


# --- limits from the model ----------------------------------------------------------------------------------------

EARLIEST_YEAR = 1900
LATEST_YEAR = 2100
# The ranges of the integer columns on PostgreSQL (SQLite holds any 64-bit number in each, which is why a form
# must check them itself: a value SQLite stores is a 500 on PostgreSQL).
INTEGER_RANGES = BaseDatabaseOperations.integer_field_ranges


@deconstructible
class YearRangeValidator:
    """A date or datetime within EARLIEST_YEAR–LATEST_YEAR: nothing this institution plans or records lies outside,
    and year 1 or 9999 break time-zone conversions and calendars."""

    message = _("Enter a date between %(earliest)s and %(latest)s.")
    code = "year_range"

    def __init__(self, earliest: int = EARLIEST_YEAR, latest: int = LATEST_YEAR):
        self.earliest, self.latest = earliest, latest

    def __call__(self, value) -> None:
        if value is not None and not self.earliest <= value.year <= self.latest:
            raise ValidationError(
                self.message, code=self.code, params={"earliest": self.earliest, "latest": self.latest}
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, YearRangeValidator) and (self.earliest, self.latest) == (
            other.earliest,
            other.latest,
        )


class DateField(forms.DateField):
    """A date within EARLIEST_YEAR–LATEST_YEAR, for plain forms (a ModelForm's date fields get the range anyway)."""

    default_validators = [YearRangeValidator()]


class DateTimeField(forms.DateTimeField):
    """A date and time within EARLIEST_YEAR–LATEST_YEAR, for plain forms."""

    default_validators = [YearRangeValidator()]


def _value_bounds(model_field) -> tuple[object | None, object | None]:
    """The smallest and largest value the model allows: its column's range and its Min/MaxValueValidators."""
    low, high = INTEGER_RANGES.get(model_field.get_internal_type(), (None, None))
    if model_field.get_internal_type() == "DecimalField":
        high = Decimal(10) ** (model_field.max_digits - model_field.decimal_places) - Decimal(10) ** (
            -model_field.decimal_places
        )
        low = -high
    for validator in model_field.validators:
        if isinstance(validator, validators.MinValueValidator) and not callable(validator.limit_value):
            low = validator.limit_value if low is None else max(low, validator.limit_value)
        elif isinstance(validator, validators.MaxValueValidator) and not callable(validator.limit_value):
            high = validator.limit_value if high is None else min(high, validator.limit_value)
    return low, high


def _add_validator(form_field, validator) -> None:
    if validator not in form_field.validators:
        form_field.validators.append(validator)


def _limit_number(model_field, form_field) -> None:
    low, high = _value_bounds(model_field)
    if isinstance(form_field, forms.DecimalField) and form_field.max_digits is None:
        form_field.max_digits, form_field.decimal_places = model_field.max_digits, model_field.decimal_places
        _add_validator(
            form_field, validators.DecimalValidator(model_field.max_digits, model_field.decimal_places)
        )
    if low is not None and (form_field.min_value is None or form_field.min_value < low):
        form_field.min_value = low
        _add_validator(form_field, validators.MinValueValidator(low))
        form_field.widget.attrs["min"] = low
    if high is not None and (form_field.max_value is None or form_field.max_value > high):
        form_field.max_value = high
        _add_validator(form_field, validators.MaxValueValidator(high))
        form_field.widget.attrs["max"] = high


def _limit_length(model_field, form_field) -> None:
    max_length = getattr(model_field, "max_length", None)
    if max_length and (form_field.max_length is None or form_field.max_length > max_length):
        form_field.max_length = max_length
        _add_validator(form_field, validators.MaxLengthValidator(max_length))
        if not form_field.widget.is_hidden:
            form_field.widget.attrs["maxlength"] = str(max_length)


def limit_form_field(model_field, form_field) -> None:
    """Give `form_field` the limits of `model_field`: its length, its number range (column type and validators),
    its decimal digits, dates within EARLIEST_YEAR–LATEST_YEAR, and the model's other validators, so that a value
    the database could not hold, or would hold although the model forbids it, is a field error."""
    if form_field is None or model_field.is_relation:
        return
    if isinstance(form_field, forms.CharField) and not model_field.choices:
        _limit_length(model_field, form_field)
    if isinstance(form_field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        _limit_number(model_field, form_field)
    if isinstance(form_field, forms.DateField | forms.DateTimeField):
        _add_validator(form_field, YearRangeValidator())
    for validator in model_field._validators:
        if not isinstance(validator, validators.MinValueValidator | validators.MaxValueValidator):
            _add_validator(form_field, validator)


def limit_form_fields(form_class) -> None:
    """`limit_form_field` for every field of a ModelForm class that stands for a field of its model."""
    model = form_class._meta.model
    if model is None:
        return
    for name, form_field in form_class.base_fields.items():
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if model_field.concrete:
            limit_form_field(model_field, form_field)


class LimitedModelFormMetaclass(ModelFormMetaclass):
    def __new__(mcs, name, bases, attrs):
        new_class = super().__new__(mcs, name, bases, attrs)
        if getattr(new_class, "_meta", None) is not None:
            limit_form_fields(new_class)
        return new_class


class ModelForm(forms.ModelForm, metaclass=LimitedModelFormMetaclass):
    """The base of every ModelForm in the project: each field carries its model field's limits (see
    `limit_form_field`), including fields the form declares itself. A test fails for a ModelForm not built on it."""


class LimitedAdminMixin:
    """For every ModelAdmin and inline of the project: the admin's form fields carry the model's limits too."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")  # Django 6's default; the admin's own is deprecated
        form_field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.concrete:
            limit_form_field(db_field, form_field)
        return form_field
