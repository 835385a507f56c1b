from django.contrib import admin

from rozwoj.core.admin import ModelAdmin, TabularInline

from .models import (
    AdviserCapacity,
    AdvisorySettings,
    Application,
    ApplicationMember,
    Call,
    ConflictOfInterest,
    Engagement,
    EngagementMember,
    EngagementStage,
    FollowUp,
    ManagementTool,
    ProgrammeStage,
    SupportArea,
    SupportForm,
    SupportLogEntry,
)


@admin.register(SupportArea)
class SupportAreaAdmin(ModelAdmin):
    list_display = ["name", "order", "is_active"]
    list_editable = ["order", "is_active"]
    filter_horizontal = ["competences"]


@admin.register(SupportForm)
class SupportFormAdmin(ModelAdmin):
    list_display = ["name", "is_cycle_wide", "order", "is_active"]
    list_editable = ["order", "is_active"]


@admin.register(ManagementTool)
class ManagementToolAdmin(ModelAdmin):
    list_display = ["name", "is_active"]
    search_fields = ["name"]


class ProgrammeStageInline(TabularInline):
    model = ProgrammeStage
    extra = 0


@admin.register(AdvisorySettings)
class AdvisorySettingsAdmin(ModelAdmin):
    list_display = ["programme", "ros_role_name", "pro_role_name"]
    raw_id_fields = ["programme"]


@admin.register(ProgrammeStage)
class ProgrammeStageAdmin(ModelAdmin):
    list_display = ["programme", "kind", "name", "is_enabled"]
    raw_id_fields = ["programme"]


@admin.register(Call)
class CallAdmin(ModelAdmin):
    list_display = ["title", "programme", "opens_on", "closes_on", "places", "accepted_count", "is_published"]
    list_select_related = ["programme"]
    raw_id_fields = ["programme"]
    filter_horizontal = ["eligible_voivodeships"]


class ApplicationMemberInline(TabularInline):
    model = ApplicationMember
    extra = 0


@admin.register(Application)
class ApplicationAdmin(ModelAdmin):
    list_display = ["local_government", "call", "status", "created_at"]
    list_select_related = ["local_government", "call"]
    list_filter = ["status"]
    raw_id_fields = ["call", "local_government", "preferred_area"]
    inlines = [ApplicationMemberInline]


class EngagementMemberInline(TabularInline):
    model = EngagementMember
    extra = 0
    raw_id_fields = ["person"]


class EngagementStageInline(TabularInline):
    model = EngagementStage
    extra = 0


@admin.register(Engagement)
class EngagementAdmin(ModelAdmin):
    list_display = ["local_government", "call", "status"]
    list_select_related = ["local_government", "call"]
    list_filter = ["status"]
    raw_id_fields = [
        "call",
        "local_government",
        "application",
        "ros_expert",
        "pro_expert",
        "diagnosis_questionnaire",
    ]
    inlines = [EngagementMemberInline, EngagementStageInline]


class FollowUpInline(TabularInline):
    model = FollowUp
    extra = 0
    raw_id_fields = ["owner"]


@admin.register(SupportLogEntry)
class SupportLogEntryAdmin(ModelAdmin):
    list_display = ["engagement", "form", "date", "hours"]
    list_select_related = ["engagement__local_government", "engagement__call", "form"]
    raw_id_fields = ["engagement", "event", "experts", "attendees", "author"]
    inlines = [FollowUpInline]


@admin.register(AdviserCapacity)
class AdviserCapacityAdmin(ModelAdmin):
    list_display = ["expert", "engagements_at_once"]
    list_select_related = ["expert__person"]
    raw_id_fields = ["expert"]


@admin.register(ConflictOfInterest)
class ConflictOfInterestAdmin(ModelAdmin):
    list_display = ["expert", "local_government", "reason"]
    list_select_related = ["expert__person", "local_government"]
    raw_id_fields = ["expert", "local_government"]
