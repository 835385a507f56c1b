from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachingConfig(AppConfig):
    name = "rozwoj.coaching"
    verbose_name = _("Coaching")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system check)
