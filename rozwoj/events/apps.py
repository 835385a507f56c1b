from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "rozwoj.events"
    verbose_name = _("Trainings and meetings")

    def ready(self) -> None:
        from rozwoj.core.participation import register_programme_participation

        from .participation import programmes_taken_part_in

        register_programme_participation(programmes_taken_part_in)
