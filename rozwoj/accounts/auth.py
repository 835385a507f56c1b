"""API authentication: the browser session, or a personal token in `Authorization: Bearer …`."""

import datetime

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from .models import ApiToken

LAST_USED_RESOLUTION = datetime.timedelta(minutes=5)


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        api_token = ApiToken.objects.for_raw(token).filter(user__is_active=True).first()
        if api_token is None:
            return None
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
