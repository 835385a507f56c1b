from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "rozwoj.news"
    verbose_name = _("News")

    def ready(self) -> None:
        from .related import register

        register()  # the news section of programme and event pages
