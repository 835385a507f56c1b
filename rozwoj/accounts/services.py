from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from rozwoj.core.audit import log_action

from . import mfa
from .models import ApiToken, User


@transaction.atomic
def api_token_create(*, user: User, name: str, second_factor_proved: bool) -> tuple[ApiToken, str]:
    """A new personal token for `user`. A user whose role requires the second factor gets one only from a session
    that has proved it (`second_factor_proved`): a token must not open what the password alone does not."""
    if mfa.is_required(user) and not (second_factor_proved and mfa.has_totp(user)):
        raise PermissionDenied(str(mfa.SECOND_FACTOR_REQUIRED))
    token, raw = ApiToken.issue(user, name)
    log_action(user, token, "api_token.create")
    return token, raw


@transaction.atomic
def api_token_revoke(*, user: User, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        log_action(user, token, "api_token.revoke")


def set_preferred_language(*, user: User, language: str) -> bool:
    """Remember the language a user chose in the switch: e-mails, reminders and certificates use it, and it is
    the interface language after the next login. An unknown code changes nothing."""
    if language not in dict(settings.LANGUAGES) or user.preferred_language == language:
        return False
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    return True


def remember_language(response, language: str) -> None:
    """Set the language cookie of the interface the way Django's language switch does."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
