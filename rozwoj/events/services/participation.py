"""Organisations taking part in an event (the partners of a transnational meeting) and how they took part."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rozwoj.accounts.models import User
from rozwoj.accounts.permissions import require_coordinator
from rozwoj.core.audit import log_action
from rozwoj.organisations.models import Organisation

from ..models import AttendanceMode, Event, EventOrganisation, OrganisationRole


def event_organisation_add(
    *, actor: User, event: Event, organisation: Organisation, role: str, mode: str
) -> EventOrganisation:
    """Add an organisation to the event, or change its role and mode when it is already there."""
    require_coordinator(actor)
    errors = {}
    if role not in OrganisationRole.values:
        errors["role"] = _("Choose a valid role.")
    if mode not in AttendanceMode.values:
        errors["mode"] = _("Choose on site or online.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        item, created = EventOrganisation.objects.get_or_create(
            event=event, organisation=organisation, defaults={"role": role, "mode": mode}
        )
        if not created and (item.role, item.mode) != (role, mode):
            item.role, item.mode = role, mode
            item.save(update_fields=["role", "mode"])
        log_action(
            actor,
            event,
            "event.organisations",
            {
                "organisations_added": [
                    f"{organisation} ({item.get_role_display()}, {item.get_mode_display()})"
                ]
            },
        )
    return item


def event_organisation_remove(*, actor: User, item: EventOrganisation) -> None:
    require_coordinator(actor)
    with transaction.atomic():
        event = item.event
        name = str(item.organisation)
        item.delete()
        log_action(actor, event, "event.organisations", {"organisations_removed": [name]})
