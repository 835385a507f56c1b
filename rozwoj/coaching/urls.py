from .views import urlpatterns

app_name = "coaching"

__all__ = ["urlpatterns"]
