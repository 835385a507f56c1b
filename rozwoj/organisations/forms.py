import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from rozwoj.core.forms import ModelForm

from .models import (
    GMINA_KINDS,
    LocalGovernment,
    LocalGovernmentKind,
    Organisation,
    OrganisationKind,
    Venue,
)
from .selectors import voivodeships
from .services import (
    ORGANISATION_FIELDS,
    VENUE_FIELDS,
    normalise_name,
    organisation_duplicate_errors,
    venue_duplicate_errors,
)
from .validators import validate_postal_code, validate_regon, validate_rspo

KINDS_WITH_LOCAL_GOVERNMENT = (
    OrganisationKind.SCHOOL,
    OrganisationKind.LOCAL_GOVERNMENT_OFFICE,
    OrganisationKind.LOCAL_GOVERNMENT_UNIT,
)


# --- filters (GET forms): an invalid value is shown as a field error and ignored -------------------


class LocalGovernmentFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name or TERC code"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    voivodeship = forms.ChoiceField(label=_("Voivodeship"), required=False)
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("all types")), *LocalGovernmentKind.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["voivodeship"].choices = [("", _("all voivodeships"))] + [
            (v.terc, v.display_name) for v in voivodeships()
        ]

    def filters(self) -> dict[str, str]:
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {key: cleaned[key] for key in ("q", "voivodeship", "kind") if cleaned.get(key)}


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name or acronym"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("all kinds")), *OrganisationKind.choices]
    )
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("all countries")), *countries]

    def filters(self) -> dict[str, str]:
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {key: cleaned[key] for key in ("q", "kind", "country") if cleaned.get(key)}


class VenueFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name or city"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def filters(self) -> dict[str, str]:
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {"q": cleaned["q"]} if cleaned.get("q") else {}


# --- choosing a local government among ~2,900 units: a text input with HTMX suggestions -------------

_CODE_AT_START = re.compile(r"^\s*(\d{7}|\d{4}|\d{2})(?!\d)")


class LocalGovernmentInput(forms.TextInput):
    """A text input for a TERC code; while the user types a name, HTMX fills a <datalist> of suggestions."""

    template_name = "organisations/widgets/local_government_input.html"

    def __init__(self, gminas_only: bool = False, attrs=None):
        self.gminas_only = gminas_only
        super().__init__(attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        list_id = f"{widget_attrs.get('id', name)}-suggestions"
        url = reverse("local_governments:suggest")
        if self.gminas_only:
            url += "?level=gmina"
        widget_attrs.update(
            {
                "list": list_id,
                "autocomplete": "off",
                "hx-get": url,
                "hx-trigger": "input changed delay:250ms",
                "hx-target": f"#{list_id}",
                "hx-swap": "innerHTML",
            }
        )
        context["widget"]["list_id"] = list_id
        return context

    def format_value(self, value):
        if isinstance(value, LocalGovernment):
            return f"{value.terc} – {value.display_name}"
        if isinstance(value, int):
            lg = LocalGovernment.objects.filter(pk=value).first()
            return f"{lg.terc} – {lg.display_name}" if lg else ""
        return super().format_value(value)


class LocalGovernmentField(forms.Field):
    default_error_messages = {
        "not_found": _("There is no unit with TERC code %(code)s in the registry."),
        "not_gmina": _("Choose a gmina (a 7-digit TERC code)."),
        "ambiguous": _(
            "Several units are called “%(name)s”: choose one from the suggestions or type its TERC code."
        ),
        "unknown_name": _("No unit is called “%(name)s”: type a TERC code or choose from the suggestions."),
    }

    def __init__(self, *, gminas_only: bool = False, **kwargs):
        self.gminas_only = gminas_only
        kwargs.setdefault("widget", LocalGovernmentInput(gminas_only=gminas_only))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return value

    def _units(self):
        units = LocalGovernment.objects.all()
        return units.filter(kind__in=GMINA_KINDS) if self.gminas_only else units

    def to_python(self, value):
        if isinstance(value, LocalGovernment):
            return value
        value = (value or "").strip()
        if not value:
            return None
        if "\x00" in value:  # before any query: PostgreSQL refuses NUL in text
            null = ProhibitNullCharactersValidator()
            raise ValidationError(null.message, code=null.code)
        match = _CODE_AT_START.match(value)
        if match:
            code = match.group(1)
            unit = LocalGovernment.objects.filter(terc=code).first()
            if unit is None:
                raise ValidationError(
                    self.error_messages["not_found"], code="not_found", params={"code": code}
                )
            if self.gminas_only and unit.kind not in GMINA_KINDS:
                raise ValidationError(self.error_messages["not_gmina"], code="not_gmina")
            return unit
        matches = list(self._units().filter(name_search=normalise_name(value))[:2])
        if len(matches) == 1:
            return matches[0]
        code = "ambiguous" if matches else "unknown_name"
        raise ValidationError(self.error_messages[code], code=code, params={"name": value[:100]})


# --- organisation and venue forms -----------------------------------------------------------------


class _NoConstraintCheckMixin:
    """Duplicates are checked by the services with a message on the right field, not as a generic error."""

    own_checked_fields: tuple[str, ...] = ()

    def _get_validation_exclusions(self):
        return super()._get_validation_exclusions() | set(self.own_checked_fields)


class OrganisationForm(_NoConstraintCheckMixin, ModelForm):
    own_checked_fields = ("name", "regon", "rspo", "postal_code", "local_government")

    local_government = LocalGovernmentField(
        label=_("Local government (TERC code)"),
        required=False,
        help_text=_(
            "Required for schools and local-government offices and units. Type the TERC code, "
            "or start typing the name and choose from the suggestions."
        ),
    )

    website = forms.URLField(
        label=Organisation._meta.get_field("website").verbose_name,
        required=False,
        assume_scheme="https",
        max_length=200,
    )

    class Meta:
        model = Organisation
        fields = ORGANISATION_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regon"].validators = [validate_regon]
        self.fields["rspo"].validators = [validate_rspo]
        self.fields["regon"].help_text = _("9 or 14 digits, without spaces.")
        self.fields["postal_code"].help_text = _("In Poland: 00-000.")
        if self.instance.pk and self.instance.local_government_id:
            self.initial["local_government"] = self.instance.local_government

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean(self):
        cleaned = super().clean()
        country = cleaned.get("country")
        if cleaned.get("postal_code") and country:
            try:
                validate_postal_code(cleaned["postal_code"], country)
            except ValidationError as exc:
                self.add_error("postal_code", exc)
        if (
            cleaned.get("kind") in KINDS_WITH_LOCAL_GOVERNMENT
            and not cleaned.get("local_government")
            and "local_government" not in self.errors
        ):
            self.add_error(
                "local_government",
                _("Choose the local government this school, office or unit belongs to."),
            )
        for field, message in organisation_duplicate_errors(cleaned, exclude_pk=self.instance.pk).items():
            if field not in self.errors:
                self.add_error(field, message)
        return cleaned


class VenueForm(_NoConstraintCheckMixin, ModelForm):
    own_checked_fields = ("name", "postal_code", "local_government")

    local_government = LocalGovernmentField(
        label=_("Gmina (TERC code)"),
        required=False,
        gminas_only=True,
        help_text=_(
            "Optional. Type the 7-digit TERC code, or start typing the name and choose from the suggestions."
        ),
    )

    class Meta:
        model = Venue
        fields = VENUE_FIELDS
        widgets = {"accessibility_notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["postal_code"].help_text = _("In Poland: 00-000.")
        if self.instance.pk and self.instance.local_government_id:
            self.initial["local_government"] = self.instance.local_government

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("postal_code") and cleaned.get("country"):
            try:
                validate_postal_code(cleaned["postal_code"], cleaned["country"])
            except ValidationError as exc:
                self.add_error("postal_code", exc)
        for field, message in venue_duplicate_errors(cleaned, exclude_pk=self.instance.pk).items():
            if field not in self.errors:
                self.add_error(field, message)
        return cleaned
