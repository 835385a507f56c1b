from django.contrib import admin

from rozwoj.core.admin import ModelAdmin, TabularInline

from .models import Membership, Person


class MembershipInline(TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Person)
class PersonAdmin(ModelAdmin):
    list_display = ["last_name", "first_name", "email", "user", "is_demo"]
    list_filter = ["is_demo", "sex"]
    search_fields = ["last_name", "first_name", "email"]
    raw_id_fields = ["user"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(ModelAdmin):
    list_display = ["person", "organisation", "position", "start_date", "end_date"]
    list_select_related = ["person", "organisation"]
    search_fields = ["person__last_name", "person__email", "organisation__name"]
    raw_id_fields = ["person", "organisation"]
