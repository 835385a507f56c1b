"""Registrations, attendance at sessions and certificates."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rozwoj.core.files import PrivateUploadTo
from rozwoj.core.models import TimeStampedModel
from rozwoj.people.models import Person

from .event import AttendanceMode, Event
from .session import Session


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


class RegistrationQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """Copies each person's sort key onto the new registrations (one query for those without it)."""
        objs = list(objs)
        missing = {obj.person_id for obj in objs if not obj.person_sort_key}
        if missing:
            keys = dict(Person.objects.filter(pk__in=missing).values_list("pk", "sort_key"))
            for obj in objs:
                if not obj.person_sort_key:
                    obj.person_sort_key = keys.get(obj.person_id, "")
        return super().bulk_create(objs, *args, **kwargs)


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
    # The person's `sort_key`, copied so that an event's list is read alphabetically from the index (event, key)
    # without joining the registry: set when the registration is made, kept by Person.save() (EventsConfig.ready).
    person_sort_key = models.CharField(max_length=255, editable=False, default="")

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="registration_one_per_person")
        ]
        indexes = [
            models.Index(fields=["event", "status", "mode", "created_at"]),
            models.Index(fields=["event", "person_sort_key", "id"], name="registration_by_name_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.event}"

    def save(self, *args, **kwargs):
        if self._state.adding and not self.person_sort_key:
            self.person_sort_key = self.person.sort_key
        super().save(*args, **kwargs)


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
