"""The event aggregate: kinds, the event itself and its trainers."""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from rozwoj.core.models import MAX_PLACES, TimeStampedModel
from rozwoj.organisations.models import Organisation
from rozwoj.people.models import Person
from rozwoj.programmes.models import Programme

MAX_REMINDER_DAYS = 60


class EventKind(models.Model):
    """Kind of event (training, workshop, debate…); coordinators extend the list."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name (Polish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("kind of event")
        verbose_name_plural = _("kinds of event")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        if translation.get_language() == "en" and self.name_en:
            return self.name_en
        return self.name


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PLANNED = "planned", _("planned")
    REGISTRATION_OPEN = "registration_open", _("registration open")
    REGISTRATION_CLOSED = "registration_closed", _("registration closed")
    HELD = "held", _("held")
    CANCELLED = "cancelled", _("cancelled")


class Format(models.TextChoices):
    ON_SITE = "on_site", _("on site")
    ONLINE = "online", _("online")
    HYBRID = "hybrid", _("hybrid")


class AttendanceMode(models.TextChoices):
    ON_SITE = "on_site", _("on site")
    ONLINE = "online", _("online")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("public")
    INTERNAL = "internal", _("internal")


class Event(TimeStampedModel):
    """A training or meeting made of one or more sessions (zjazdy)."""

    kind = models.ForeignKey(
        EventKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="events"
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    organiser = models.ForeignKey(
        Organisation, verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="organised_events"
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown; HTML is sanitised."))
    audience_roles = models.JSONField(
        _("who may register (roles)"),
        default=list,
        blank=True,
        help_text=_("Empty: anybody with an account."),
    )
    audience_organisation_kinds = models.JSONField(
        _("who may register (kinds of organisation)"),
        default=list,
        blank=True,
        help_text=_("Empty: any organisation."),
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=24, choices=EventStatus.choices, default=EventStatus.DRAFT, db_index=True
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC, db_index=True
    )
    # Registration rules
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    cancellation_deadline = models.DateTimeField(_("self-cancellation possible until"), null=True, blank=True)
    requires_approval = models.BooleanField(_("registrations need approval"), default=False)
    online_capacity = models.PositiveIntegerField(
        _("online places"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_PLACES)],
        help_text=_("Empty: no limit for online participants."),
    )
    onsite_seats = models.PositiveIntegerField(
        _("on-site seats"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_PLACES)],
        help_text=_(
            "For every on-site or hybrid session without a number of its own. "
            "Empty: each session's number, else the capacity of its venue."
        ),
    )
    completion_threshold = models.PositiveSmallIntegerField(
        _("completion rule: minimum share of hours attended (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    reminder_days_before = models.PositiveSmallIntegerField(
        _("send a reminder this many days before the first session"),
        default=3,
        validators=[MaxValueValidator(MAX_REMINDER_DAYS)],
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Calendar identity: the same UID across updates, SEQUENCE raised on every change of plan.
    ical_uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    ical_sequence = models.PositiveIntegerField(default=0, editable=False)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["programme", "status"]),
            models.Index(fields=["organiser", "status"]),
            models.Index(fields=["kind", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(registration_closes_at__isnull=True)
                | Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__gt=F("registration_opens_at")),
                name="event_registration_window_ordered",
            ),
            models.CheckConstraint(
                condition=Q(completion_threshold__gte=1) & Q(completion_threshold__lte=100),
                name="event_completion_threshold_range",
            ),
            models.CheckConstraint(
                condition=Q(reminder_days_before__gte=0) & Q(reminder_days_before__lte=MAX_REMINDER_DAYS),
                name="event_reminder_days_range",
            ),
            models.CheckConstraint(
                condition=Q(online_capacity__isnull=True) | Q(online_capacity__lte=MAX_PLACES),
                name="event_online_capacity_bounded",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class EventTrainer(models.Model):
    class Role(models.TextChoices):
        TRAINER = "trainer", _("trainer")
        SPEAKER = "speaker", _("speaker")
        MODERATOR = "moderator", _("moderator")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="trainers")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.TRAINER)

    class Meta:
        verbose_name = _("trainer or speaker")
        verbose_name_plural = _("trainers and speakers")
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="event_trainer_unique")]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"
