from django.db import transaction

from rozwoj.core.audit import log_action

from .models import Person


@transaction.atomic
def person_for_new_user(*, user, first_name: str, last_name: str) -> Person:
    """Link a new login to the person with the same e-mail, or create that person."""
    person = Person.objects.select_for_update().filter(email__iexact=user.email, user__isnull=True).first()
    if person is None:
        person = Person.objects.create(
            first_name=first_name, last_name=last_name, email=user.email, user=user
        )
        log_action(user, person, "person.create", {"source": "signup"})
    else:
        person.user = user
        person.save(update_fields=["user", "updated_at"])
        log_action(user, person, "person.link_login")
    return person
