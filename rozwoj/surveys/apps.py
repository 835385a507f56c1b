from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "rozwoj.surveys"
    verbose_name = _("Questionnaires")

    def ready(self) -> None:
        from . import signals

        signals.connect()
