"""Lists coordinators keep: support areas, forms of support, management tools; per-programme settings."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from rozwoj.experts.models import Competence
from rozwoj.programmes.models import Programme


class SupportArea(models.Model):
    """One of the areas in which a local government chooses to work (the model names twelve)."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    competences = models.ManyToManyField(
        Competence,
        blank=True,
        related_name="support_areas",
        verbose_name=_("competences it calls for"),
        help_text=_("The experts' self-assessments of these competences rank them for this area."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("support area")
        verbose_name_plural = _("support areas")
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(Lower("name"), name="advisory_support_area_name_unique")]

    def __str__(self) -> str:
        return self.name


class SupportForm(models.Model):
    """A form of support in the log: an advisory meeting at the seat, a workshop round, remote advice…"""

    name = models.CharField(_("name"), max_length=200)
    is_cycle_wide = models.BooleanField(
        _("for all local governments of a cycle"),
        default=False,
        help_text=_("Opening and closing meetings and workshop rounds: held as events of the cycle."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("form of support")
        verbose_name_plural = _("forms of support")
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(Lower("name"), name="advisory_support_form_name_unique")]

    def __str__(self) -> str:
        return self.name


class ManagementTool(models.Model):
    """A management tool an implementation direction may use (catalogue kept by coordinators)."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("management tool")
        verbose_name_plural = _("management tools")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="advisory_management_tool_name_unique")]

    def __str__(self) -> str:
        return self.name


class StageKind(models.IntegerChoices):
    SUPPORT_AREA = 1, _("Choice of the support area")
    DIAGNOSIS = 2, _("Needs diagnosis and priorities")
    HDR = 3, _("Development action schedule (HDR)")
    IMPLEMENTATION = 4, _("Implementation directions and management tools")
    MONITORING = 5, _("Monitoring")
    EVALUATION = 6, _("Evaluation")


class AdviserRole(models.TextChoices):
    """The two roles of an advisory team; a programme may rename them (2022: ROS and PRO were renamed)."""

    ROS = "ros", _("local education development expert (ROS)")
    PRO = "pro", _("organisational development expert (PRO)")


class AdvisorySettings(models.Model):
    """A programme's words for the two adviser roles."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="advisory_settings", verbose_name=_("programme")
    )
    ros_role_name = models.CharField(
        _("name of the education development role"),
        max_length=150,
        blank=True,
        help_text=_("Leave empty for the default name."),
    )
    pro_role_name = models.CharField(
        _("name of the organisational development role"),
        max_length=150,
        blank=True,
        help_text=_("Leave empty for the default name."),
    )

    class Meta:
        verbose_name = _("advisory settings")
        verbose_name_plural = _("advisory settings")

    def __str__(self) -> str:
        return str(self.programme)

    def role_name(self, role: str) -> str:
        custom = self.ros_role_name if role == AdviserRole.ROS else self.pro_role_name
        return custom or str(AdviserRole(role).label)


class ProgrammeStage(models.Model):
    """A programme's name for a stage of the cycle, or the stage switched off."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="advisory_stages", verbose_name=_("programme")
    )
    kind = models.PositiveSmallIntegerField(_("stage"), choices=StageKind.choices)
    name = models.CharField(_("name in this programme"), max_length=200, blank=True)
    is_enabled = models.BooleanField(_("used in this programme"), default=True)

    class Meta:
        verbose_name = _("stage of the programme")
        verbose_name_plural = _("stages of the programme")
        ordering = ["programme", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "kind"], name="advisory_programme_stage_unique"),
            models.CheckConstraint(
                condition=Q(kind__gte=1) & Q(kind__lte=6), name="advisory_stage_kind_range"
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(StageKind(self.kind).label)
