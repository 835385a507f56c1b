"""Administrators edit the list of categories and tags here; posts are written on the news pages (their services
check the editor right and keep the versions)."""

from django.contrib import admin

from rozwoj.core.admin import ModelAdmin

from .models import Category, Tag


@admin.register(Category)
class CategoryAdmin(ModelAdmin):
    list_display = ("name_pl", "name_en", "slug", "order")
    search_fields = ("name_pl", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(Tag)
class TagAdmin(ModelAdmin):
    list_display = ("name",)
    search_fields = ("name",)
