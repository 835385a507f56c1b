from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "rozwoj.events"
    verbose_name = _("Trainings and meetings")

    def ready(self) -> None:
        from rozwoj.core.participation import register_programme_participation
        from rozwoj.people.models import keep_sort_key_copy

        from .participation import programmes_taken_part_in

        register_programme_participation(programmes_taken_part_in)
        # Registrations keep their person's sort key (the participant lists' order): renames reach them.
        keep_sort_key_copy("events.Registration")
