"""API authentication: the browser session, or a personal token in `Authorization: Bearer …`.

- A request that carries an `Authorization` header is answered on its strength alone: a token that is wrong,
  revoked or belongs to an inactive user (or another scheme than Bearer) gets 401 on every operation, public or
  not — never the answer for an anonymous caller or for the browser session that came with it.
- A caller whose role requires the second factor gets a JSON 403 saying so while it is missing (see
  `accounts.mfa`): a token while TOTP is not set up, a session that has not proved it.
"""

import datetime

from django.utils import timezone
from ninja.errors import AuthenticationError
from ninja.security import SessionAuth as DjangoSessionAuth
from ninja.security.http import HttpAuthBase

from . import mfa
from .models import ApiToken

LAST_USED_RESOLUTION = datetime.timedelta(minutes=5)


class SecondFactorRequired(Exception):
    """The caller is known, but their role requires a second factor they have not used (answered 403)."""


class TokenAuth(HttpAuthBase):
    openapi_scheme = "bearer"
    header = "Authorization"

    def __call__(self, request):
        value = request.headers.get(self.header)
        if value is None:
            return None  # no header: the next method (session, or anonymous) decides
        scheme, _, raw = value.partition(" ")
        if scheme.lower() != self.openapi_scheme or not raw.strip():
            raise AuthenticationError
        return self.authenticate(request, raw.strip())

    def authenticate(self, request, token):
        api_token = ApiToken.objects.for_raw(token).filter(user__is_active=True).first()
        if api_token is None:
            raise AuthenticationError
        if not mfa.credential_allowed(api_token.user):
            raise SecondFactorRequired
        # Record use at most every few minutes, so that reads do not turn into writes.
        now = timezone.now()
        if api_token.last_used_at is None or now - api_token.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        return api_token.user


def _refuse_without_second_factor(request) -> None:
    if mfa.missing_step(request) is not None:
        raise SecondFactorRequired


class SessionAuth(DjangoSessionAuth):
    """Django's session (CSRF-checked for writes), for users whose session has the second factor it needs."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is not None:
            _refuse_without_second_factor(request)
        return user


def session_or_anonymous(request):
    """Lets anonymous callers through to public endpoints; the endpoint scopes what they see."""
    if request.user.is_authenticated:
        _refuse_without_second_factor(request)
    return request.user


session_auth = SessionAuth()
token_auth = TokenAuth()
api_auth = [token_auth, session_auth]
public_api_auth = [token_auth, session_or_anonymous]
