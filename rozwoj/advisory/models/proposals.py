"""Advisory teams proposed by the solver (rozwoj.advisory.matching) for a call's engagements, before confirmation."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from rozwoj.core.models import TimeStampedModel
from rozwoj.experts.models import ExpertProfile

from .calls import Call
from .engagement import Engagement


class MatchingRun(TimeStampedModel):
    """One request for proposals in a call: whether a feasible assignment existed, and if not, what blocked it."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="matching_runs", verbose_name=_("call")
    )
    is_feasible = models.BooleanField(_("feasible"))
    blockers = models.JSONField(_("what blocks it"), default=list, blank=True)
    total_score = models.PositiveIntegerField(_("total score"), default=0)
    seconds = models.FloatField(_("solving time (s)"), default=0)

    class Meta:
        verbose_name = _("team matching run")
        verbose_name_plural = _("team matching runs")
        ordering = ["-created_at", "-id"]


class TeamProposal(TimeStampedModel):
    """The proposed (or hand-adjusted) advisory team of one engagement, with the reasons, until confirmed."""

    engagement = models.OneToOneField(
        Engagement, on_delete=models.CASCADE, related_name="team_proposal", verbose_name=_("engagement")
    )
    run = models.ForeignKey(
        MatchingRun, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("run")
    )
    ros_expert = models.ForeignKey(
        ExpertProfile,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("education development adviser"),
    )
    pro_expert = models.ForeignKey(
        ExpertProfile,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisational development adviser"),
    )
    score = models.PositiveIntegerField(_("score"), default=0)
    reasons = models.JSONField(_("why"), default=list, blank=True)
    is_accepted = models.BooleanField(_("accepted"), default=False)
    is_adjusted = models.BooleanField(_("adjusted by hand"), default=False)

    class Meta:
        verbose_name = _("team proposal")
        verbose_name_plural = _("team proposals")
        ordering = ["engagement__local_government__name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(ros_expert=F("pro_expert")), name="advisory_proposal_two_advisers"
            )
        ]

    def __str__(self) -> str:
        return f"{self.engagement}: {self.ros_expert} + {self.pro_expert}"
