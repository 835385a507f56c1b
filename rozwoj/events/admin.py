from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from rozwoj.core.admin import ModelAdmin, StackedInline, TabularInline

from .models import (
    AgendaItem,
    Attendance,
    AttendanceListFile,
    CalendarFeed,
    Certificate,
    Event,
    EventAttachment,
    EventChange,
    EventKind,
    EventOrganisation,
    EventPhoto,
    EventTrainer,
    Registration,
    Session,
)


@admin.register(EventKind)
class EventKindAdmin(ModelAdmin):
    list_display = ("name", "name_en", "code", "order")
    search_fields = ("name", "name_en", "code")


class EventTrainerInline(TabularInline):
    model = EventTrainer
    extra = 0
    raw_id_fields = ("person",)


class EventOrganisationInline(TabularInline):
    model = EventOrganisation
    extra = 0
    raw_id_fields = ("organisation",)


class SessionInline(StackedInline):
    model = Session
    extra = 0
    raw_id_fields = ("venue",)
    readonly_fields = ("planned_starts_at", "planned_ends_at", "planned_format", "planned_venue")


class EventChangeInline(TabularInline):
    model = EventChange
    extra = 0
    can_delete = False
    readonly_fields = (
        "session",
        "change_type",
        "reason_category",
        "reason",
        "before",
        "after",
        "actor",
        "created_at",
    )

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(ModelAdmin):
    list_display = ("title", "kind", "programme", "organiser", "status", "visibility", "is_demo")
    list_filter = ("status", "visibility", "kind", "is_demo")
    search_fields = ("title",)
    list_select_related = ("kind", "programme", "organiser")
    raw_id_fields = ("organiser", "programme")
    readonly_fields = ("ical_uid", "ical_sequence", "reminder_sent_at")
    inlines = [EventTrainerInline, EventOrganisationInline, SessionInline, EventChangeInline]


class AgendaItemInline(TabularInline):
    model = AgendaItem
    extra = 0
    raw_id_fields = ("trainer",)


@admin.register(Session)
class SessionAdmin(ModelAdmin):
    list_display = ("__str__", "event", "order", "starts_at", "ends_at", "format", "venue")
    list_filter = ("format",)
    search_fields = ("event__title", "title")
    list_select_related = ("event", "venue")
    raw_id_fields = ("event", "venue")
    readonly_fields = ("planned_starts_at", "planned_ends_at", "planned_format", "planned_venue")
    inlines = [AgendaItemInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The agenda changed here: the event page's cached sessions are keyed by the event's `updated_at`.
        Event.objects.filter(pk=form.instance.event_id).update(updated_at=timezone.now())


@admin.register(EventChange)
class EventChangeAdmin(ModelAdmin):
    list_display = ("event", "session", "change_type", "reason_category", "actor", "created_at")
    list_filter = ("change_type", "reason_category")
    list_select_related = ("event", "session", "actor")
    raw_id_fields = ("event", "session", "actor")


@admin.register(Registration)
class RegistrationAdmin(ModelAdmin):
    list_display = ("person", "event", "mode", "status", "created_at")
    list_filter = ("status", "mode")
    search_fields = ("person__last_name", "person__email", "event__title")
    list_select_related = ("person", "event")
    raw_id_fields = ("event", "person", "registered_by")


@admin.register(Attendance)
class AttendanceAdmin(ModelAdmin):
    list_display = ("registration", "session", "status", "marked_at")
    list_filter = ("status",)
    list_select_related = ("registration__person", "registration__event", "session")
    raw_id_fields = ("registration", "session", "marked_by")


@admin.register(Certificate)
class CertificateAdmin(ModelAdmin):
    list_display = ("code", "registration", "hours", "language", "issued_at")
    search_fields = ("code",)
    list_select_related = ("registration__person", "registration__event")
    raw_id_fields = ("registration",)


class StoredFileAdmin(ModelAdmin):
    """Files are added on the event's materials page (which checks type and size) and opened through the views
    that check access: the admin shows a link to that view instead of the storage path, and adds no files."""

    file_field = "file"
    file_view = ""

    def get_exclude(self, request, obj=None):
        return [self.file_field]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("file"))
    def stored_file(self, obj):
        if not getattr(obj, self.file_field):
            return "—"
        return format_html('<a href="{}">{}</a>', reverse(self.file_view, args=[obj.pk]), _("open"))


@admin.register(EventAttachment)
class EventAttachmentAdmin(StoredFileAdmin):
    list_display = ("title", "event", "visibility", "size", "created_at")
    list_filter = ("visibility",)
    raw_id_fields = ("event", "uploaded_by")
    readonly_fields = ("stored_file",)
    file_view = "events:attachment_download"


@admin.register(EventPhoto)
class EventPhotoAdmin(StoredFileAdmin):
    list_display = ("alt_text", "event", "visibility", "order")
    list_filter = ("visibility",)
    raw_id_fields = ("event",)
    readonly_fields = ("stored_file",)
    file_field = "image"
    file_view = "events:photo"


@admin.register(EventTrainer)
class EventTrainerAdmin(ModelAdmin):
    list_display = ("person", "event", "role")
    list_select_related = ("person", "event")
    raw_id_fields = ("person", "event")


@admin.register(CalendarFeed)
class CalendarFeedAdmin(ModelAdmin):
    list_display = ("user", "created_at")
    raw_id_fields = ("user",)
    readonly_fields = ("token",)


@admin.register(AttendanceListFile)
class AttendanceListFileAdmin(StoredFileAdmin):
    list_display = ["session", "requested_by", "rows", "created_at", "ready_at"]
    list_select_related = ["session__event", "requested_by"]
    raw_id_fields = ["session", "requested_by"]
    readonly_fields = ["stored_file", "created_at", "ready_at", "rows"]
    file_view = "events:attendance_list_file"
