from .views import urlpatterns

app_name = "partnerships"

__all__ = ["urlpatterns"]
