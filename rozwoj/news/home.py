"""The news app's section of the home page: the latest published posts (also on a signed-in user's start page)."""

from django.utils.translation import get_language

from rozwoj.core.home import HomeSection, register_home_section

from .selectors import latest_public

register_home_section(
    HomeSection(
        key="news",
        order=20,
        template="news/home/_latest.html",
        items=lambda user: latest_public(language=get_language() or "pl", limit=4),
        for_signed_in=True,
        stamps=("news",),  # bumped by every publication, edit, archiving and scheduled publication
    )
)
