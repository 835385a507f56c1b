"""API authentication: the browser session, or a personal token in `Authorization: Bearer …`.

- A request that carries an `Authorization` header is answered on its strength alone: a token that is wrong,
  revoked or belongs to an inactive user (or another scheme than Bearer) gets 401 on every operation, public or
  not — never the answer for an anonymous caller or for the browser session that came with it.
"""

import datetime

from django.utils import timezone
from ninja.errors import AuthenticationError
from ninja.security import SessionAuth
from ninja.security.http import HttpAuthBase

from .models import ApiToken

LAST_USED_RESOLUTION = datetime.timedelta(minutes=5)


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
        # Record use at most every few minutes, so that reads do not turn into writes.
        now = timezone.now()
        if api_token.last_used_at is None or now - api_token.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        return api_token.user


def session_or_anonymous(request):
    """Lets anonymous callers through to public endpoints; the endpoint scopes what they see."""
    return request.user


session_auth = SessionAuth()
token_auth = TokenAuth()
api_auth = [token_auth, session_auth]
public_api_auth = [token_auth, session_or_anonymous]
