"""An event's sessions (zjazdy), their agenda, and the changes of plan."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from rozwoj.core.models import MAX_PLACES
from rozwoj.organisations.models import Venue
from rozwoj.people.models import Person

from .event import Event, Format


class Session(models.Model):
    """One part of an event (zjazd), possibly several days long."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    order = models.PositiveSmallIntegerField(_("number"), default=1)
    title = models.CharField(_("title"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    hours = models.DecimalField(
        _("training hours"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("Hours of the programme in this session; used for completion and certificates."),
    )
    # False: `hours` is computed from the start and the end (and follows them); True: typed by a coordinator.
    hours_overridden = models.BooleanField(default=False, editable=False)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    online_url = models.URLField(_("online meeting link"), blank=True, max_length=500)
    onsite_seats = models.PositiveIntegerField(
        _("on-site seats"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_PLACES)],
        help_text=_("Empty: the number given for the whole event, else the capacity of the venue."),
    )
    # What was planned before the first change of plan (empty while nothing changed).
    planned_starts_at = models.DateTimeField(_("planned start"), null=True, blank=True, editable=False)
    planned_ends_at = models.DateTimeField(_("planned end"), null=True, blank=True, editable=False)
    planned_format = models.CharField(
        _("planned format"), max_length=10, choices=Format.choices, blank=True, editable=False
    )
    planned_venue = models.ForeignKey(
        Venue, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["event", "order", "starts_at"]
        indexes = [models.Index(fields=["venue", "starts_at"]), models.Index(fields=["starts_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"),
            models.CheckConstraint(condition=Q(hours__gte=0) & Q(hours__lt=1000), name="session_hours_range"),
            models.CheckConstraint(
                condition=Q(onsite_seats__isnull=True) | Q(onsite_seats__lte=MAX_PLACES),
                name="session_onsite_seats_bounded",
            ),
            models.UniqueConstraint(fields=["event", "order"], name="session_order_unique"),
        ]

    def __str__(self) -> str:
        return self.title or _("Session %(number)s") % {"number": self.order}

    @property
    def seats(self) -> int | None:
        if self.format == Format.ONLINE:
            return None
        if self.onsite_seats is not None:
            return self.onsite_seats
        if self.event.onsite_seats is not None:
            return self.event.onsite_seats
        venue = self.venue
        return venue.capacity if venue is not None else None

    @property
    def was_changed(self) -> bool:
        return self.planned_starts_at is not None


class AgendaItem(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="agenda")
    starts_at = models.TimeField(_("time"), null=True, blank=True)
    day = models.DateField(_("day"), null=True, blank=True)
    topic = models.CharField(_("topic"), max_length=500)
    trainer = models.ForeignKey(
        Person, verbose_name=_("trainer"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")
        ordering = ["session", "order", "day", "starts_at", "id"]

    def __str__(self) -> str:
        return self.topic


class ChangeType(models.TextChoices):
    RESCHEDULE = "reschedule", _("rescheduled")
    FORMAT = "format", _("format changed")
    VENUE = "venue", _("venue changed")
    CANCEL = "cancel", _("cancelled")


class ReasonCategory(models.TextChoices):
    EPIDEMIC = "epidemic", _("epidemic restrictions")
    TRAINER_UNAVAILABLE = "trainer_unavailable", _("trainer unavailable")
    TOO_FEW_REGISTRATIONS = "too_few_registrations", _("too few registrations")
    VENUE_UNAVAILABLE = "venue_unavailable", _("venue unavailable")
    OTHER = "other", _("other")


class EventChange(models.Model):
    """A change of plan: what changed, why, who and when (shown as the event's history)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="changes")
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="changes"
    )
    change_type = models.CharField(_("change"), max_length=12, choices=ChangeType.choices)
    reason_category = models.CharField(_("reason"), max_length=24, choices=ReasonCategory.choices)
    reason = models.TextField(_("reason in words"), blank=True)
    before = models.JSONField(_("before"), default=dict)
    after = models.JSONField(_("after"), default=dict)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("change of plan")
        verbose_name_plural = _("changes of plan")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.event}: {self.get_change_type_display()}"
