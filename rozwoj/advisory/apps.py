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
            evaluation,  # noqa: F401 - registers the evaluation stage's gate
            hdr,  # noqa: F401 - registers the gates of the HDR and of the implementation directions
            monitoring,  # noqa: F401 - registers the monitoring stage's gate
        )
