"""Debates and dialogue meetings with the local community (seed 004, tasks 4 and 12 of the PRO adviser): who was
invited, the agenda, who came, the conclusions and the ordered recommendations; a recommendation may become an
action of the engagement's HDR (HdrAction.source_recommendation)."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from rozwoj.core.models import TimeStampedModel
from rozwoj.experts.models import ExpertProfile

from .engagement import Engagement

MAX_PARTICIPANTS = 100000


class DebateKind(models.TextChoices):
    DEBATE = "debate", _("debate")
    DIALOGUE = "dialogue", _("dialogue meeting")


class InvitedGroup(models.TextChoices):
    PARENTS = "parents", _("parents")
    TEACHERS = "teachers", _("teachers")
    COUNCILLORS = "councillors", _("councillors")
    NGOS = "ngos", _("non-governmental organisations")
    RESIDENTS = "residents", _("residents")
    OFFICIALS = "officials", _("officials")
    OTHER = "other", _("other")


class Debate(TimeStampedModel):
    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="debates", verbose_name=_("engagement")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DebateKind.choices, default=DebateKind.DEBATE)
    topic = models.CharField(_("topic"), max_length=255)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    is_online = models.BooleanField(_("online"), default=False)
    moderator_expert = models.ForeignKey(
        ExpertProfile,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("moderator (an expert of the team)"),
    )
    moderator_name = models.CharField(_("moderator (someone else)"), max_length=200, blank=True)
    invited_groups = models.JSONField(_("invited groups"), default=list, blank=True)
    agenda = models.TextField(_("agenda"), max_length=10000, blank=True)
    participant_count = models.PositiveIntegerField(
        _("number of participants"), null=True, blank=True, validators=[MaxValueValidator(MAX_PARTICIPANTS)]
    )
    participants = models.TextField(_("participants"), max_length=20000, blank=True)
    conclusions = models.TextField(_("conclusions"), max_length=20000, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("debate or dialogue meeting")
        verbose_name_plural = _("debates and dialogue meetings")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["engagement", "-date"], name="advisory_debate_eng_date_idx")]

    def __str__(self) -> str:
        return self.topic

    def invited_group_labels(self) -> list[str]:
        labels = dict(InvitedGroup.choices)
        return [str(labels[value]) for value in self.invited_groups if value in labels]

    @property
    def moderator(self) -> str:
        if self.moderator_expert is not None:
            return str(self.moderator_expert.person)
        return self.moderator_name


class Recommendation(models.Model):
    debate = models.ForeignKey(Debate, on_delete=models.CASCADE, related_name="recommendations")
    order = models.PositiveIntegerField(_("order"), default=0)
    text = models.TextField(_("recommendation"), max_length=2000)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["debate", "order", "id"]

    def __str__(self) -> str:
        return self.text[:80]
