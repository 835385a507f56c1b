"""The events app's section of the visitors' home page: trainings and meetings open for registration."""

from rozwoj.core.home import HomeSection, register_home_section

from .selectors.dashboard import open_for_registration_to

register_home_section(
    HomeSection(
        key="events",
        order=10,
        template="events/home/_open_for_registration.html",
        items=lambda user: open_for_registration_to(user, limit=6),
        stamps=("events",),  # bumped by every change of an event that the search index follows
        per_minute=True,  # registration opens and closes by date, trainings start
    )
)
