from django.urls import path

from . import views

app_name = "handbooks"

urlpatterns = [
    path("", views.handbook_list, name="list"),
    path("new/", views.handbook_create, name="create"),
    path("<int:pk>/", views.handbook_detail, name="handbook"),
    path("<int:pk>/parts/new/", views.part_create, name="part_create"),
    path("<int:pk>/chapters/new/", views.chapter_create, name="chapter_create"),
    path("<int:pk>/publish/", views.handbook_publish, name="publish"),
    path("<int:pk>/export/", views.export_request, name="export_request"),
    path("exports/<int:pk>/", views.export_status, name="export"),
    path("exports/<int:pk>/download/", views.export_download, name="export_download"),
    path("exports/<int:pk>/library/", views.export_to_library, name="export_library"),
    path("chapters/<int:pk>/", views.chapter_detail, name="chapter"),
    path("chapters/<int:pk>/settings/", views.chapter_settings, name="chapter_settings"),
    path("chapters/<int:pk>/edit/", views.chapter_edit, name="chapter_edit"),
    path("chapters/<int:pk>/status/", views.chapter_status, name="chapter_status"),
    path("chapters/<int:pk>/translations/<str:language>/", views.translation_edit, name="translation_edit"),
    path("chapters/<int:pk>/versions/", views.chapter_versions, name="versions"),
    path("chapters/<int:pk>/comments/", views.comment_add, name="comment_add"),
    path("comments/<int:pk>/resolve/", views.comment_resolve, name="comment_resolve"),
    path("public/<int:pk>/", views.public_handbook, name="public"),
    path("public/chapters/<int:pk>/", views.public_chapter, name="public_chapter"),
]
