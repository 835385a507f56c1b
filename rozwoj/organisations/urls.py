from django.urls import path

from .views import organisations, venues

app_name = "organisations"
urlpatterns = [
    path("", organisations.organisation_list, name="list"),
    path("new/", organisations.organisation_create_view, name="create"),
    path("options/", organisations.organisation_options, name="options"),
    path("<int:pk>/", organisations.organisation_detail, name="detail"),
    path("<int:pk>/edit/", organisations.organisation_edit_view, name="edit"),
    path("venues/", venues.venue_list, name="venue_list"),
    path("venues/new/", venues.venue_create_view, name="venue_create"),
    path("venues/<int:pk>/", venues.venue_detail, name="venue_detail"),
    path("venues/<int:pk>/edit/", venues.venue_edit_view, name="venue_edit"),
]
