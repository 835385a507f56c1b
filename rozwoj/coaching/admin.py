"""The Django admin shows coaching records without private notes: the encrypted column is in no form, list or
read-only field (Session.private_notes_token is not editable and is excluded here)."""

from django.contrib import admin

from rozwoj.core.admin import ModelAdmin, TabularInline

from .models import Agreement, Goal, PilotGroup, PilotGroupMember, Session, SupervisionRequirement, Technique


@admin.register(Technique)
class TechniqueAdmin(ModelAdmin):
    list_display = ("name", "language", "visibility")
    list_filter = ("language", "visibility")
    search_fields = ("name",)


class MemberInline(TabularInline):
    model = PilotGroupMember
    raw_id_fields = ("person",)
    extra = 0


@admin.register(PilotGroup)
class PilotGroupAdmin(ModelAdmin):
    list_display = ("name", "programme", "partner", "country", "capacity")
    list_select_related = ("programme", "partner")
    raw_id_fields = ("programme", "partner")
    filter_horizontal = ("coaches",)
    inlines = [MemberInline]


class GoalInline(TabularInline):
    model = Goal
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(ModelAdmin):
    list_display = ("coachee", "coach", "start_date", "sessions_planned")
    list_select_related = ("coachee", "coach__person")
    raw_id_fields = ("coach", "coachee", "programme", "pilot_group", "feedback_questionnaire")
    inlines = [GoalInline]


@admin.register(Session)
class SessionAdmin(ModelAdmin):
    list_display = ("agreement", "held_on", "duration_minutes", "mode")
    list_select_related = ("agreement__coachee", "agreement__coach__person")
    raw_id_fields = ("agreement",)
    filter_horizontal = ("techniques",)
    exclude = ("private_notes_token",)


@admin.register(SupervisionRequirement)
class SupervisionRequirementAdmin(ModelAdmin):
    list_display = ("hours_per_year", "practice_hours_per_supervision_hour")
