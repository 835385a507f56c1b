from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "rozwoj.organisations"
    verbose_name = _("Local governments and organisations")
