"""Answering a questionnaire: availability, saving halfway, submitting once.

An anonymous response is written without a person, a time finer than the day, or any key of the invitation
(docs/decisions/0004-questionnaire-anonymity.md); no audit entry or notification is written for it.
"""

import hashlib
import hmac
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rozwoj.accounts.models import Role

from .. import conditions
from ..models import (
    Anonymity,
    Answer,
    Invitation,
    InvitationStatus,
    Question,
    Questionnaire,
    QuestionnaireStatus,
    Response,
    ResponseDraft,
    Wave,
)
from .answers import ParsedAnswers, form_values, parse_answers, typed_columns
from .tallies import TALLIED, tally_answers

PANEL_CODE_MAX = 100


def is_open(questionnaire: Questionnaire, wave: Wave | None = None, now=None) -> bool:
    """Whether the questionnaire (and the wave) takes answers now."""
    now = now or timezone.now()
    if questionnaire.status != QuestionnaireStatus.OPEN:
        return False
    for holder in (questionnaire, wave):
        if holder is None:
            continue
        if holder.opens_at and now < holder.opens_at:
            return False
        if holder.closes_at and now >= holder.closes_at:
            return False
    return True


def active_questions(questionnaire: Questionnaire) -> list[Question]:
    return list(
        questionnaire.questions.filter(is_active=True)
        .select_related("section")
        .order_by("section__order", "order", "id")
    )


def check_answers(questionnaire: Questionnaire, data) -> ParsedAnswers:
    return parse_answers(active_questions(questionnaire), conditions.structure_of(questionnaire), data)


def panel_key_for_person(questionnaire: Questionnaire, person_id: int) -> str:
    message = f"surveys-panel:{questionnaire.pk}:{person_id}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def panel_key_from_code(questionnaire: Questionnaire, code: str) -> str:
    """An anonymous respondent's own code (the same in every wave) → a key the platform cannot tie to them."""
    normalised = "".join(unicodedata.normalize("NFKC", code).lower().split())
    if not normalised:
        return ""
    return hmac.new(questionnaire.panel_salt.encode(), normalised.encode(), hashlib.sha256).hexdigest()


ROLE_PRIORITY = (
    Role.EXPERT,
    Role.LOCAL_GOVERNMENT_MEMBER,
    Role.PARTNER_MEMBER,
    Role.COORDINATOR,
    Role.ADMINISTRATOR,
)


def respondent_attributes(person) -> dict[str, str]:
    """What the results may be filtered by, copied from the person at submission (no key to them)."""
    attributes = {"organisation_kind": "", "local_government_kind": "", "voivodeship": "", "role": ""}
    if person is None:
        return attributes
    today = timezone.localdate()
    membership = (
        person.memberships.filter(organisation__isnull=False)
        .exclude(end_date__lt=today)
        .select_related("organisation__local_government")
        .order_by("-start_date", "id")
        .first()
    )
    if membership is not None:
        organisation = membership.organisation
        attributes["organisation_kind"] = organisation.kind
        local_government = organisation.local_government
        if local_government is not None:
            attributes["local_government_kind"] = local_government.kind
            attributes["voivodeship"] = local_government.terc[:2]
    roles = person.user.role_set if person.user_id else frozenset()
    attributes["role"] = next((str(role) for role in ROLE_PRIORITY if role in roles), "participant")
    return attributes


@dataclass
class Respondent:
    """Who answers: through a personal invitation, or through a public link (a person when logged in)."""

    invitation: Invitation | None = None
    person: Any = None
    draft_key: str = ""


def _closed_error() -> ValidationError:
    return ValidationError(_("This questionnaire is closed: answers are no longer accepted."), code="closed")


def _panel_key(questionnaire: Questionnaire, person, panel_code: str) -> str:
    if questionnaire.anonymity == Anonymity.ANONYMOUS:
        return panel_key_from_code(questionnaire, panel_code)
    return panel_key_for_person(questionnaire, person.pk) if person is not None else ""


def _write(
    questionnaire: Questionnaire, wave: Wave, language: str, person, panel_key: str, parsed
) -> Response:
    anonymous = questionnaire.anonymity == Anonymity.ANONYMOUS
    questions = {question.code: question for question in active_questions(questionnaire)}
    response = Response(
        questionnaire=questionnaire,
        wave=wave,
        language=language,
        questionnaire_version=questionnaire.version,
        submitted_on=timezone.localdate(),
        submitted_at=None if anonymous else timezone.now(),
        person=None if anonymous else person,
        is_anonymous=anonymous,
        panel_key=panel_key,
        **respondent_attributes(person),
    )
    setattr(response, TALLIED, True)  # added to the tallies below, with the stamp
    response.save(force_insert=True)
    answers = [
        (
            questions[code],
            Answer(
                response=response,
                question=questions[code],
                value=value,
                **typed_columns(questions[code], value, parsed.others.get(code, "")),
            ),
        )
        for code, value in parsed.values.items()
    ]
    Answer.objects.bulk_create([answer for _question, answer in answers])
    tally_answers(response, answers)  # the results' counts, in the same transaction
    return response


def response_submit(
    *,
    questionnaire: Questionnaire,
    wave: Wave,
    respondent: Respondent,
    language: str,
    data,
    panel_code: str = "",
) -> Response:
    """Store a complete response once. Raises ValidationError with one message per question in trouble
    (keyed by its field name), when closed, or when this respondent has already answered this wave."""
    if not is_open(questionnaire, wave):
        raise _closed_error()
    if language not in questionnaire.languages:
        language = questionnaire.default_language
    parsed = check_answers(questionnaire, data)
    if parsed.errors:
        raise ValidationError(parsed.errors)
    if len(panel_code) > PANEL_CODE_MAX:
        raise ValidationError(
            {"panel_code": _("Write at most %(limit)d characters.") % {"limit": PANEL_CODE_MAX}}
        )
    person = respondent.invitation.person if respondent.invitation else respondent.person
    duplicate = ValidationError(_("You have already answered this questionnaire."), code="duplicate")
    try:
        with transaction.atomic():
            invitation = None
            if respondent.invitation is not None:
                invitation = Invitation.objects.select_for_update().get(pk=respondent.invitation.pk)
                if invitation.status == InvitationStatus.RESPONDED:
                    raise duplicate
            response = _write(
                questionnaire, wave, language, person, _panel_key(questionnaire, person, panel_code), parsed
            )
            if invitation is not None:
                invitation.status = InvitationStatus.RESPONDED
                invitation.responded_on = timezone.localdate()
                invitation.save(update_fields=["status", "responded_on"])
                ResponseDraft.objects.filter(invitation=invitation).delete()
            elif respondent.draft_key:
                ResponseDraft.objects.filter(key=respondent.draft_key, invitation__isnull=True).delete()
    except IntegrityError:
        # The unique (wave, person) of a named or confidential response: a second submission in parallel.
        raise duplicate from None
    return response


def draft_for(questionnaire: Questionnaire, wave: Wave, respondent: Respondent) -> ResponseDraft | None:
    if respondent.invitation is not None:
        return ResponseDraft.objects.filter(invitation=respondent.invitation).first()
    if respondent.draft_key:
        return ResponseDraft.objects.filter(
            key=respondent.draft_key, questionnaire=questionnaire, wave=wave, invitation__isnull=True
        ).first()
    return None


def draft_save(
    *, questionnaire: Questionnaire, wave: Wave, respondent: Respondent, language: str, data
) -> ResponseDraft:
    """Keep the answers given so far (unchecked: they are checked when submitted)."""
    if not is_open(questionnaire, wave):
        raise _closed_error()
    with transaction.atomic():
        draft = draft_for(questionnaire, wave, respondent)
        if draft is None:
            draft = ResponseDraft(questionnaire=questionnaire, wave=wave, invitation=respondent.invitation)
        draft.language = language if language in questionnaire.languages else questionnaire.default_language
        draft.data = form_values(data)
        draft.saved_on = timezone.localdate()
        draft.save()
        if respondent.invitation is not None and respondent.invitation.status != InvitationStatus.RESPONDED:
            Invitation.objects.filter(pk=respondent.invitation.pk).exclude(
                status=InvitationStatus.RESPONDED
            ).update(status=InvitationStatus.STARTED)
    return draft
