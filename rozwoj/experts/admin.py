from django.contrib import admin

from rozwoj.core.admin import ModelAdmin, TabularInline

from .models import Competence, CompetenceAssessment, ExpertProfile, ExpertSpecialisation


class ExpertSpecialisationInline(TabularInline):
    model = ExpertSpecialisation
    extra = 0


class CompetenceAssessmentInline(TabularInline):
    model = CompetenceAssessment
    extra = 0
    raw_id_fields = ["competence"]


@admin.register(ExpertProfile)
class ExpertProfileAdmin(ModelAdmin):
    list_display = ["person", "is_active"]
    list_select_related = ["person"]
    list_filter = ["is_active", "specialisations__specialisation"]
    search_fields = ["person__last_name", "person__first_name", "person__email"]
    raw_id_fields = ["person"]
    filter_horizontal = ["regions"]
    inlines = [ExpertSpecialisationInline, CompetenceAssessmentInline]


@admin.register(Competence)
class CompetenceAdmin(ModelAdmin):
    list_display = ["name", "specialisation", "order", "is_active"]
    list_filter = ["specialisation", "is_active"]
    search_fields = ["name"]


@admin.register(CompetenceAssessment)
class CompetenceAssessmentAdmin(ModelAdmin):
    list_display = ["profile", "competence", "level"]
    list_select_related = ["profile__person", "competence"]
    raw_id_fields = ["profile", "competence"]


@admin.register(ExpertSpecialisation)
class ExpertSpecialisationAdmin(ModelAdmin):
    list_display = ["profile", "specialisation"]
    list_select_related = ["profile__person"]
    list_filter = ["specialisation"]
    raw_id_fields = ["profile"]
