"""Writes about people: each checks the caller's right, changes the data and records an audit entry."""

from typing import Any

from allauth.account.forms import ResetPasswordForm
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from rozwoj.accounts.models import Role, User, UserRole
from rozwoj.accounts.permissions import require_coordinator
from rozwoj.core.audit import changed_fields, history_for, log_action

from .models import Membership, Person, Sex

PERSON_FIELDS = ("first_name", "last_name", "email", "phone", "sex", "notes")
OWN_FIELDS = ("first_name", "last_name", "phone")
MEMBERSHIP_FIELDS = ("organisation", "position", "start_date", "end_date")
# Stored data, not interface text: the records of the platform are kept in Polish.
ERASED_FIRST_NAME = "Usunięta osoba"


def _email_taken_error() -> ValidationError:
    return ValidationError({"email": _("Another person already has this e-mail address.")})


def email_in_use(email: str, *, exclude_pk: int | None = None) -> bool:
    if not email:
        return False
    people = Person.objects.filter(email__iexact=email)
    if exclude_pk is not None:
        people = people.exclude(pk=exclude_pk)
    return people.exists()


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


def person_create(*, actor: User, data: dict[str, Any]) -> Person:
    require_coordinator(actor)
    values = {field: data.get(field, "") for field in PERSON_FIELDS}
    if email_in_use(values["email"]):
        raise _email_taken_error()
    try:
        with transaction.atomic():
            person = Person.objects.create(**values)
            log_action(actor, person, "person.create", {k: v for k, v in values.items() if v})
    except IntegrityError as exc:  # a parallel request took the address
        raise _email_taken_error() from exc
    return person


def _person_save(*, actor: User, person: Person, data: dict[str, Any], fields) -> Person:
    changes = changed_fields(person, {field: data[field] for field in fields if field in data})
    if not changes:
        return person
    if "email" in changes and email_in_use(person.email, exclude_pk=person.pk):
        person.refresh_from_db()
        raise _email_taken_error()
    try:
        with transaction.atomic():
            person.save()
            log_action(actor, person, "person.update", changes)
    except IntegrityError as exc:
        person.refresh_from_db()
        raise _email_taken_error() from exc
    return person


def person_update(*, actor: User, person: Person, data: dict[str, Any]) -> Person:
    require_coordinator(actor)
    return _person_save(actor=actor, person=person, data=data, fields=PERSON_FIELDS)


def person_update_own(*, actor: User, person: Person, data: dict[str, Any]) -> Person:
    """A person edits their own name and phone."""
    if not (getattr(actor, "is_authenticated", False) and person.user_id == actor.pk):
        raise PermissionDenied
    return _person_save(actor=actor, person=person, data=data, fields=OWN_FIELDS)


def _check_membership_dates(data: dict[str, Any]) -> None:
    start, end = data.get("start_date"), data.get("end_date")
    if start and end and end < start:
        raise ValidationError({"end_date": _("The end date cannot be before the start date.")})


@transaction.atomic
def membership_create(*, actor: User, person: Person, data: dict[str, Any]) -> Membership:
    require_coordinator(actor)
    _check_membership_dates(data)
    membership = Membership.objects.create(person=person, **{f: data.get(f) for f in MEMBERSHIP_FIELDS})
    log_action(
        actor,
        person,
        "person.membership_add",
        {"organisation": membership.organisation, "position": membership.position},
    )
    return membership


@transaction.atomic
def membership_update(*, actor: User, membership: Membership, data: dict[str, Any]) -> Membership:
    require_coordinator(actor)
    _check_membership_dates(data)
    changes = changed_fields(membership, {f: data[f] for f in MEMBERSHIP_FIELDS if f in data})
    if changes:
        membership.save()
        log_action(
            actor, membership.person, "person.membership_update", {"membership": membership.pk, **changes}
        )
    return membership


@transaction.atomic
def membership_delete(*, actor: User, membership: Membership) -> None:
    require_coordinator(actor)
    person = membership.person
    log_action(actor, person, "person.membership_delete", {"organisation": membership.organisation})
    membership.delete()


def person_grant_login(*, actor: User, person: Person, request) -> Any:
    """Create a login for a person with an e-mail address and send them the e-mail to set a password."""
    require_coordinator(actor)
    if person.user_id is not None:
        raise ValidationError(_("This person already has a login."))
    if not person.email:
        raise ValidationError(_("Add an e-mail address to this person first."))
    user_model = get_user_model()
    email = person.email.lower()
    if user_model.objects.filter(email__iexact=email).exists():
        raise ValidationError(_("A login with this e-mail address already exists."))
    try:
        with transaction.atomic():
            locked = Person.objects.select_for_update().get(pk=person.pk)
            if locked.user_id is not None:
                raise ValidationError(_("This person already has a login."))
            user = user_model.objects.create_user(email=email, password=None)
            user.set_unusable_password()
            user.save(update_fields=["password"])
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            locked.user = user
            locked.save(update_fields=["user", "updated_at"])
            log_action(actor, locked, "person.grant_login", {"login": email})
    except IntegrityError as exc:
        raise ValidationError(_("A login with this e-mail address already exists.")) from exc
    person.refresh_from_db()
    form = ResetPasswordForm(data={"email": email})
    if form.is_valid():
        form.save(request)
    return user


def assignable_roles(actor: User) -> list[str]:
    """Roles the actor may grant or remove: only an administrator handles the administrator role and the editor
    right (a coordinator cannot give themselves the right to publish)."""
    if actor.has_role(Role.ADMINISTRATOR):
        return list(Role.values)
    return [role for role in Role.values if role not in (Role.ADMINISTRATOR, Role.EDITOR)]


@transaction.atomic
def person_set_roles(*, actor: User, person: Person, roles) -> dict[str, list[str]]:
    """Set the roles of a person's login. Returns {"added": [...], "removed": [...]}."""
    require_coordinator(actor)
    user = person.user
    if user is None:
        raise ValidationError(_("This person has no login; create one first."))
    wanted = set(roles)
    unknown = wanted - set(Role.values)
    if unknown:
        raise ValidationError({"roles": _("Unknown role.")})
    current = set(user.roles.values_list("role", flat=True))
    allowed = set(assignable_roles(actor))
    # Roles outside the actor's reach stay as they are.
    wanted = (wanted & allowed) | (current - allowed)
    if user.pk == actor.pk and Role.ADMINISTRATOR in current and Role.ADMINISTRATOR not in wanted:
        raise ValidationError({"roles": _("You cannot remove your own administrator role.")})
    added, removed = sorted(wanted - current), sorted(current - wanted)
    UserRole.objects.filter(user=user, role__in=removed).delete()
    UserRole.objects.bulk_create([UserRole(user=user, role=role) for role in added])
    user.__dict__.pop("_role_cache", None)
    if added or removed:
        log_action(actor, person, "person.roles", {"added": added, "removed": removed})
    return {"added": added, "removed": removed}


def _iso(value):
    return value.isoformat() if value else None


def person_export(*, actor: User, person: Person) -> dict[str, Any]:
    """Everything stored about a person (GDPR access request), as JSON-ready data."""
    require_coordinator(actor)
    data: dict[str, Any] = {
        "person": {
            "id": person.pk,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "phone": person.phone,
            "sex": person.sex,
            "notes": person.notes,
            "is_demo": person.is_demo,
            "created_at": _iso(person.created_at),
            "updated_at": _iso(person.updated_at),
        },
        "memberships": [
            {
                "organisation": str(m.organisation),
                "organisation_id": m.organisation_id,
                "position": m.position,
                "start_date": _iso(m.start_date),
                "end_date": _iso(m.end_date),
            }
            for m in person.memberships.select_related("organisation")
        ],
        "login": None,
        "expert_profile": None,
    }
    if (user := person.user) is not None:
        data["login"] = {
            "email": user.email,
            "is_active": user.is_active,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "preferred_language": user.preferred_language,
            "roles": sorted(user.roles.values_list("role", flat=True)),
        }
    profile = getattr(person, "expert_profile", None)
    if profile is not None:
        data["expert_profile"] = {
            "bio": profile.bio,
            "is_active": profile.is_active,
            "languages": profile.languages,
            "regions": [str(region) for region in profile.regions.all()],
            "specialisations": sorted(profile.specialisations.values_list("specialisation", flat=True)),
            "assessments": [
                {
                    "competence": str(a.competence),
                    "specialisation": a.competence.specialisation,
                    "level": a.level,
                }
                for a in profile.assessments.select_related("competence")
            ],
        }
    data["audit"] = [
        {
            "timestamp": _iso(entry.timestamp),
            "action": entry.action,
            "actor": str(entry.actor) if entry.actor else None,
            "changes": entry.changes,
        }
        for entry in history_for(person)
    ]
    log_action(actor, person, "person.export")
    return data


@transaction.atomic
def person_erase(*, actor: User, person: Person) -> Person:
    """Anonymise a person (GDPR erasure): the record stays for aggregate counts, without personal data."""
    require_coordinator(actor)
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.user_id is not None and person.user_id == actor.pk:
        raise ValidationError(_("You cannot erase your own data."))
    person.first_name = ERASED_FIRST_NAME
    person.last_name = f"#{person.pk}"
    person.email = ""
    person.phone = ""
    person.sex = Sex.NOT_GIVEN
    person.notes = ""
    person.save()
    person.memberships.all().delete()
    user = person.user
    if user is not None:
        scrambled = f"erased-{person.pk}-{get_random_string(12).lower()}@invalid.invalid"
        EmailAddress.objects.filter(user=user).delete()
        user.email = scrambled
        user.first_name = user.last_name = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        user.roles.all().delete()
        user.api_tokens.all().delete()
    profile = getattr(person, "expert_profile", None)
    if profile is not None:
        profile.bio = ""
        profile.is_active = False
        profile.save(update_fields=["bio", "is_active", "updated_at"])
    # Earlier audit entries about the person keep their actions but lose the personal values.
    history_for(person).update(object_repr=str(person), changes={})
    log_action(actor, person, "person.erase")
    return person
