"""The people a questionnaire can be sent to (surveys knows people, organisations and experts)."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from rozwoj.people.models import Person


def experts_people() -> QuerySet[Person]:
    return Person.objects.filter(expert_profile__isnull=False).select_related("user")


def organisation_team(organisation) -> QuerySet[Person]:
    """The current members of an organisation (a local government's team is its office's members)."""
    today = timezone.localdate()
    return (
        Person.objects.filter(memberships__organisation=organisation)
        .filter(Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gte=today))
        .distinct()
        .select_related("user")
    )
