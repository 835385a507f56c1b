"""Pilot groups as an audience of questionnaires (rozwoj.surveys.audiences): a coordinator, or a coach of the
group, sends a questionnaire to the group's members (e.g. the partnership's needs survey to a partner's pilot
group). Registered in CoachingConfig.ready()."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from rozwoj.people.models import Person
from rozwoj.surveys.audiences import Audience, Members

from .models import PilotGroup
from .selectors.access import coach_profile


def pilot_groups_to_survey(user):
    """The pilot groups `user` may send a questionnaire to: every group for a coordinator, a coach's own groups."""
    groups = PilotGroup.objects.select_related("partner").order_by("name", "pk")
    if user is None or not user.is_authenticated:
        return groups.none()
    if user.is_coordinator:
        return groups
    profile = coach_profile(user)
    if profile is None:
        return groups.none()
    return groups.filter(coaches=profile)


def _choices(user) -> list[tuple[int, str]]:
    return [(group.pk, f"{group.name} ({group.partner.name})") for group in pilot_groups_to_survey(user)]


def _members(user, pk: int) -> Members | None:
    group = pilot_groups_to_survey(user).filter(pk=pk).first()
    if group is None:
        return None
    people = Person.objects.filter(pilot_group_memberships__group=group).select_related("user")
    return (
        people,
        _("Pilot group: %(group)s") % {"group": group.name},
        reverse("coaching:group", args=[group.pk]),
    )


PILOT_GROUPS = Audience(
    key="coaching.pilot_group",
    label=lambda: _("A partner's pilot group"),
    choices=_choices,
    members=_members,
)
