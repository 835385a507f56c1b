"""The programmes app's section of the visitors' home page: the programmes the platform runs."""

from rozwoj.core.home import HomeSection, register_home_section

from .selectors import home_programmes

register_home_section(
    HomeSection(
        key="programmes",
        order=30,
        template="programmes/home/_programmes.html",
        items=lambda user: home_programmes(user, limit=6),
        stamps=("programmes",),
    )
)
