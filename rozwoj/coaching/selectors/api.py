"""Reads the coaching API needs to turn identifiers of its input into objects: each among what the caller may
choose in the matching form, an unknown or hidden one a field error (400), never a 500 nor a hint that it
exists."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from rozwoj.organisations.models import Organisation
from rozwoj.people.models import Person
from rozwoj.programmes.selectors import programmes_visible_to

from .access import techniques_visible_to
from .pages import coach_choices, coachee_choices, pilot_group_choices


def _one(queryset, pk, field: str):
    if pk is None:
        return None
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: _("Unknown identifier.")})
    return found


def _many(queryset, ids: Iterable[int], field: str) -> list:
    ids = set(ids)
    found = list(queryset.filter(pk__in=ids))
    if len(found) != len(ids):
        raise ValidationError({field: _("Unknown identifier.")})
    return found


def agreement_choices(user, *, coachee_id, coach_id, programme_id, pilot_group_id) -> dict:
    """The coachee, coach, programme and pilot group an agreement written through the API names."""
    return {
        "coachee": _one(coachee_choices(user), coachee_id, "coachee_id"),
        "coach": _one(coach_choices(), coach_id, "coach_id") if user.is_coordinator else None,
        "programme": _one(programmes_visible_to(user), programme_id, "programme_id"),
        "pilot_group": _one(pilot_group_choices(user), pilot_group_id, "pilot_group_id"),
    }


def pilot_group_choices_for(user, *, programme_id, partner_id, coach_ids) -> dict:
    """The programme, partner organisation and coaches a pilot group written through the API names."""
    return {
        "programme": _one(programmes_visible_to(user), programme_id, "programme_id"),
        "partner": _one(Organisation.objects.all(), partner_id, "partner_id"),
        "coaches": _many(coach_choices(), coach_ids, "coach_ids"),
    }


def techniques_by_id(user, ids: Iterable[int]) -> list:
    return _many(techniques_visible_to(user), ids, "technique_ids")


def person_for_group(person_id):
    return _one(Person.objects.all(), person_id, "person_id")
