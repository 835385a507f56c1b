"""The evaluation of an engagement (stage 6): per HDR indicator the value achieved against the target, the local
government's and the experts' assessments (text and a 1–5 rating), lessons learned, and the evaluation wave of
the self-diagnosis questionnaire (compared with the diagnosis, its first wave). Closing it closes the engagement."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rozwoj.core.models import TimeStampedModel
from rozwoj.surveys.models import Wave

from .engagement import Engagement
from .hdr import HdrAction

RATINGS = [(value, str(value)) for value in range(1, 6)]


class Evaluation(TimeStampedModel):
    engagement = models.OneToOneField(
        Engagement, on_delete=models.CASCADE, related_name="evaluation", verbose_name=_("engagement")
    )
    local_government_assessment = models.TextField(
        _("the local government's assessment"), max_length=5000, blank=True
    )
    local_government_rating = models.PositiveSmallIntegerField(
        _("the local government's rating (1–5)"),
        null=True,
        blank=True,
        choices=RATINGS,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    experts_assessment = models.TextField(_("the experts' assessment"), max_length=5000, blank=True)
    experts_rating = models.PositiveSmallIntegerField(
        _("the experts' rating (1–5)"),
        null=True,
        blank=True,
        choices=RATINGS,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    lessons_learned = models.TextField(_("lessons learned"), max_length=10000, blank=True)
    wave = models.ForeignKey(
        Wave,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("evaluation wave of the self-diagnosis questionnaire"),
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.CheckConstraint(
                condition=Q(local_government_rating__isnull=True)
                | (Q(local_government_rating__gte=1) & Q(local_government_rating__lte=5)),
                name="advisory_evaluation_lg_rating_range",
            ),
            models.CheckConstraint(
                condition=Q(experts_rating__isnull=True)
                | (Q(experts_rating__gte=1) & Q(experts_rating__lte=5)),
                name="advisory_evaluation_experts_rating_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.engagement)

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class IndicatorResult(models.Model):
    """The value an action's indicator reached, against its target."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="results")
    action = models.ForeignKey(
        HdrAction, on_delete=models.CASCADE, related_name="evaluation_results", verbose_name=_("HDR action")
    )
    achieved_value = models.CharField(_("value achieved"), max_length=100, blank=True)
    comment = models.CharField(_("comment"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("indicator result")
        verbose_name_plural = _("indicator results")
        ordering = ["evaluation", "action__order", "action_id"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "action"], name="advisory_indicator_result_once")
        ]

    def __str__(self) -> str:
        return f"{self.action}: {self.achieved_value}"
