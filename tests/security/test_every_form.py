"""Every form of the project refuses what cannot or must not be stored, and never raises.

The forms are discovered (every `forms` module of every app, and the admin of every model), not listed: a new
form is checked as soon as it exists. Hypothesis feeds each field huge and negative numbers, NUL and other
control characters, over-long strings and dates in year 1 or 9999; nothing may escape `is_valid()` or rendering,
and a value outside the field's limits must leave the form invalid with an error on that field. Runs on SQLite
and on PostgreSQL (which refuses NUL in text and numbers beyond a column's range)."""

import datetime
import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rozwoj.accounts.models import Role
from rozwoj.advisory.models import Call
from rozwoj.advisory.selectors.programme_settings import programme_settings
from rozwoj.advisory.tests.factories import engagement_with_team
from rozwoj.core.forms import LimitedAdminMixin, ModelForm, YearRangeValidator
from rozwoj.events.models import Event
from rozwoj.events.tests.factories import hybrid_event
from rozwoj.handbooks.tests.factories import HandbookFactory
from rozwoj.organisations.models import Organisation
from rozwoj.people.models import Person
from rozwoj.people.tests.factories import person_with_login
from rozwoj.programmes.models import Programme
from rozwoj.surveys.tests.factories import training_feedback

BIGGEST_STORABLE = 2**63 - 1


def _form_modules():
    for app in apps.get_app_configs():
        if not app.name.startswith("rozwoj."):
            continue
        try:
            module = importlib.import_module(f"{app.name}.forms")
        except ModuleNotFoundError:
            continue
        yield module
        for info in pkgutil.iter_modules(getattr(module, "__path__", [])):
            yield importlib.import_module(f"{module.__name__}.{info.name}")


def _subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from _subclasses(subclass)


def project_forms() -> list[type[forms.BaseForm]]:
    """Every form class defined in the project's code (not in its tests)."""
    list(_form_modules())
    found = {
        cls
        for cls in _subclasses(forms.BaseForm)
        if cls.__module__.startswith("rozwoj.")
        and ".tests" not in cls.__module__
        and not cls.__name__.startswith("_")
        and cls.__module__ != "rozwoj.core.forms"
        and not inspect.isabstract(cls)
    }
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


FORMS = project_forms()


def test_forms_are_discovered():
    names = {cls.__name__ for cls in FORMS}
    assert {"EventForm", "SessionForm", "VenueForm", "PersonForm", "RegisterForm", "IndicatorForm"} <= names


@pytest.mark.parametrize(
    "form_class", [cls for cls in FORMS if issubclass(cls, forms.BaseModelForm)], ids=str
)
def test_every_model_form_is_built_on_the_base_that_carries_the_model_limits(form_class):
    assert issubclass(form_class, ModelForm), (
        f"{form_class.__module__}.{form_class.__name__}: use rozwoj.core.forms.ModelForm"
    )


def test_every_admin_of_the_project_carries_the_model_limits():
    for model, model_admin in admin.site._registry.items():
        if not model.__module__.startswith("rozwoj."):
            continue
        assert isinstance(model_admin, LimitedAdminMixin), f"{type(model_admin)}: use rozwoj.core.admin"
        for inline in model_admin.inlines:
            assert issubclass(inline, LimitedAdminMixin), f"{inline}: use rozwoj.core.admin"


@pytest.mark.parametrize("form_class", FORMS, ids=str)
def test_every_number_and_date_field_has_limits(form_class):
    """Plain forms too: a number without bounds reaches the database, a date in year 1 breaks time zones."""
    for name, field in form_class.base_fields.items():
        if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
            assert field.min_value is not None, f"{name}: give min_value"
            assert field.max_value is not None, f"{name}: give max_value"
            assert -BIGGEST_STORABLE - 1 <= field.min_value <= field.max_value <= BIGGEST_STORABLE, name
        if isinstance(field, forms.DateField | forms.DateTimeField):
            assert any(isinstance(v, YearRangeValidator) for v in field.validators), (
                f"{name}: use rozwoj.core.forms.DateField/DateTimeField"
            )


# --- hypothesis: bad values into every field of every form -----------------------------------------------------

huge_numbers = st.one_of(
    st.integers(min_value=10**12, max_value=10**40),
    st.sampled_from([2**31, 2**63 - 1, 2**63, 99999, 10**12]),
).map(str)
negative_numbers = st.one_of(
    st.integers(max_value=-1, min_value=-(10**40)), st.sampled_from([-1, -(2**63) - 1])
).map(str)
control_characters = st.text(
    alphabet=st.characters(min_codepoint=0, max_codepoint=31), min_size=1, max_size=5
).map(lambda bad: f"a{bad}\x00b")
over_long = st.sampled_from([256, 501, 2001, 10001]).map(lambda size: "a" * size)
far_dates = st.sampled_from(
    ["0001-01-01", "9999-12-31", "0001-01-01T00:00", "9999-12-31T23:59", "1899-12-31", "2101-01-01"]
)
BAD_VALUES = st.one_of(huge_numbers, negative_numbers, control_characters, over_long, far_dates)

NEVER_REFUSE = (forms.BooleanField, forms.NullBooleanField, forms.FileField)


def must_refuse(field: forms.Field, value: str) -> bool:
    """Whether `value` is outside what `field` may accept, so the form must answer an error on the field."""
    if isinstance(field, NEVER_REFUSE):
        return False
    if "\x00" in value:
        return True  # no field may accept a NUL byte: PostgreSQL cannot store it
    number = _number(value)
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return number is None or not field.min_value <= number <= field.max_value
    if isinstance(field, forms.DateField | forms.DateTimeField):
        return True  # every far date and every non-date
    if isinstance(field, forms.CharField):
        return field.max_length is not None and len(value) > field.max_length
    return isinstance(field, forms.ChoiceField | forms.ModelChoiceField)


def _number(value: str):
    try:
        return int(value)
    except ValueError:
        return None


@pytest.fixture
def form_arguments(db):
    """Values for the arguments some forms require, by name."""
    event = hybrid_event()
    coordinator = person_with_login(Role.COORDINATOR).user
    questionnaire = training_feedback()
    return {
        "event": event,
        "user": coordinator,
        "modes": ["on_site", "online"],
        "organisations": Organisation.objects.all(),
        "candidates": Person.objects.all(),
        "questionnaire": questionnaire,
        "section": questionnaire.sections.order_by("order").first(),
        "engagement": engagement_with_team(),
        "events": Event.objects.all(),
        "role": "ros",
        "label": "ROS",
        "handbook": HandbookFactory(),
        "stages": programme_settings(Programme.objects.first())["stages"],
        "calls": Call.objects.all(),
    }


def _build(form_class, data, arguments):
    names = [
        name
        for name, parameter in inspect.signature(form_class.__init__).parameters.items()
        if parameter.kind is parameter.KEYWORD_ONLY and parameter.default is parameter.empty
    ]
    if missing := [name for name in names if name not in arguments]:
        pytest.fail(f"{form_class.__name__} requires {missing}: add a value for it to form_arguments")
    required = {name: arguments[name] for name in names}
    if issubclass(form_class, forms.BaseModelForm):
        return form_class(data=data, **required)
    return form_class(data, **required)


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", FORMS, ids=str)
def test_bad_values_in_any_field_are_field_errors_never_exceptions(form_class, form_arguments):
    field_names = list(_build(form_class, None, form_arguments).fields)
    if not field_names:
        return

    @settings(
        max_examples=25,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(value=BAD_VALUES)
    def feed(value):
        """The value in every field at once: each field is cleaned on its own, so each must refuse it alone."""
        data = {key: value for name in field_names for key in (name, f"{name}_0", f"{name}_1")}
        form = _build(form_class, data, form_arguments)
        valid = form.is_valid()
        form.as_div()  # rendering the refused value must not fail either
        for name in field_names:
            if must_refuse(form.fields[name], value):
                assert not valid, (name, value[:40])
                assert name in form.errors, (name, value[:40])

    feed()


def test_year_range_validator_accepts_the_edges():
    validator = YearRangeValidator()
    validator(datetime.date(1900, 1, 1))
    validator(datetime.date(2100, 12, 31))
    with pytest.raises(forms.ValidationError):
        validator(datetime.date(2101, 1, 1))
