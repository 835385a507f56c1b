from django.urls import include, path

from .views import calls, dashboards, engagements, programme_settings
from .views import matching as team_matching

app_name = "advisory"
urlpatterns = [
    path("calls/", calls.call_list, name="calls"),
    path("calls/new/", calls.call_create, name="call_create"),
    path("calls/<int:pk>/", calls.call_detail, name="call"),
    path("calls/<int:pk>/edit/", calls.call_edit, name="call_edit"),
    path("calls/<int:pk>/apply/", calls.apply, name="apply"),
    path("calls/<int:pk>/teams/", include(team_matching.urlpatterns)),
    path("applications/<int:pk>/", calls.application_detail, name="application"),
    path("engagements/", engagements.engagement_list, name="engagements"),
    path("engagements/<int:pk>/", engagements.engagement_detail, name="engagement"),
    path("engagements/<int:pk>/team/", engagements.engagement_team, name="engagement_team"),
    path("engagements/<int:pk>/support-area/", engagements.support_area_choose, name="support_area"),
    path("engagements/<int:pk>/diagnosis/send/", engagements.diagnosis_send, name="diagnosis_send"),
    path("engagements/<int:pk>/findings/", engagements.finding_add, name="finding_add"),
    path("engagements/<int:pk>/priorities/", engagements.priority_add, name="priority_add"),
    path("engagements/<int:pk>/log/", engagements.engagement_log, name="log"),
    path("engagements/<int:pk>/log/new/", engagements.log_create, name="log_create"),
    path("stages/<int:pk>/", engagements.stage_edit, name="stage"),
    path("priorities/<int:pk>/move/", engagements.priority_move, name="priority_move"),
    path("log/<int:pk>/", engagements.log_edit, name="log_edit"),
    path("log/<int:pk>/delete/", engagements.log_delete, name="log_delete"),
    path("programmes/<int:pk>/settings/", programme_settings.settings_edit, name="programme_settings"),
    path("dashboard/", dashboards.dashboard, name="dashboard"),
    path("dashboard/<slug:kind>.<str:fmt>", dashboards.dashboard_export, name="dashboard_export"),
    path("follow-ups/<int:pk>/done/", engagements.follow_up_done, name="follow_up_done"),
]
