"""Sending a questionnaire: to people (personal links) or by a public link; invitations and reminders by e-mail.

Other apps hand their people to `distribution_to_people` (events: the participants of a training); surveys never
imports them. E-mails leave through the periodic jobs (jobs.py): `send_due_invitations` once a distribution's
time has come, `send_due_reminders` to those who have not answered. Each invitation is claimed by a conditional
UPDATE before it is sent, so overlapping runs never send one twice.
"""

import datetime
import secrets
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rozwoj.core.audit import log_action
from rozwoj.notifications.recipients import language_for
from rozwoj.notifications.services import notify

from ..models import (
    Distribution,
    DistributionKind,
    Invitation,
    InvitationStatus,
    Questionnaire,
    QuestionnaireStatus,
    Wave,
)
from ..selectors.access import can_manage


def _first_wave(questionnaire: Questionnaire) -> Wave:
    wave = questionnaire.waves.order_by("order").first()
    if wave is None:
        wave = Wave.objects.create(
            questionnaire=questionnaire, order=1, label={"pl": "Pomiar", "en": "Survey"}
        )
    return wave


def _language_of(person, questionnaire: Questionnaire) -> str:
    language = language_for(person)
    return language if language in questionnaire.languages else questionnaire.default_language


@transaction.atomic
def distribution_to_people(
    questionnaire: Questionnaire,
    people: Iterable,
    send_at: datetime.datetime | None,
    source_label: str,
    source_url: str = "",
    actor=None,
    *,
    wave: Wave | None = None,
    reminder_every_days: int = 7,
    max_reminders: int = 2,
    check_access: bool = True,
) -> Distribution:
    """Invite `people` (people.Person) to answer `wave` (the first by default) with personal links, sent at
    `send_at` (now when None). People already invited to the wave are not invited twice. Other apps call this
    for their people ("Participants of: …" as `source_label`, a link to where they came from as `source_url`);
    `check_access=False` is for their periodic jobs, which act for the questionnaire's owner."""
    if check_access and not can_manage(actor, questionnaire):
        raise PermissionDenied
    if questionnaire.is_template:
        raise ValidationError(_("A template is not sent: copy it and send the copy."))
    wave = wave or _first_wave(questionnaire)
    if wave.questionnaire_id != questionnaire.pk:
        raise ValidationError({"wave": _("Choose a wave of this questionnaire.")})
    distribution = Distribution.objects.create(
        questionnaire=questionnaire,
        wave=wave,
        kind=DistributionKind.PEOPLE,
        source_label=source_label[:255],
        source_url=source_url[:255],
        send_at=send_at or timezone.now(),
        reminder_every_days=reminder_every_days,
        max_reminders=max_reminders,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    people = {person.pk: person for person in people}
    already = set(
        Invitation.objects.filter(wave=wave, person__in=list(people)).values_list("person_id", flat=True)
    )
    invitations = [
        Invitation(
            distribution=distribution, wave=wave, person=person, language=_language_of(person, questionnaire)
        )
        for pk, person in people.items()
        if pk not in already
    ]
    Invitation.objects.bulk_create(invitations, ignore_conflicts=True)
    log_action(
        actor,
        questionnaire,
        "surveys.distribution_create",
        {"to": source_label, "people": len(invitations), "send_at": distribution.send_at.isoformat()},
    )
    return distribution


@transaction.atomic
def distribution_public_link(
    *, actor, questionnaire: Questionnaire, wave: Wave | None = None
) -> Distribution:
    if not can_manage(actor, questionnaire):
        raise PermissionDenied
    if questionnaire.is_template:
        raise ValidationError(_("A template is not sent: copy it and send the copy."))
    wave = wave or _first_wave(questionnaire)
    if wave.questionnaire_id != questionnaire.pk:
        raise ValidationError({"wave": _("Choose a wave of this questionnaire.")})
    now = timezone.now()
    distribution = Distribution.objects.create(
        questionnaire=questionnaire,
        wave=wave,
        kind=DistributionKind.PUBLIC_LINK,
        source_label=_("Public link"),
        public_token=secrets.token_urlsafe(24),
        send_at=now,
        sent_at=now,
        reminder_every_days=0,
        max_reminders=0,
        created_by=actor,
    )
    log_action(actor, questionnaire, "surveys.public_link_create", {"wave": wave.pk})
    return distribution


def invitation_path(invitation: Invitation) -> str:
    return reverse("surveys:respond", args=[invitation.token])


def _send(invitation: Invitation, kind: str) -> None:
    questionnaire = invitation.distribution.questionnaire
    notify(
        to=invitation.person,
        kind=kind,
        context={
            "person": invitation.person,
            "title": questionnaire.title_in(invitation.language or questionnaire.default_language),
            "closes_at": invitation.wave.closes_at or questionnaire.closes_at,
            "anonymity": questionnaire.anonymity,
        },
        url=invitation_path(invitation),
    )


def _open_questionnaires() -> Q:
    now = timezone.now()
    return (
        Q(distribution__questionnaire__status=QuestionnaireStatus.OPEN)
        & (
            Q(distribution__questionnaire__closes_at__isnull=True)
            | Q(distribution__questionnaire__closes_at__gt=now)
        )
        & (Q(wave__closes_at__isnull=True) | Q(wave__closes_at__gt=now))
    )


def send_due_invitations(now: datetime.datetime | None = None) -> int:
    """E-mail the personal links of distributions whose time has come; returns how many were sent."""
    now = now or timezone.now()
    due = (
        Invitation.objects.filter(
            _open_questionnaires(), status=InvitationStatus.PENDING, distribution__send_at__lte=now
        )
        .select_related("person__user", "distribution__questionnaire", "wave")
        .order_by("pk")[:2000]
    )
    sent = 0
    for invitation in due:
        with transaction.atomic():
            claimed = Invitation.objects.filter(pk=invitation.pk, status=InvitationStatus.PENDING).update(
                status=InvitationStatus.SENT, sent_at=now
            )
            if claimed:
                _send(invitation, "surveys.invitation")
                sent += 1
    Distribution.objects.filter(sent_at__isnull=True, send_at__lte=now, kind=DistributionKind.PEOPLE).exclude(
        invitations__status=InvitationStatus.PENDING
    ).update(sent_at=now)
    return sent


def send_due_reminders(now: datetime.datetime | None = None) -> int:
    """Remind those invited who have not answered, every `reminder_every_days`, at most `max_reminders` times."""
    now = now or timezone.now()
    candidates = (
        Invitation.objects.filter(
            _open_questionnaires(),
            status__in=(InvitationStatus.SENT, InvitationStatus.STARTED),
            distribution__reminder_every_days__gt=0,
            reminders_sent__lt=F("distribution__max_reminders"),
        )
        .select_related("person__user", "distribution__questionnaire", "wave")
        .order_by(Coalesce("last_reminded_at", "sent_at"), "pk")[:2000]
    )
    sent = 0
    for invitation in candidates:
        last = invitation.last_reminded_at or invitation.sent_at
        if last is None or last > now - datetime.timedelta(days=invitation.distribution.reminder_every_days):
            continue
        with transaction.atomic():
            claimed = Invitation.objects.filter(
                pk=invitation.pk,
                reminders_sent=invitation.reminders_sent,
                status__in=(InvitationStatus.SENT, InvitationStatus.STARTED),
            ).update(reminders_sent=F("reminders_sent") + 1, last_reminded_at=now)
            if claimed:
                _send(invitation, "surveys.reminder")
                sent += 1
    return sent
