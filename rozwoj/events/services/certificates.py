"""Certificates of completion: issued only when the completion rule is met, each with a unique code."""

import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from rozwoj.accounts.models import User
from rozwoj.core.audit import log_action

from ..models import Certificate, Event, Registration, RegistrationStatus
from ..selectors import attendance as attendance_selectors
from ..selectors import can_manage_event
from ..selectors.certificates import CODE_ALPHABET, CODE_LENGTH

CERTIFICATE_LANGUAGES = ("pl", "en")
_MAX_ATTEMPTS = 8


def generate_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def certificate_language(registration: Registration, language: str | None = None) -> str:
    """The language chosen, else the participant's login preference, else the site default (Polish)."""
    if language:
        if language not in CERTIFICATE_LANGUAGES:
            raise ValidationError({"language": _("Choose Polish or English.")})
        return language
    user = registration.person.user
    preferred = (getattr(user, "preferred_language", "") or "")[:2]
    if preferred in CERTIFICATE_LANGUAGES:
        return preferred
    default = settings.LANGUAGE_CODE[:2]
    return default if default in CERTIFICATE_LANGUAGES else "pl"


def _issue(*, actor: User, registration: Registration, language: str | None, completion) -> Certificate:
    existing = Certificate.objects.filter(registration=registration).first()
    if existing is not None:
        return existing
    language = certificate_language(registration, language)
    for _attempt in range(_MAX_ATTEMPTS):
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(
                    registration=registration, code=generate_code(), hours=completion.hours, language=language
                )
        except IntegrityError:
            existing = Certificate.objects.filter(registration=registration).first()
            if existing is not None:  # issued in parallel
                return existing
            continue  # the code was taken: draw another one
        log_action(
            actor,
            certificate,
            "certificate.issue",
            {"registration": str(registration), "hours": str(completion.hours), "language": language},
        )
        return certificate
    raise ValidationError(_("A unique certificate code could not be drawn; please try again."))


def _refusal(registration: Registration, completion) -> ValidationError:
    if registration.status != RegistrationStatus.CONFIRMED:
        return ValidationError(_("Certificates are issued only for confirmed registrations."))
    return ValidationError(
        _(
            "%(name)s has not met the completion rule: %(hours)s of %(total)s hours attended "
            "(%(percent)s%%), at least %(threshold)s%% is required."
        )
        % {
            "name": registration.person.full_name,
            "hours": floatformat(completion.hours, "-2"),
            "total": floatformat(completion.total_hours, "-2"),
            "percent": floatformat(completion.percent, "-1"),
            "threshold": completion.threshold,
        }
    )


def certificate_issue(*, actor: User, registration: Registration, language: str | None = None) -> Certificate:
    """Issue the certificate of one participant (once; issuing again returns the same certificate).
    Refused unless the registration is confirmed and the completion rule is met."""
    if actor is None or not can_manage_event(actor, registration.event):
        raise PermissionDenied(_("Only coordinators and trainers of this event may issue certificates."))
    completion = attendance_selectors.completion(registration)
    if registration.status != RegistrationStatus.CONFIRMED or not completion.completed:
        raise _refusal(registration, completion)
    with transaction.atomic():
        return _issue(actor=actor, registration=registration, language=language, completion=completion)


def certificates_issue_all(*, actor: User, event: Event) -> list[Certificate]:
    """Issue certificates to every confirmed participant who met the completion rule and has none yet.
    Returns the newly issued certificates."""
    if actor is None or not can_manage_event(actor, event):
        raise PermissionDenied(_("Only coordinators and trainers of this event may issue certificates."))
    total = attendance_selectors.total_hours(event)
    registrations = attendance_selectors.with_hours_attended(
        Registration.objects.filter(
            event=event, status=RegistrationStatus.CONFIRMED, certificate__isnull=True
        )
    ).select_related("person__user", "event")
    issued = []
    with transaction.atomic():
        for registration in registrations:
            completion = attendance_selectors.completion_of(registration, total)
            if completion.completed:
                issued.append(
                    _issue(actor=actor, registration=registration, language=None, completion=completion)
                )
    return issued
