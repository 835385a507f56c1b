"""What events tells the lower apps about participation: a user takes part in a programme when their person has
a confirmed registration for one of the programme's events."""

from .models import Registration, RegistrationStatus


def programmes_taken_part_in(user) -> set[int]:
    """Ids of the programmes of the events the user's person is confirmed for (one query)."""
    return set(
        Registration.objects.filter(
            person__user=user, status=RegistrationStatus.CONFIRMED, event__programme__isnull=False
        )
        .values_list("event__programme_id", flat=True)
        .distinct()
    )
