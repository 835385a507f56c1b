"""The partnership section of a programme's page (rozwoj.core.related): a link to its workspace for the
coordinators and the partner members of the programme."""

from rozwoj.core.related import register_section

from .selectors.access import is_staff, own_organisation_ids


def programme_workspace(request, programme):
    user = request.user
    if not (is_staff(user) or own_organisation_ids(user, programme)):
        return None
    return {"programme": programme}


def register() -> None:
    register_section(
        "programmes.programme",
        key="partnerships",
        template="partnerships/partials/programme_workspace.html",
        context=programme_workspace,
        order=40,
    )
