from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandbooksConfig(AppConfig):
    name = "rozwoj.handbooks"
    verbose_name = _("Handbooks")

    def ready(self) -> None:
        from .related import register

        register()  # the chapters on a technique's page, the handbook on a programme's page
