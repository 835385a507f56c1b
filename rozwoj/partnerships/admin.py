from django.contrib import admin

from rozwoj.core.admin import ModelAdmin, TabularInline

from .models import CostCall, PartnerReport, ReportPeriod, UnitCost


class UnitCostInline(TabularInline):
    model = UnitCost
    extra = 0


@admin.register(CostCall)
class CostCallAdmin(ModelAdmin):
    list_display = ["name", "to_verify"]
    inlines = [UnitCostInline]


@admin.register(ReportPeriod)
class ReportPeriodAdmin(ModelAdmin):
    list_display = ["title", "programme", "starts_on", "ends_on", "due_on"]
    list_select_related = ["programme"]


@admin.register(PartnerReport)
class PartnerReportAdmin(ModelAdmin):
    list_display = ["period", "organisation", "status"]
    list_select_related = ["period", "organisation"]
    list_filter = ["status"]
    raw_id_fields = ["period", "organisation"]
