from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "rozwoj.partnerships"
    verbose_name = _("Partnerships")

    def ready(self) -> None:
        from .related import register

        register()  # the link to the partnership workspace on a programme's page
