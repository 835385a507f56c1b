"""The second factor (TOTP) for the roles that must use it (`settings.MFA_REQUIRED_ROLES`; production: administrators
and coordinators).

A user with such a role gets in only with a second factor:

- a browser session counts once it has proved the factor in this session: signed in with a TOTP or recovery code,
  confirmed a code later (allauth's MFA re-authentication), or set TOTP up in this session. A session signed in with
  the password alone (before TOTP was set up, or before the role was given) is sent to set TOTP up or to confirm a
  code before anything else (`RequireMfaMiddleware`); the API answers it with a JSON 403 (`accounts.auth`);
- a personal API token or calendar-feed link works only while TOTP is set up: one made before is refused until it is.

Users without such a role are asked for nothing more than their password.
"""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.utils.translation import gettext_lazy as _

ACTIVATE = "activate"  # the user has no TOTP yet: set it up
VERIFY = "verify"  # the user has TOTP, this session has not used it: confirm a code

# Set when TOTP is activated in a session: typing a valid code of the new authenticator proves the factor.
_ACTIVATED_IN_SESSION = "rozwoj_totp_activated_by"

SECOND_FACTOR_REQUIRED = _(
    "Your role requires two-factor authentication: set up an authenticator app (TOTP) on your account page "
    "and sign in with it."
)


def is_required(user) -> bool:
    """Whether `user` has a role that must use the second factor."""
    required = settings.MFA_REQUIRED_ROLES
    return bool(required and getattr(user, "is_authenticated", False) and user.has_role(*required))


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()


def credential_allowed(user) -> bool:
    """Whether a personal token or link of `user` may be used: not while a required TOTP is missing."""
    return not is_required(user) or has_totp(user)


def session_proved_second_factor(request) -> bool:
    user = request.user
    records = get_authentication_records(request, user)
    if any(record.get("method") == "mfa" for record in records):
        return True
    return request.session.get(_ACTIVATED_IN_SESSION) == str(user.pk)


def missing_step(request) -> str | None:
    """What the signed-in user of `request` must still do before using the platform in this session:
    ACTIVATE, VERIFY or nothing (None)."""
    user = request.user
    if not is_required(user):
        return None
    if not has_totp(user):
        return ACTIVATE
    if not session_proved_second_factor(request):
        return VERIFY
    return None


def remember_activation(sender, request=None, user=None, authenticator=None, **kwargs) -> None:
    """Receiver of allauth's `authenticator_added`: a session that has just set TOTP up has proved it."""
    if (
        request is None
        or authenticator is None
        or authenticator.type != Authenticator.Type.TOTP
        or getattr(request, "user", None) != user
    ):
        return
    request.session[_ACTIVATED_IN_SESSION] = str(user.pk)
