"""What the team matching needs to know about an expert beyond the expert's profile."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rozwoj.core.models import TimeStampedModel
from rozwoj.experts.models import ExpertProfile
from rozwoj.organisations.models import LocalGovernment

DEFAULT_CAPACITY = 3
MAX_CAPACITY = 50


class AdviserCapacity(models.Model):
    """How many engagements an expert takes on at once (the default when an expert has no row)."""

    expert = models.OneToOneField(
        ExpertProfile, on_delete=models.CASCADE, related_name="advisory_capacity", verbose_name=_("expert")
    )
    engagements_at_once = models.PositiveSmallIntegerField(
        _("engagements at once"),
        default=DEFAULT_CAPACITY,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_CAPACITY)],
    )

    class Meta:
        verbose_name = _("adviser capacity")
        verbose_name_plural = _("adviser capacities")
        constraints = [
            models.CheckConstraint(
                condition=Q(engagements_at_once__lte=MAX_CAPACITY), name="advisory_capacity_bounded"
            )
        ]

    def __str__(self) -> str:
        return f"{self.expert}: {self.engagements_at_once}"


class ConflictOfInterest(TimeStampedModel):
    """A declared conflict: the expert may not advise this local government (e.g. employed by it).
    Employment recorded as a membership in one of the unit's organisations counts too (see selectors)."""

    expert = models.ForeignKey(
        ExpertProfile, on_delete=models.CASCADE, related_name="advisory_conflicts", verbose_name=_("expert")
    )
    local_government = models.ForeignKey(
        LocalGovernment, on_delete=models.CASCADE, related_name="+", verbose_name=_("local government")
    )
    reason = models.CharField(_("reason"), max_length=255)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(fields=["expert", "local_government"], name="advisory_conflict_unique")
        ]

    def __str__(self) -> str:
        return f"{self.expert} — {self.local_government}"
