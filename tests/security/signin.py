"""Signing in the way a browser does (allauth's pages, TOTP codes from a real secret), for the security tests."""

import re
import time

from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.core.cache import cache

from rozwoj.accounts.tests.factories import DEMO_PASSWORD

REQUIRED = {"administrator", "coordinator"}  # what production requires (rozwoj/settings/production.py)


def totp_code(secret: str) -> str:
    """The current code of an authenticator app holding `secret`. allauth refuses a code twice within its period
    (it remembers used codes in the cache), so the cache is emptied: each call's code may be used once."""
    cache.clear()
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def give_totp(user) -> str:
    """Set TOTP up for `user` (as if in another browser) and return the secret of their authenticator app."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def sign_in_with_password(client, user, password: str = DEMO_PASSWORD, **extra):
    return client.post("/accounts/login/", {"login": user.email, "password": password}, **extra)


def sign_in(client, user, secret: str | None = None):
    """Sign in through the login page and, when `secret` is given, the TOTP step."""
    response = sign_in_with_password(client, user)
    assert response.status_code == 302, response
    if secret is not None:
        assert response["Location"] == "/accounts/2fa/authenticate/"
        response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
        assert response.status_code == 302, response
    assert is_signed_in(client, user)
    return response


def is_signed_in(client, user) -> bool:
    return client.session.get("_auth_user_id") == str(user.pk)


def bearer(raw: str) -> dict:
    return {"Authorization": f"Bearer {raw}"}


def code_in(message) -> str:
    """The one-time code of allauth's sign-in code e-mail (e.g. FTGP-SZXF, on a line of its own)."""
    return re.search(r"^([A-Z0-9]{4,}(?:-[A-Z0-9]{4,})*)$", message.body, re.MULTILINE).group(1)


def set_totp_up(client, user, password: str = DEMO_PASSWORD) -> str:
    """In a signed-in session, set TOTP up the way the pages lead (activation asks for the password again) and
    return the secret."""
    response = client.get("/accounts/2fa/totp/activate/")
    if response.status_code == 302 and response["Location"].startswith("/accounts/reauthenticate/"):
        assert client.post(response["Location"], {"password": password}).status_code == 302
        response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 200, response
    secret = client.session["mfa.totp.secret"]
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302, response
    return secret
