from .views import manage, public

app_name = "surveys"

urlpatterns = [*public.urlpatterns, *manage.urlpatterns]
