"""Reads for a respondent: what waits for them, their own answers (never of an anonymous questionnaire)."""

from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    OTHER,
    Answer,
    Invitation,
    InvitationStatus,
    QuestionKind,
    QuestionnaireStatus,
    Response,
    localised,
)


def invitations_waiting(person) -> list[Invitation]:
    """The open questionnaires `person` is invited to and has not answered (one query)."""
    if person is None:
        return []
    now = timezone.now()
    return list(
        Invitation.objects.filter(
            person=person,
            status__in=(InvitationStatus.SENT, InvitationStatus.STARTED),
            distribution__questionnaire__status=QuestionnaireStatus.OPEN,
        )
        .filter(
            Q(distribution__questionnaire__closes_at__isnull=True)
            | Q(distribution__questionnaire__closes_at__gt=now)
        )
        .filter(Q(wave__closes_at__isnull=True) | Q(wave__closes_at__gt=now))
        .select_related("distribution__questionnaire", "wave")
        .order_by("-sent_at", "-pk")[:50]
    )


def waiting_for(person) -> tuple[list[Invitation], list[Response]]:
    """What waits for `person`, and their own named or confidential responses (anonymous ones are tied to
    nobody, so they are not listed)."""
    if person is None:
        return [], []
    waiting = invitations_waiting(person)
    answered = list(
        Response.objects.filter(person=person, is_anonymous=False)
        .select_related("questionnaire", "wave")
        .order_by("-submitted_on")[:50]
    )
    return waiting, answered


def display_value(question, answer: Answer, language: str) -> str:
    fallback = (question.questionnaire.default_language,)
    labels = {option["code"]: localised(option["label"], language, fallback) for option in question.options}
    labels[OTHER] = answer.text
    value = answer.value
    if question.kind == QuestionKind.YES_NO:
        return _("yes") if value else _("no")
    if question.kind in (QuestionKind.SINGLE,):
        return labels.get(value, str(value))
    if question.kind in (QuestionKind.MULTIPLE, QuestionKind.RANKING):
        return ", ".join(labels.get(code, str(code)) for code in value)
    if question.kind == QuestionKind.LIKERT_MATRIX:
        rows = {row["code"]: localised(row["label"], language, fallback) for row in question.rows}
        return "; ".join(f"{rows.get(code, code)}: {point}" for code, point in value.items())
    return str(value)


def answers_of_response(response: Response, language: str) -> list[dict[str, Any]]:
    answers = (
        Answer.objects.filter(response=response)
        .select_related("question__section", "question__questionnaire")
        .order_by("question__section__order", "question__order")
    )
    return [
        {
            "question": answer.question.text_in(language),
            "value": display_value(answer.question, answer, language),
        }
        for answer in answers
    ]
