"""Who sees and builds which questionnaire.

Coordinators (and administrators) build and read every questionnaire; experts build and read their own and
may copy the templates; everybody else only answers (their invitations, public links).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from rozwoj.accounts.models import Role
from rozwoj.core.user_input import is_key

from ..models import Distribution, DistributionKind, Invitation, Question, Questionnaire, Response, Section


def can_build(user) -> bool:
    """May create questionnaires at all."""
    return bool(user.is_authenticated and (user.is_coordinator or user.has_role(Role.EXPERT)))


def questionnaires_visible_to(user) -> QuerySet[Questionnaire]:
    """The questionnaires `user` may open in the builder or read the results of (templates included)."""
    if not user.is_authenticated:
        return Questionnaire.objects.none()
    if user.is_coordinator:
        return Questionnaire.objects.all()
    if user.has_role(Role.EXPERT):
        return Questionnaire.objects.filter(Q(owner=user) | Q(is_template=True))
    return Questionnaire.objects.none()


def questionnaires_manageable_by(user) -> QuerySet[Questionnaire]:
    """The questionnaires `user` may send (not templates, not closed), newest first."""
    if not user.is_authenticated:
        return Questionnaire.objects.none()
    questionnaires = Questionnaire.objects.filter(is_template=False).exclude(status="closed")
    if not user.is_coordinator:
        questionnaires = (
            questionnaires.filter(owner=user) if user.has_role(Role.EXPERT) else questionnaires.none()
        )
    return questionnaires.order_by("-created_at", "-id")


def can_manage(user, questionnaire: Questionnaire) -> bool:
    """May change the questionnaire, distribute it and read its results."""
    if not user.is_authenticated:
        return False
    if user.is_coordinator:
        return True
    return bool(
        user.has_role(Role.EXPERT) and questionnaire.owner_id == user.pk and not questionnaire.is_template
    )


def access_questionnaire(user, pk, *, manage: bool = False) -> Questionnaire:
    """The questionnaire `pk`: Http404 when `user` may not see it, PermissionDenied when `manage` asks for more
    than they may do."""
    questionnaire = (
        questionnaires_visible_to(user).select_related("programme", "owner").filter(pk=pk).first()
        if is_key(pk)
        else None
    )
    if questionnaire is None:
        raise Http404
    if manage and not can_manage(user, questionnaire):
        raise PermissionDenied
    return questionnaire


def access_section(questionnaire: Questionnaire, pk) -> Section:
    section = Section.objects.filter(pk=pk, questionnaire=questionnaire).first() if is_key(pk) else None
    if section is None:
        raise Http404
    return section


def access_question(questionnaire: Questionnaire, pk) -> Question:
    question = (
        Question.objects.select_related("section")
        .filter(pk=pk, questionnaire=questionnaire, is_active=True)
        .first()
        if is_key(pk)
        else None
    )
    if question is None:
        raise Http404
    return question


def access_invitation(token: str) -> Invitation:
    """A personal link's invitation (the token is the credential)."""
    invitation = (
        Invitation.objects.select_related("distribution__questionnaire", "wave", "person")
        .filter(token=token[:64])
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


def access_public_link(token: str) -> Distribution:
    distribution = (
        Distribution.objects.select_related("questionnaire", "wave")
        .filter(public_token=token[:64], kind=DistributionKind.PUBLIC_LINK)
        .first()
    )
    if distribution is None:
        raise Http404
    return distribution


def access_own_response(user, pk) -> Response:
    """A respondent's own named or confidential response; Http404 for anyone else's and for anonymous ones."""
    person = getattr(user, "person", None) if user.is_authenticated else None
    response = (
        Response.objects.select_related("questionnaire", "wave")
        .filter(pk=pk, is_anonymous=False, person__isnull=False)
        .first()
    )
    if response is None or person is None or response.person_id != person.pk:
        raise Http404
    return response
