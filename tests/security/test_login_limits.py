"""Limits on failed logins protect users instead of locking them out.

The production set-up of the README: the application behind one TLS proxy of our own, which appends the client's
address to X-Forwarded-For (`TRUSTED_PROXY_COUNT=1`). Every request below reaches the application from the proxy
(REMOTE_ADDR 127.0.0.1) on behalf of a client address.
"""

import json
import os
import subprocess
import sys

import pytest
from django.core.cache import cache
from django.urls import reverse

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import DEMO_PASSWORD, user_with_role

from .signin import REQUIRED, code_in, give_totp, is_signed_in, totp_code

pytestmark = pytest.mark.django_db

PROXY = "127.0.0.1"
ATTACKER, OWNER, COLLEAGUE = "203.0.113.7", "198.51.100.20", "198.51.100.21"
TOO_MANY = "Too many failed login attempts from your address"


@pytest.fixture(autouse=True)
def _production_limits(settings):
    cache.clear()
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}  # the shipped default
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.ROZWOJ_LOGIN_CODE_AFTER_FAILURES = 10
    settings.MFA_REQUIRED_ROLES = REQUIRED
    settings.LANGUAGE_CODE = "en"
    yield
    cache.clear()


def login(client, email, password, client_address, forwarded_for=None):
    """A login form sent by `client_address` through the proxy (which appends it to X-Forwarded-For)."""
    chain = f"{forwarded_for}, {client_address}" if forwarded_for else client_address
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=chain,
    )


def refused_as_too_many(response) -> bool:
    return response.status_code == 200 and TOO_MANY in response.content.decode()


@pytest.fixture
def coordinator():
    user = user_with_role(Role.COORDINATOR)
    return user, give_totp(user)


def test_an_attacker_typing_a_coordinators_e_mail_does_not_lock_the_coordinator_out(client, coordinator):
    user, secret = coordinator
    for _ in range(5):
        response = login(client, user.email, "zle-haslo-123", ATTACKER)
        assert response.status_code == 200
        assert not refused_as_too_many(response)
    # The attacker's address is stopped for this account, even with the right password …
    assert refused_as_too_many(login(client, user.email, DEMO_PASSWORD, ATTACKER))
    assert not is_signed_in(client, user)
    # … while the coordinator, elsewhere, signs in as usual: password, then TOTP.
    response = login(client, user.email, DEMO_PASSWORD, OWNER)
    assert response["Location"] == "/accounts/2fa/authenticate/"
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)}, REMOTE_ADDR=PROXY)
    assert is_signed_in(client, user)


def test_failures_from_many_addresses_make_the_right_password_ask_for_an_e_mailed_code(
    client, coordinator, mailoutbox
):
    """A guess spread over many addresses is not locked out by address: past ten failures in an hour the account
    asks, after the right password, for a code e-mailed to its owner — and then, as always, for TOTP."""
    user, secret = coordinator
    for n in range(10):
        assert login(client, user.email, f"zgadywane-{n}", f"192.0.2.{n + 1}").status_code == 200
    response = login(client, user.email, DEMO_PASSWORD, OWNER)
    assert response["Location"] == reverse("account_confirm_login_code")
    assert not is_signed_in(client, user)
    assert mailoutbox[-1].to == [user.email]
    response = client.post(reverse("account_confirm_login_code"), {"code": code_in(mailoutbox[-1])})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert not is_signed_in(client, user)
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert is_signed_in(client, user)


def test_a_guessed_password_alone_does_not_get_in_once_the_account_asks_for_the_code(client, mailoutbox):
    expert = user_with_role(Role.EXPERT)  # no TOTP: the e-mailed code is what stands in the way
    for n in range(10):
        login(client, expert.email, f"zgadywane-{n}", f"192.0.2.{n + 1}")
    response = login(client, expert.email, DEMO_PASSWORD, "192.0.2.200")
    assert response["Location"] == reverse("account_confirm_login_code")
    for guess in ("AAAA-AAAA", "BBBB-BBBB", "CCCC-CCCC"):
        client.post(reverse("account_confirm_login_code"), {"code": guess})
    assert not is_signed_in(client, expert)
    # The owner, with the code from the mailbox, gets in.
    client.logout()
    login(client, expert.email, DEMO_PASSWORD, OWNER)
    client.post(reverse("account_confirm_login_code"), {"code": code_in(mailoutbox[-1])})
    assert is_signed_in(client, expert)


def test_below_the_threshold_the_right_password_is_enough(client):
    expert = user_with_role(Role.EXPERT)
    for n in range(9):
        login(client, expert.email, f"pomylka-{n}", f"192.0.2.{n + 1}")
    response = login(client, expert.email, DEMO_PASSWORD, OWNER)
    assert response.status_code == 302
    assert is_signed_in(client, expert)


def test_the_limit_per_address_counts_the_real_client_behind_the_proxy(client):
    """Before, every user behind the proxy shared its address: ten failed logins by anyone blocked everyone."""
    users = [user_with_role(Role.EXPERT) for _ in range(11)]
    for user in users[:10]:
        assert not refused_as_too_many(login(client, user.email, "zle-haslo-123", ATTACKER))
    assert refused_as_too_many(login(client, users[10].email, DEMO_PASSWORD, ATTACKER))
    response = login(client, users[10].email, DEMO_PASSWORD, COLLEAGUE)
    assert response.status_code == 302
    assert is_signed_in(client, users[10])


def test_a_client_cannot_choose_its_counted_address_with_x_forwarded_for(client):
    users = [user_with_role(Role.EXPERT) for _ in range(11)]
    for n, user in enumerate(users[:10]):
        login(client, user.email, "zle-haslo-123", ATTACKER, forwarded_for=f"10.0.0.{n}")
    # Whatever the client writes in front, the proxy's entry is the one counted.
    for invented in ("10.9.9.9", COLLEAGUE, f"{COLLEAGUE}, {OWNER}"):
        response = login(client, users[10].email, DEMO_PASSWORD, ATTACKER, forwarded_for=invented)
        assert refused_as_too_many(response), invented


def test_without_a_configured_proxy_x_forwarded_for_is_ignored(client, settings):
    """The embedded default (`make run`) trusts no proxy: a client talking to it directly cannot pick an address."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    users = [user_with_role(Role.EXPERT) for _ in range(11)]
    for n, user in enumerate(users[:10]):
        client.post(
            reverse("account_login"),
            {"login": user.email, "password": "zle-haslo-123"},
            REMOTE_ADDR=ATTACKER,
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
        )
    response = client.post(
        reverse("account_login"),
        {"login": users[10].email, "password": DEMO_PASSWORD},
        REMOTE_ADDR=ATTACKER,
        HTTP_X_FORWARDED_FOR=COLLEAGUE,
    )
    assert refused_as_too_many(response)


def test_a_proxy_header_with_the_client_address_is_used_when_configured(client, settings):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    users = [user_with_role(Role.EXPERT) for _ in range(11)]
    for user in users[:10]:
        client.post(
            reverse("account_login"),
            {"login": user.email, "password": "zle-haslo-123"},
            REMOTE_ADDR=PROXY,
            HTTP_X_REAL_IP=ATTACKER,
        )
    last = {"login": users[10].email, "password": DEMO_PASSWORD}
    assert refused_as_too_many(
        client.post(reverse("account_login"), last, REMOTE_ADDR=PROXY, HTTP_X_REAL_IP=ATTACKER)
    )
    response = client.post(reverse("account_login"), last, REMOTE_ADDR=PROXY, HTTP_X_REAL_IP=COLLEAGUE)
    assert response.status_code == 302


def test_someone_refused_at_a_shared_address_signs_in_with_an_e_mailed_code(client, coordinator, mailoutbox):
    """An office behind one address: a colleague's (or an attacker's) failures stop the password there for a
    while; the owner asks for a sign-in code instead of waiting — and still needs TOTP."""
    user, secret = coordinator
    for _ in range(5):
        login(client, user.email, "zle-haslo-123", ATTACKER)
    assert refused_as_too_many(login(client, user.email, DEMO_PASSWORD, ATTACKER))
    response = client.post(
        reverse("account_request_login_code"),
        {"email": user.email},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=ATTACKER,
    )
    assert response["Location"] == reverse("account_confirm_login_code")
    response = client.post(reverse("account_confirm_login_code"), {"code": code_in(mailoutbox[-1])})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert is_signed_in(client, user)


def test_the_login_page_offers_the_e_mailed_code(client):
    body = client.get(reverse("account_login")).content.decode()
    assert reverse("account_request_login_code") in body


NAMES = [
    "ALLAUTH_TRUSTED_PROXY_COUNT",
    "ALLAUTH_TRUSTED_CLIENT_IP_HEADER",
    "ACCOUNT_RATE_LIMITS",
    "ROZWOJ_LOGIN_CODE_AFTER_FAILURES",
]


def _settings_of(module: str, **env) -> dict:
    """Settings as a fresh process with `env` would read them (settings are read once, at start)."""
    code = f"import importlib, json; m = importlib.import_module({module!r}); print(json.dumps({{n: getattr(m, n) for n in {NAMES!r}}}))"
    environment = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "TRUSTED_PROXY_COUNT",
            "TRUSTED_CLIENT_IP_HEADER",
            "LOGIN_FAILED_RATE_LIMIT",
            "LOGIN_CODE_AFTER_FAILURES",
        }
    }
    environment.update(SECRET_KEY="s" * 60, **env)
    result = subprocess.run(  # noqa: S603 — our own interpreter and code
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_the_proxy_and_the_limits_come_from_the_environment():
    assert _settings_of("rozwoj.settings.dev")["ALLAUTH_TRUSTED_PROXY_COUNT"] == 0  # `make run`: no proxy
    production = _settings_of("rozwoj.settings.production")
    assert production["ALLAUTH_TRUSTED_PROXY_COUNT"] == 1  # the README's one TLS proxy
    assert production["ALLAUTH_TRUSTED_CLIENT_IP_HEADER"] is None
    assert production["ACCOUNT_RATE_LIMITS"]["login_failed"] == "10/m/ip,5/5m/key"
    assert production["ROZWOJ_LOGIN_CODE_AFTER_FAILURES"] == 10
    configured = _settings_of(
        "rozwoj.settings.production",
        TRUSTED_PROXY_COUNT="2",
        TRUSTED_CLIENT_IP_HEADER="X-Real-IP",
        LOGIN_FAILED_RATE_LIMIT="20/m/ip,3/5m/key",
        LOGIN_CODE_AFTER_FAILURES="25",
    )
    assert configured == {
        "ALLAUTH_TRUSTED_PROXY_COUNT": 2,
        "ALLAUTH_TRUSTED_CLIENT_IP_HEADER": "X-Real-IP",
        "ACCOUNT_RATE_LIMITS": {"login_failed": "20/m/ip,3/5m/key"},
        "ROZWOJ_LOGIN_CODE_AFTER_FAILURES": 25,
    }
