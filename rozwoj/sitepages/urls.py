from django.urls import path

from . import views

app_name = "sitepages"

urlpatterns = [
    path("accessibility/", views.accessibility_view, name="accessibility"),
    path("accessibility/edit/", views.accessibility_edit_view, name="accessibility_edit"),
    path("privacy/", views.privacy_view, name="privacy"),
    path("privacy/edit/", views.privacy_edit_view, name="privacy_edit"),
    path("contact/", views.contact_view, name="contact"),
    path("contact/edit/", views.contact_edit_view, name="contact_edit"),
]
