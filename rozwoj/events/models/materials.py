"""An event's materials: attachments and photos, each visible to whom it says."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rozwoj.core.files import PrivateUploadTo

from .event import Event


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
