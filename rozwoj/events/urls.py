"""Each area of the events app keeps its own URL list in its views module; they are joined here."""

from .views import attendance, calendars, events, feedback, materials, registrations

app_name = "events"
urlpatterns = (
    events.urlpatterns
    + registrations.urlpatterns
    + attendance.urlpatterns
    + materials.urlpatterns
    + calendars.urlpatterns
    + feedback.urlpatterns
)
