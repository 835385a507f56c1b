"""What each role's dashboard shows. Reads only, composed from the selectors of the domain apps."""

from django.db import connection
from django.db.models import Count

from rozwoj.events.selectors.dashboard import awaiting_approval, events_trained_by, open_for_registration_to
from rozwoj.events.selectors.reports import event_figures, upcoming_events_for
from rozwoj.experts.models import ExpertSpecialisation
from rozwoj.experts.selectors import expert_profile_for
from rozwoj.organisations.models import LocalGovernment, Organisation
from rozwoj.people.models import Person
from rozwoj.people.selectors import local_governments_of, organisations_of, person_for_user
from rozwoj.programmes.selectors import programme_counts, programmes_visible_to
from rozwoj.surveys.selectors.respondents import invitations_waiting


def registry_counts() -> dict[str, int]:
    """How many organisations, people and local governments the registry holds: one query, not three."""
    models = {"organisations": Organisation, "people": Person, "local_governments": LocalGovernment}
    counts = ", ".join(f"(SELECT COUNT(*) FROM {model._meta.db_table})" for model in models.values())  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")  # noqa: S608 — table names only, no values
        row = cursor.fetchone()
    return dict(zip(models, (int(n) for n in row), strict=True))


def coordinator_dashboard(user) -> dict:
    by_specialisation = dict(
        ExpertSpecialisation.objects.filter(profile__is_active=True)
        .values_list("specialisation")
        .annotate(n=Count("id"))
        .values_list("specialisation", "n")
    )
    return {
        "programmes": programmes_visible_to(user)[:10],
        "programme_counts": programme_counts(),
        "counts": registry_counts(),
        "experts_by_specialisation": by_specialisation,
        "event_figures": event_figures(user),
        "awaiting_approval": awaiting_approval(user),
    }


def personal_dashboard(user) -> dict:
    """What every logged-in user sees: their own upcoming trainings and meetings, those they run, what is open
    for registration, and questionnaires waiting for them."""
    return {
        "my_upcoming_sessions": upcoming_events_for(user),
        "events_trained": events_trained_by(user),
        "open_for_registration": open_for_registration_to(user),
        "surveys_waiting": invitations_waiting(getattr(user, "person", None)),
    }


def member_dashboard(user) -> dict:
    return {
        "person": person_for_user(user),
        "local_governments": list(local_governments_of(user)),
        "organisations": list(organisations_of(user)),
        "programmes": programmes_visible_to(user)[:5],
    }


def expert_dashboard(user) -> dict:
    return {"person": person_for_user(user), "expert_profile": expert_profile_for(user)}
