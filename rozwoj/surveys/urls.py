from .views import manage, public, results

app_name = "surveys"

urlpatterns = [*public.urlpatterns, *manage.urlpatterns, *results.urlpatterns]
