from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from rozwoj.core.models import MAX_PLACES, TimeStampedModel

terc_validator = RegexValidator(
    r"^(\d{2}|\d{4}|\d{7})$", _("A TERC code has 2 (voivodeship), 4 (powiat) or 7 (gmina) digits.")
)
postal_code_pl_validator = RegexValidator(r"^\d{2}-\d{3}$", _("A Polish postal code looks like 00-950."))


class LocalGovernmentKind(models.TextChoices):
    VOIVODESHIP = "voivodeship", _("voivodeship")
    POWIAT = "powiat", _("powiat")
    CITY_WITH_POWIAT_RIGHTS = "city_powiat", _("city with powiat rights")
    URBAN_GMINA = "urban_gmina", _("urban gmina")
    RURAL_GMINA = "rural_gmina", _("rural gmina")
    URBAN_RURAL_GMINA = "urban_rural_gmina", _("urban-rural gmina")


GMINA_KINDS = (
    LocalGovernmentKind.URBAN_GMINA,
    LocalGovernmentKind.RURAL_GMINA,
    LocalGovernmentKind.URBAN_RURAL_GMINA,
)
POWIAT_LEVEL_KINDS = (LocalGovernmentKind.POWIAT, LocalGovernmentKind.CITY_WITH_POWIAT_RIGHTS)


class LocalGovernment(models.Model):
    """A unit of territorial division from the TERC registry (GUS TERYT): voivodeship, powiat or gmina."""

    terc = models.CharField(_("TERC code"), max_length=7, unique=True, validators=[terc_validator])
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("type"), max_length=20, choices=LocalGovernmentKind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    voivodeship = models.ForeignKey(
        "self",
        verbose_name=_("voivodeship"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Denormalised for filtering; empty on the voivodeship itself."),
    )
    registry_date = models.DateField(_("state of the registry as of"))
    name_search = models.CharField(max_length=100, editable=False, db_index=True)

    class Meta:
        verbose_name = _("local government")
        verbose_name_plural = _("local governments")
        ordering = ["terc"]
        indexes = [models.Index(fields=["voivodeship", "kind"])]

    def __str__(self) -> str:
        if self.kind == LocalGovernmentKind.VOIVODESHIP:
            return _("%(name)s voivodeship") % {"name": self.name.capitalize()}
        return f"{self.name} ({self.get_kind_display()})"

    @property
    def display_name(self) -> str:
        return self.name.capitalize() if self.kind == LocalGovernmentKind.VOIVODESHIP else self.name

    @property
    def is_gmina(self) -> bool:
        return self.kind in GMINA_KINDS


class OrganisationKind(models.TextChoices):
    TRAINING_INSTITUTION = "training_institution", _("training institution")
    PARTNER_INSTITUTION = "partner_institution", _("partner institution")
    LOCAL_GOVERNMENT_OFFICE = "local_government_office", _("local-government office")
    SCHOOL = "school", _("school or educational institution")
    LOCAL_GOVERNMENT_UNIT = "local_government_unit", _("other local-government unit")
    NGO = "ngo", _("non-governmental organisation")
    OTHER = "other", _("other")


regon_validator = RegexValidator(r"^(\d{9}|\d{14})$", _("REGON has 9 or 14 digits."))
rspo_validator = RegexValidator(r"^\d{1,8}$", _("An RSPO number has up to 8 digits."))


class Organisation(TimeStampedModel):
    """Any institution the platform works with: training institutions, partners abroad, schools, NGOs."""

    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices, db_index=True)
    country = CountryField(_("country"), default="PL")
    local_government = models.ForeignKey(
        LocalGovernment,
        verbose_name=_("local government"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
        help_text=_("For schools and units run by a local government."),
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=12, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    regon = models.CharField(_("REGON"), max_length=14, blank=True, validators=[regon_validator])
    rspo = models.CharField(_("RSPO number"), max_length=8, blank=True, validators=[rspo_validator])
    description = models.TextField(_("description"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [models.Index(fields=["country", "kind"], name="organisation_country_kind")]
        constraints = [
            models.UniqueConstraint(Lower("name"), "country", name="organisation_name_country_unique"),
            models.UniqueConstraint(
                fields=["regon"], condition=~Q(regon=""), name="organisation_regon_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class Venue(TimeStampedModel):
    """A place where trainings and meetings are held."""

    name = models.CharField(_("name"), max_length=255)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("operated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="venues",
    )
    address = models.CharField(_("address"), max_length=255)
    postal_code = models.CharField(_("postal code"), max_length=12, blank=True)
    city = models.CharField(_("city"), max_length=100)
    country = CountryField(_("country"), default="PL")
    local_government = models.ForeignKey(
        LocalGovernment,
        verbose_name=_("gmina"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="venues",
    )
    capacity = models.PositiveIntegerField(
        _("capacity (seats)"), validators=[MinValueValidator(1), MaxValueValidator(MAX_PLACES)]
    )
    accessibility_notes = models.TextField(
        _("accessibility notes"),
        blank=True,
        help_text=_(
            "Step-free access, lifts, accessible toilets, induction loop, parking, public transport."
        ),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "city", "country", name="venue_name_city_unique"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="venue_capacity_positive"),
            models.CheckConstraint(condition=Q(capacity__lte=MAX_PLACES), name="venue_capacity_bounded"),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.city}"
