from django.contrib import admin

from rozwoj.core.admin import ModelAdmin

from .models import LocalGovernment, Organisation, Venue


@admin.register(LocalGovernment)
class LocalGovernmentAdmin(ModelAdmin):
    """The registry comes from GUS TERYT (`manage.py import_teryt`): read-only here."""

    list_display = ("terc", "name", "kind", "parent", "voivodeship", "registry_date")
    list_filter = ("kind", "voivodeship")
    search_fields = ("terc", "name", "name_search")
    list_select_related = ("parent", "voivodeship")
    readonly_fields = ("terc", "name", "kind", "parent", "voivodeship", "registry_date", "name_search")
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Organisation)
class OrganisationAdmin(ModelAdmin):
    list_display = ("name", "acronym", "kind", "country", "city", "local_government", "is_demo")
    list_filter = ("kind", "country", "is_demo")
    search_fields = ("name", "acronym", "regon", "rspo", "city")
    list_select_related = ("local_government",)
    raw_id_fields = ("local_government",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(Venue)
class VenueAdmin(ModelAdmin):
    list_display = ("name", "city", "country", "capacity", "organisation", "is_demo")
    list_filter = ("country", "is_demo")
    search_fields = ("name", "city", "address")
    list_select_related = ("organisation",)
    raw_id_fields = ("organisation", "local_government")
    readonly_fields = ("created_at", "updated_at")
