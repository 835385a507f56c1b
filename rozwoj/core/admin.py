"""The bases of every ModelAdmin and inline of the project: their form fields carry the model's limits
(`rozwoj.core.forms.limit_form_field`), so the admin answers a field error, never a 500, to an impossible value."""

from django.contrib import admin

from .forms import LimitedAdminMixin


class ModelAdmin(LimitedAdminMixin, admin.ModelAdmin):
    pass


class TabularInline(LimitedAdminMixin, admin.TabularInline):
    pass


class StackedInline(LimitedAdminMixin, admin.StackedInline):
    pass
