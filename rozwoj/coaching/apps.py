from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachingConfig(AppConfig):
    name = "rozwoj.coaching"
    verbose_name = _("Coaching")

    def ready(self) -> None:
        from rozwoj.surveys.audiences import register_audience

        from . import checks  # noqa: F401  (registers the system check)
        from .audiences import PILOT_GROUPS

        register_audience(PILOT_GROUPS)
