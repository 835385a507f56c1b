"""How django-allauth signs people in: limits on failed logins and the second factor.

Failed logins are limited so that they slow an attacker down without locking the account's owner out:

- per client address (`login_failed` …/ip in `ACCOUNT_RATE_LIMITS`): the real client behind the trusted proxy
  (`ALLAUTH_TRUSTED_PROXY_COUNT` / `ALLAUTH_TRUSTED_CLIENT_IP_HEADER`), not the proxy everyone shares and not what
  a client writes into X-Forwarded-For itself;
- per account *and* client address (`login_failed` …/key): someone who types a coordinator's e-mail with wrong
  passwords is stopped on their own address; the owner, elsewhere, signs in as usual;
- per account over all addresses: after `ROZWOJ_LOGIN_CODE_AFTER_FAILURES` failed attempts within
  `ROZWOJ_LOGIN_FAILURE_WINDOW` seconds the right password is no longer enough on its own: the login goes on with
  a one-time code e-mailed to the account (allauth's login by code) and then, as always, TOTP if it is set up. A
  guess that finds the password from many addresses still does not get in; the owner is never refused.

Anyone refused by a limit may ask for a sign-in code by e-mail instead of waiting (the login page offers it).
"""

import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from . import mfa


def _account_key(login: str) -> str:
    digest = hashlib.sha256(login.strip().lower().encode()).hexdigest()
    return f"rozwoj:login-failures:{digest}"


def failed_logins(login: str) -> int:
    """Failed password logins for the account `login` (an e-mail address) within the current window."""
    return int(cache.get(_account_key(login), 0))


def _record_failed_login(login: str) -> None:
    key = _account_key(login)
    if cache.add(key, 1, timeout=settings.ROZWOJ_LOGIN_FAILURE_WINDOW):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=settings.ROZWOJ_LOGIN_FAILURE_WINDOW)


def _typed_login(credentials: dict) -> str:
    return str(credentials.get("email") or credentials.get("username") or "")


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "Too many failed login attempts from your address. Try again in a few minutes, or sign in with a "
            "code sent to your e-mail address."
        ),
    }

    def _get_login_attempts_cache_key(self, request, **credentials):
        """The per-account limit counts an account's failures per client address (see the module)."""
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}:{self.get_client_ip(request)}"

    def authentication_failed(self, request, **credentials):
        super().authentication_failed(request, **credentials)
        login = _typed_login(credentials)
        if login:
            _record_failed_login(login)

    def is_login_by_code_required(self, login) -> bool:
        if super().is_login_by_code_required(login):
            return True
        if login.user is None:
            return False
        records = get_authentication_records(self.request, login.user)
        signed_in_with_password = bool(records) and records[-1].get("method") == "password"
        return signed_in_with_password and (
            failed_logins(login.user.email) >= settings.ROZWOJ_LOGIN_CODE_AFTER_FAILURES
        )


class MfaAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """A user whose role requires TOTP cannot switch it off (an administrator can remove a lost one in the
        Django admin; the user then sets up a new one at the next sign-in)."""
        if authenticator.type == Authenticator.Type.TOTP and mfa.is_required(authenticator.user):
            return False
        return super().can_delete_authenticator(authenticator)
