from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from rozwoj.core.models import TimeStampedModel
from rozwoj.organisations.models import Organisation


class ProgrammeStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    RUNNING = "running", _("running")
    COMPLETED = "completed", _("completed")
    CANCELLED = "cancelled", _("cancelled")


class Programme(TimeStampedModel):
    """A project run by the institution: its funding, partners, planned results and indicators."""

    name = models.CharField(_("name"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    funding_programme = models.CharField(
        _("funding programme"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Erasmus+ 2014–2020 or Programme Operacyjny Wiedza Edukacja Rozwój."),
    )
    funding_action = models.CharField(
        _("action"),
        max_length=200,
        blank=True,
        help_text=_("E.g. KA204 strategic partnership for adult education."),
    )
    agreement_number = models.CharField(_("agreement number"), max_length=100, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    goal = models.TextField(_("goal"), blank=True)
    description = models.TextField(_("description"), blank=True)
    lead_institution = models.ForeignKey(
        Organisation,
        verbose_name=_("lead institution"),
        on_delete=models.PROTECT,
        related_name="led_programmes",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProgrammeStatus.choices,
        default=ProgrammeStatus.PLANNED,
        db_index=True,
    )
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Shown to visitors who are not logged in.")
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-start_date", "name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="programme_name_unique",
                violation_error_message=_("A programme with this name already exists."),
            ),
            models.UniqueConstraint(
                Lower("acronym"),
                condition=~Q(acronym=""),
                name="programme_acronym_unique",
                violation_error_message=_("A programme with this acronym already exists."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="programme_dates_ordered",
                violation_error_message=_("The end date cannot be earlier than the start date."),
            ),
        ]
        indexes = [
            models.Index(fields=["is_public", "status"], name="programme_public_status_idx"),
            models.Index(fields=["start_date", "end_date"], name="programme_dates_idx"),
        ]

    def __str__(self) -> str:
        return self.acronym or self.name


class PartnerRole(models.TextChoices):
    PARTNER = "partner", _("partner")
    ASSOCIATE = "associate", _("associated partner")
    SUBCONTRACTOR = "subcontractor", _("subcontractor")


class ProgrammePartner(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="programme_partnerships",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=PartnerRole.choices, default=PartnerRole.PARTNER
    )
    description = models.CharField(_("contribution"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "organisation"], name="programme_partner_unique")
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class ResultStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DELIVERED = "delivered", _("delivered")
    DROPPED = "dropped", _("dropped")


class PlannedResult(models.Model):
    """A planned result or output, e.g. survey → coaching toolkit → coaching course → pilot groups."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="results")
    title = models.CharField(_("result"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    due_date = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ResultStatus.choices, default=ResultStatus.PLANNED
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("planned result")
        verbose_name_plural = _("planned results")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=255)
    unit = models.CharField(_("unit"), max_length=50, help_text=_("E.g. persons, hours, local governments."))
    target_value = models.DecimalField(
        _("target value"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    achieved_value = models.DecimalField(
        _("achieved so far"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="indicator_name_unique"),
            models.CheckConstraint(condition=Q(target_value__gte=0), name="indicator_target_non_negative"),
            models.CheckConstraint(
                condition=Q(achieved_value__isnull=True) | Q(achieved_value__gte=0),
                name="indicator_achieved_non_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.target_value} {self.unit}"

    @property
    def percentage(self) -> Decimal | None:
        """How much of the target is achieved, in per cent; None when it cannot be computed."""
        if self.achieved_value is None or not self.target_value:
            return None
        return (self.achieved_value * 100 / self.target_value).quantize(Decimal("1"))
