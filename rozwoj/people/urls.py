from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("new/", views.person_create, name="create"),
    path("me/", views.person_me, name="me"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("<int:pk>/memberships/new/", views.membership_add, name="membership_add"),
    path("memberships/<int:pk>/edit/", views.membership_edit, name="membership_edit"),
    path("memberships/<int:pk>/delete/", views.membership_delete, name="membership_delete"),
    path("<int:pk>/login/", views.grant_login, name="grant_login"),
    path("<int:pk>/roles/", views.person_roles, name="roles"),
    path("<int:pk>/export/", views.person_export, name="export"),
    path("<int:pk>/erase/", views.person_erase, name="erase"),
]
