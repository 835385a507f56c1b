from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvisoryConfig(AppConfig):
    name = "rozwoj.advisory"
    verbose_name = _("Advisory for local governments")

    def ready(self) -> None:
        from . import signals
        from .related import register

        register()
        signals.connect()
        from .services import (
            hdr,  # noqa: F401 - registers the HDR stage's gate
            monitoring,  # noqa: F401 - registers the monitoring stage's gate
        )
