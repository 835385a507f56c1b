"""The advisory section of a programme's page (rozwoj.core.related): the coordinator's links, no query."""

from rozwoj.accounts.permissions import is_coordinator
from rozwoj.core.related import register_section


def programme_advisory(request, programme):
    if not is_coordinator(request.user):
        return None
    return {"programme": programme}


def register() -> None:
    register_section(
        "programmes.programme",
        key="advisory",
        template="advisory/partials/programme_section.html",
        context=programme_advisory,
        order=40,
    )
