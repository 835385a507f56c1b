"""Who sees and builds which questionnaire.

Coordinators (and administrators) build and read every questionnaire; experts build and read their own and
may copy the templates; everybody else only answers (their invitations, public links).
"""

from django.db.models import Q, QuerySet

from rozwoj.accounts.models import Role

from ..models import Questionnaire


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


def can_manage(user, questionnaire: Questionnaire) -> bool:
    """May change the questionnaire, distribute it and read its results."""
    if not user.is_authenticated:
        return False
    if user.is_coordinator:
        return True
    return bool(
        user.has_role(Role.EXPERT) and questionnaire.owner_id == user.pk and not questionnaire.is_template
    )
