from django.urls import path

from . import views

app_name = "experts"
urlpatterns = [
    path("", views.expert_list, name="list"),
    path("new/", views.expert_create, name="create"),
    path("me/", views.expert_me, name="me"),
    path("<int:pk>/", views.expert_detail, name="detail"),
    path("<int:pk>/edit/", views.expert_edit, name="edit"),
    path("<int:pk>/assessment/", views.expert_assessment, name="assessment"),
    path("competences/", views.competence_list, name="competence_list"),
    path("competences/new/", views.competence_create, name="competence_create"),
    path("competences/<int:pk>/edit/", views.competence_edit, name="competence_edit"),
    path("competences/<int:pk>/delete/", views.competence_delete, name="competence_delete"),
]
