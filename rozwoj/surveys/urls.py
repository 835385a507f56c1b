"""Each area of the surveys app keeps its own URL list in its views module; they are joined here."""

from .views import results

app_name = "surveys"
urlpatterns = results.urlpatterns
