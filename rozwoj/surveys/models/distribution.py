"""Who is asked: distributions (to people or by a public link) and personal invitations."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .questionnaire import Questionnaire, Wave


def new_token() -> str:
    return secrets.token_urlsafe(32)


class DistributionKind(models.TextChoices):
    PEOPLE = "people", _("to people, each with a personal link")
    PUBLIC_LINK = "public_link", _("by a public link")


class Distribution(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="distributions")
    wave = models.ForeignKey(
        Wave, verbose_name=_("wave"), on_delete=models.CASCADE, related_name="distributions"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=DistributionKind.choices)
    # Where the people came from, in words and as a link ("Participants of: Budżet obywatelski 2030").
    source_label = models.CharField(_("sent to"), max_length=255, blank=True)
    source_url = models.CharField(max_length=255, blank=True)
    public_token = models.CharField(max_length=64, null=True, blank=True, unique=True)
    send_at = models.DateTimeField(_("send the invitations at"))
    sent_at = models.DateTimeField(_("invitations sent"), null=True, blank=True)
    reminder_every_days = models.PositiveSmallIntegerField(
        _("remind every (days)"), default=7, help_text=_("0: no reminders.")
    )
    max_reminders = models.PositiveSmallIntegerField(_("reminders at most"), default=2)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("distribution")
        verbose_name_plural = _("distributions")
        ordering = ["questionnaire", "send_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="people", public_token__isnull=True)
                | Q(kind="public_link", public_token__isnull=False),
                name="distribution_public_token_for_public_link",
            ),
        ]
        indexes = [models.Index(fields=["sent_at", "send_at"])]

    def __str__(self) -> str:
        return self.source_label or self.get_kind_display()


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("not sent yet")
    SENT = "sent", _("invited")
    STARTED = "started", _("started")
    RESPONDED = "responded", _("responded")


class Invitation(models.Model):
    """A person's personal link to one wave. For an anonymous questionnaire this is where "has responded" is
    recorded (a status and a date, no time): nothing here or on the response joins the two. No `updated_at` on
    purpose: a modification time would tell when the person answered."""

    distribution = models.ForeignKey(Distribution, on_delete=models.CASCADE, related_name="invitations")
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="survey_invitations")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    language = models.CharField(_("language"), max_length=8, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    sent_at = models.DateTimeField(_("invitation sent"), null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    last_reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)
    responded_on = models.DateField(_("responded on"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["distribution", "id"]
        constraints = [models.UniqueConstraint(fields=["wave", "person"], name="invitation_one_per_wave")]
        indexes = [
            models.Index(fields=["status", "sent_at"]),
            models.Index(fields=["person", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.distribution}"


class ResponseDraft(models.Model):
    """Answers saved halfway ("save and continue"). Deleted when the response is submitted, so that even for
    an anonymous questionnaire the invitation is joined to answers only while they are unfinished."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="+")
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="+")
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.CASCADE, related_name="draft"
    )
    # A public link's draft is found by this key, kept in the respondent's session.
    key = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    language = models.CharField(max_length=8, blank=True)
    data = models.JSONField(default=dict)
    saved_on = models.DateField()

    class Meta:
        verbose_name = _("saved unfinished response")
        verbose_name_plural = _("saved unfinished responses")

    def __str__(self) -> str:
        return str(self.pk)
