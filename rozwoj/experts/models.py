from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rozwoj.core.models import TimeStampedModel
from rozwoj.organisations.models import LocalGovernment
from rozwoj.people.models import Person


class Specialisation(models.TextChoices):
    ROS = "ros", _("education development (ROS)")
    PRO = "pro", _("organisational development (PRO)")
    TRAINER = "trainer", _("trainer")
    COACH = "coach", _("coach")


SELF_ASSESSMENT_MIN = 1
SELF_ASSESSMENT_MAX = 5


class Competence(models.Model):
    """One item of the competence canon (kanon kompetencji) of a specialisation; coordinators edit the list."""

    specialisation = models.CharField(_("specialisation"), max_length=10, choices=Specialisation.choices)
    name = models.CharField(_("competence"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("competence")
        verbose_name_plural = _("competence canon")
        ordering = ["specialisation", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["specialisation", "name"], name="competence_unique_per_specialisation"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ExpertProfile(TimeStampedModel):
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="expert_profile")
    bio = models.TextField(_("professional summary"), blank=True)
    regions = models.ManyToManyField(
        LocalGovernment,
        verbose_name=_("voivodeships served"),
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "voivodeship"},
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_("ISO 639-1 codes of the languages the expert works in."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("expert profile")
        verbose_name_plural = _("expert profiles")

    def __str__(self) -> str:
        return str(self.person)


class ExpertSpecialisation(models.Model):
    profile = models.ForeignKey(ExpertProfile, on_delete=models.CASCADE, related_name="specialisations")
    specialisation = models.CharField(_("specialisation"), max_length=10, choices=Specialisation.choices)

    class Meta:
        verbose_name = _("specialisation")
        verbose_name_plural = _("specialisations")
        constraints = [
            models.UniqueConstraint(fields=["profile", "specialisation"], name="expert_specialisation_unique")
        ]
        indexes = [models.Index(fields=["specialisation"])]

    def __str__(self) -> str:
        return self.get_specialisation_display()


class CompetenceAssessment(TimeStampedModel):
    """An expert's self-assessment of one competence, on a 1–5 scale."""

    profile = models.ForeignKey(ExpertProfile, on_delete=models.CASCADE, related_name="assessments")
    competence = models.ForeignKey(Competence, on_delete=models.CASCADE, related_name="assessments")
    level = models.PositiveSmallIntegerField(
        _("self-assessment"),
        validators=[MinValueValidator(SELF_ASSESSMENT_MIN), MaxValueValidator(SELF_ASSESSMENT_MAX)],
    )

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        constraints = [
            models.UniqueConstraint(fields=["profile", "competence"], name="assessment_unique"),
            models.CheckConstraint(
                condition=Q(level__gte=SELF_ASSESSMENT_MIN) & Q(level__lte=SELF_ASSESSMENT_MAX),
                name="assessment_level_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competence}: {self.level}"
