"""The organisations taking part in an event, and how (on site or online)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from rozwoj.organisations.models import Organisation

from .event import AttendanceMode, Event


class OrganisationRole(models.TextChoices):
    HOST = "host", _("host")
    PARTNER = "partner", _("partner")
    GUEST = "guest", _("guest")


class EventOrganisation(models.Model):
    """An organisation taking part in an event (a transnational meeting's partners), and how it took part."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participating_organisations")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(
        _("role"), max_length=10, choices=OrganisationRole.choices, default=OrganisationRole.PARTNER
    )
    mode = models.CharField(_("taking part"), max_length=10, choices=AttendanceMode.choices)

    class Meta:
        verbose_name = _("participating organisation")
        verbose_name_plural = _("participating organisations")
        ordering = ["event", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "organisation"], name="event_organisation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_mode_display()})"
