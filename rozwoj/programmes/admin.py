from django.contrib import admin
from django.db.models import Count

from rozwoj.core.admin import ModelAdmin, TabularInline

from .models import Indicator, PlannedResult, Programme, ProgrammePartner


class ProgrammePartnerInline(TabularInline):
    model = ProgrammePartner
    extra = 1


class PlannedResultInline(TabularInline):
    model = PlannedResult
    extra = 1


class IndicatorInline(TabularInline):
    model = Indicator
    extra = 1


@admin.register(Programme)
class ProgrammeAdmin(ModelAdmin):
    list_display = (
        "name",
        "acronym",
        "funding_programme",
        "status",
        "start_date",
        "end_date",
        "is_public",
        "partner_count",
    )
    list_filter = ("status", "is_public", "is_demo")
    search_fields = ("name", "acronym", "funding_programme", "agreement_number")
    list_select_related = ("lead_institution",)
    date_hierarchy = "start_date"
    inlines = (ProgrammePartnerInline, PlannedResultInline, IndicatorInline)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_partner_count=Count("partners"))

    @admin.display(description=ProgrammePartner._meta.verbose_name_plural, ordering="_partner_count")
    def partner_count(self, obj):
        return obj._partner_count
