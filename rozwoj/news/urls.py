from django.urls import path

from . import feeds, views

app_name = "news"

urlpatterns = [
    path("", views.post_list, name="list"),
    path("feed/rss/", feeds.NewsFeed(), name="feed_rss"),
    path("feed/atom/", feeds.AtomNewsFeed(), name="feed_atom"),
    path("category/<slug:slug>/rss/", feeds.CategoryFeed(), name="category_rss"),
    path("category/<slug:slug>/atom/", feeds.CategoryAtomFeed(), name="category_atom"),
    path("programme/<int:pk>/rss/", feeds.ProgrammeFeed(), name="programme_rss"),
    path("programme/<int:pk>/atom/", feeds.ProgrammeAtomFeed(), name="programme_atom"),
    path("event/<int:pk>/", views.event_news, name="event_news"),
    path("manage/", views.manage_list, name="manage"),
    path("manage/categories/", views.category_list, name="categories"),
    path("manage/categories/<int:pk>/edit/", views.category_edit, name="category_edit"),
    path("manage/categories/<int:pk>/delete/", views.category_delete, name="category_delete"),
    path("new/", views.post_create, name="create"),
    path("<int:pk>/", views.post_detail, name="detail"),
    path("<int:pk>/edit/", views.post_edit, name="edit"),
    path("<int:pk>/manage/", views.manage_post, name="manage_post"),
    path("<int:pk>/status/", views.post_status, name="status"),
    path("<int:pk>/gallery/<int:photo_pk>/", views.photo_page, name="photo_page"),
    path("<int:pk>/photos/<int:photo_pk>/", views.photo_file, name="photo"),
    path("<int:pk>/photos/<int:photo_pk>/edit/", views.photo_edit, name="photo_edit"),
    path("<int:pk>/photos/<int:photo_pk>/delete/", views.photo_delete, name="photo_delete"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment_file, name="attachment"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/delete/", views.attachment_delete, name="attachment_delete"
    ),
]
