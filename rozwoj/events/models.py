import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rozwoj.core.files import PrivateUploadTo
from rozwoj.core.models import MAX_PLACES, TimeStampedModel
from rozwoj.organisations.models import Organisation, Venue
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
        help_text=_("Empty: the capacity of the venue."),
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


class AttendanceMode(models.TextChoices):
    ON_SITE = "on_site", _("on site")
    ONLINE = "online", _("online")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("awaiting approval")
    CONFIRMED = "confirmed", _("confirmed")
    WAITING = "waiting", _("on the waiting list")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "cancelled")
    REJECTED = "rejected", _("rejected")


ACTIVE_REGISTRATION_STATUSES = (
    RegistrationStatus.PENDING,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITING,
)


class Registration(TimeStampedModel):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(
        Person, verbose_name=_("participant"), on_delete=models.PROTECT, related_name="registrations"
    )
    mode = models.CharField(_("taking part"), max_length=10, choices=AttendanceMode.choices)
    online_if_full = models.BooleanField(_("take part online if no on-site place is left"), default=False)
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices, db_index=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="registration_one_per_person")
        ]
        indexes = [models.Index(fields=["event", "status", "mode", "created_at"])]

    def __str__(self) -> str:
        return f"{self.person} — {self.event}"


class AttendanceStatus(models.TextChoices):
    PRESENT_ON_SITE = "present_on_site", _("present on site")
    PRESENT_ONLINE = "present_online", _("present online")
    ABSENT = "absent", _("absent")
    EXCUSED = "excused", _("excused")


PRESENT_STATUSES = (AttendanceStatus.PRESENT_ON_SITE, AttendanceStatus.PRESENT_ONLINE)


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(_("attendance"), max_length=16, choices=AttendanceStatus.choices)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["session", "registration"], name="attendance_unique")]

    def __str__(self) -> str:
        return f"{self.registration.person}: {self.get_status_display()}"


class Certificate(models.Model):
    registration = models.OneToOneField(Registration, on_delete=models.PROTECT, related_name="certificate")
    code = models.CharField(_("certificate code"), max_length=20, unique=True)
    hours = models.DecimalField(_("hours attended"), max_digits=6, decimal_places=2)
    language = models.CharField(_("language"), max_length=10)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.code


class MaterialVisibility(models.TextChoices):
    PUBLIC = "public", _("everyone")
    PARTICIPANTS = "participants", _("participants")
    STAFF = "staff", _("coordinators and trainers")


class EventAttachment(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=PrivateUploadTo("events/attachments"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"), editable=False)
    content_type = models.CharField(max_length=100, editable=False)
    visibility = models.CharField(
        _("visible to"),
        max_length=14,
        choices=MaterialVisibility.choices,
        default=MaterialVisibility.PARTICIPANTS,
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title


class EventPhoto(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        _("photo"),
        upload_to=PrivateUploadTo("events/photos"),
        max_length=255,
        width_field="width",
        height_field="height",
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    visibility = models.CharField(
        _("visible to"), max_length=14, choices=MaterialVisibility.choices, default=MaterialVisibility.PUBLIC
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["order", "id"]
        constraints = [models.CheckConstraint(condition=~Q(alt_text=""), name="photo_alt_text_required")]

    def __str__(self) -> str:
        return self.alt_text


class CalendarFeed(models.Model):
    """A personal iCal feed behind a secret token; revoking it issues a new one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.user}"


class AttendanceListFile(models.Model):
    """An attendance list PDF prepared in the background: WeasyPrint lays out about 160 rows a second, so the
    list of a large event takes longer than a web request may last."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance_list_files")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(max_length=10)
    file = models.FileField(upload_to=PrivateUploadTo("events/attendance-lists"), max_length=255, blank=True)
    rows = models.PositiveIntegerField(_("participants"), default=0)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)

    class Meta:
        verbose_name = _("prepared attendance list")
        verbose_name_plural = _("prepared attendance lists")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.session} ({self.created_at:%Y-%m-%d %H:%M})"


from .models_feedback import EventFeedback as EventFeedback  # noqa: E402  (re-exported: a training's feedback questionnaire)
