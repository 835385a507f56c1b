from django.urls import path, re_path

from .views import local_governments

app_name = "local_governments"
urlpatterns = [
    path("", local_governments.local_government_list, name="list"),
    path("suggest/", local_governments.local_government_suggest, name="suggest"),
    re_path(r"^(?P<terc>\d{2}|\d{4}|\d{7})/$", local_governments.local_government_detail, name="detail"),
]
