from django.db.models.functions import Lower
from django.http import Http404

from rozwoj.core.user_input import is_key
from rozwoj.people.models import Person

from ..models import PilotGroup, PilotGroupMember


def person_by_email(email: str) -> Person | None:
    return Person.objects.annotate(email_lower=Lower("email")).filter(email_lower=email.lower()).first()


def access_member(group: PilotGroup, pk) -> PilotGroupMember:
    """A member of `group` (whose access the caller has checked), else 404."""
    member = (
        PilotGroupMember.objects.filter(group=group, pk=pk).select_related("person").first()
        if is_key(pk)
        else None
    )
    if member is None:
        raise Http404
    return member
