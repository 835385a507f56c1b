"""The second factor cannot be skipped: every path that authenticates, for a role that must use TOTP.

Production requires TOTP of administrators and coordinators (`MFA_REQUIRED_ROLES`); these tests set the same.
A coordinator signed in with the password alone (no TOTP yet) gets nothing but the way to set TOTP up: no page,
no account page (API tokens included), no API access, no token; a token or calendar link made before is refused
until TOTP is set up. The login by code, the password reset, e-mail verification and the Django admin's sign-in
lead through the same steps.
"""

import re

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from rozwoj.accounts.models import ApiToken, Role, UserRole
from rozwoj.accounts.services import api_token_create
from rozwoj.accounts.tests.factories import DEMO_PASSWORD, user_with_role
from rozwoj.events.services.calendars import feed_for_user
from rozwoj.people.tests.factories import person_with_login

from .signin import (
    REQUIRED,
    bearer,
    code_in,
    give_totp,
    is_signed_in,
    set_totp_up,
    sign_in,
    sign_in_with_password,
    totp_code,
)

pytestmark = pytest.mark.django_db

ACTIVATE = "/accounts/2fa/totp/activate/"
SECOND_FACTOR_MESSAGE = "two-factor authentication"


@pytest.fixture(autouse=True)
def _production_policy(settings):
    settings.MFA_REQUIRED_ROLES = REQUIRED
    settings.LANGUAGE_CODE = "en"
    cache.clear()  # allauth's limits (e.g. 30 logins a minute per address) count in the cache across tests


def _refused_with_second_factor_message(response) -> bool:
    return (
        response.status_code == 403
        and response["Content-Type"].startswith("application/json")
        and SECOND_FACTOR_MESSAGE in response.json()["detail"]
    )


# --- a session signed in with the password alone ----------------------------------------------------------


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ADMINISTRATOR])
def test_a_password_only_session_reaches_no_page_but_the_totp_set_up(client, role):
    user = user_with_role(role)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    sign_in(client, user)
    for url in (
        "/",
        "/programmes/",
        reverse("accounts:tokens"),
        reverse("accounts:profile"),
        reverse("account_email"),
        reverse("account_change_password"),
        reverse("mfa_index"),
        reverse("admin:index"),
        reverse("events:feed_settings"),
    ):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, ACTIVATE), url
    # What setting TOTP up needs stays open: the set-up page, the password asked again before it, signing out.
    assert (
        client.get(ACTIVATE)["Location"]
        == "/accounts/reauthenticate/?next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F"
    )
    assert client.get(reverse("account_reauthenticate")).status_code == 200
    assert client.get(reverse("healthz")).status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302
    assert not is_signed_in(client, user)


def test_a_password_only_session_creates_no_api_token(client):
    coordinator = user_with_role(Role.COORDINATOR)
    sign_in(client, coordinator)
    response = client.post(reverse("accounts:tokens"), {"name": "skrypt"})
    assert (response.status_code, response["Location"]) == (302, ACTIVATE)
    assert not ApiToken.objects.exists()


def test_the_token_service_refuses_without_a_proved_second_factor():
    coordinator = user_with_role(Role.COORDINATOR)
    with pytest.raises(PermissionDenied):
        api_token_create(user=coordinator, name="skrypt", second_factor_proved=False)
    give_totp(coordinator)
    with pytest.raises(PermissionDenied):
        api_token_create(user=coordinator, name="skrypt", second_factor_proved=False)
    assert not ApiToken.objects.exists()
    expert = user_with_role(Role.EXPERT)
    api_token_create(user=expert, name="skrypt", second_factor_proved=False)
    assert ApiToken.objects.filter(user=expert).count() == 1


def test_the_api_answers_a_password_only_session_with_a_json_403_on_every_operation(client):
    coordinator = user_with_role(Role.COORDINATOR)
    sign_in(client, coordinator)
    for url in ("/api/v1/organisations/", "/api/v1/people/", "/api/v1/programmes/", "/api/v1/events/"):
        response = client.get(url)
        assert _refused_with_second_factor_message(response), (url, response.status_code)


def test_a_token_made_before_totp_is_refused_until_totp_is_set_up(client):
    """The tester's path: a token made while the second factor was missing (here: the coordinator role came
    later) gave full coordinator access through the API and kept working."""
    user = user_with_role(Role.EXPERT)
    _token, raw = ApiToken.issue(user, "skrypt")
    assert client.get("/api/v1/people/", headers=bearer(raw)).status_code == 200
    UserRole.objects.create(user=user, role=Role.COORDINATOR)
    for url in ("/api/v1/people/", "/api/v1/programmes/", "/api/v1/local-governments/"):
        assert _refused_with_second_factor_message(client.get(url, headers=bearer(raw))), url
    give_totp(user)
    assert client.get("/api/v1/people/", headers=bearer(raw)).status_code == 200


@pytest.mark.django_db(transaction=True)  # allauth announces the new authenticator after its commit
def test_setting_totp_up_in_the_session_opens_pages_tokens_and_the_api(client):
    coordinator = user_with_role(Role.COORDINATOR)
    sign_in(client, coordinator)
    set_totp_up(client, coordinator)
    assert client.get("/programmes/").status_code == 200
    assert client.get("/api/v1/people/").status_code == 200
    response = client.post(reverse("accounts:tokens"), {"name": "skrypt"})
    raw = response.context["new_token"]
    client.logout()
    assert client.get("/api/v1/people/", headers=bearer(raw)).status_code == 200


def test_totp_set_up_elsewhere_does_not_open_a_session_signed_in_without_it(client):
    """A session signed in with the password before TOTP was set up (in another browser) must confirm a code."""
    coordinator = user_with_role(Role.COORDINATOR)
    sign_in(client, coordinator)
    secret = give_totp(coordinator)
    response = client.get("/programmes/")
    assert (response.status_code, response["Location"]) == (
        302,
        "/accounts/2fa/reauthenticate/?next=%2Fprogrammes%2F",
    )
    assert client.get(reverse("accounts:tokens")).status_code == 302
    assert _refused_with_second_factor_message(client.get("/api/v1/people/"))
    response = client.post("/accounts/2fa/reauthenticate/?next=/programmes/", {"code": totp_code(secret)})
    assert (response.status_code, response["Location"]) == (302, "/programmes/")
    assert client.get("/programmes/").status_code == 200
    assert client.get("/api/v1/people/").status_code == 200


def test_a_role_given_while_signed_in_asks_for_the_second_factor_at_the_next_request(client):
    user = user_with_role(Role.EXPERT)
    sign_in(client, user)
    _token, raw = ApiToken.issue(user, "skrypt")
    assert client.get("/programmes/").status_code == 200
    UserRole.objects.create(user=user, role=Role.COORDINATOR)
    assert client.get("/programmes/")["Location"] == ACTIVATE
    assert _refused_with_second_factor_message(client.get("/api/v1/people/"))
    client.logout()
    assert _refused_with_second_factor_message(client.get("/api/v1/people/", headers=bearer(raw)))


def test_a_coordinator_with_totp_signs_in_with_the_code_and_gets_a_working_token(client):
    coordinator = user_with_role(Role.COORDINATOR)
    secret = give_totp(coordinator)
    response = sign_in_with_password(client, coordinator)
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert not is_signed_in(client, coordinator)
    assert client.get("/api/v1/people/").status_code == 401
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert client.get("/programmes/").status_code == 200
    raw = client.post(reverse("accounts:tokens"), {"name": "skrypt"}).context["new_token"]
    client.logout()
    assert client.get("/api/v1/people/", headers=bearer(raw)).status_code == 200


@pytest.mark.parametrize(("role", "may_switch_off"), [(Role.COORDINATOR, False), (Role.EXPERT, True)])
def test_a_required_totp_cannot_be_switched_off(client, role, may_switch_off):
    user = user_with_role(role)
    secret = give_totp(user)
    sign_in(client, user, secret)
    client.post(reverse("account_reauthenticate"), {"password": DEMO_PASSWORD})  # switching off asks for it
    client.post(reverse("mfa_deactivate_totp"))
    assert user.authenticator_set.filter(type="totp").exists() is not may_switch_off


def test_users_without_a_required_role_are_not_asked_for_more(client):
    expert = user_with_role(Role.EXPERT)
    sign_in(client, expert)
    assert client.get("/programmes/").status_code == 200
    raw = client.post(reverse("accounts:tokens"), {"name": "skrypt"}).context["new_token"]
    client.logout()
    assert client.get("/api/v1/people/", headers=bearer(raw)).status_code == 200


# --- links and other ways in ---------------------------------------------------------------------------------


def test_a_calendar_feed_link_works_only_while_the_required_totp_is_set_up(client):
    coordinator = person_with_login(Role.COORDINATOR).user
    url = reverse("events:feed", args=[feed_for_user(coordinator).token])
    assert client.get(url).status_code == 404
    give_totp(coordinator)
    assert client.get(url).status_code == 200


def test_links_in_e_mails_open_only_after_the_second_factor(client):
    """Registration and cancellation e-mails link to pages that need a signed-in session (no link signs anyone
    in by itself), so they lead through the same steps."""
    coordinator = person_with_login(Role.COORDINATOR).user
    for url in (reverse("events:my_registrations"), reverse("events:list")):
        sign_in(client, coordinator)
        assert client.get(url)["Location"] == ACTIVATE, url
        client.logout()


def test_a_password_reset_does_not_sign_in_and_the_next_sign_in_asks_for_the_code(client, mailoutbox):
    coordinator = user_with_role(Role.COORDINATOR)
    secret = give_totp(coordinator)
    client.post(reverse("account_reset_password"), {"email": coordinator.email})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mailoutbox[-1].body).group(1)
    form_url = client.get(link)["Location"]
    new_password = "nowe-bezpieczne-haslo-2026"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    assert not is_signed_in(client, coordinator)
    response = sign_in_with_password(client, coordinator, password=new_password)
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert not is_signed_in(client, coordinator)
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert is_signed_in(client, coordinator)


def test_an_e_mail_verification_link_confirms_the_address_without_signing_in(client):
    coordinator = user_with_role(Role.COORDINATOR)
    give_totp(coordinator)
    address = EmailAddress.objects.create(user=coordinator, email="druga@example.org", verified=False)
    key = EmailConfirmationHMAC(address).key
    response = client.post(reverse("account_confirm_email", args=[key]))
    assert response.status_code == 302
    address.refresh_from_db()
    assert address.verified
    assert not is_signed_in(client, coordinator)


def test_the_login_by_code_still_asks_for_totp(client, mailoutbox):
    coordinator = user_with_role(Role.COORDINATOR)
    secret = give_totp(coordinator)
    response = client.post(reverse("account_request_login_code"), {"email": coordinator.email})
    assert response["Location"] == reverse("account_confirm_login_code")
    code = code_in(mailoutbox[-1])
    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert not is_signed_in(client, coordinator)
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert is_signed_in(client, coordinator)


def test_the_login_by_code_without_totp_leads_to_setting_it_up(client, mailoutbox):
    coordinator = user_with_role(Role.COORDINATOR)
    client.post(reverse("account_request_login_code"), {"email": coordinator.email})
    code = code_in(mailoutbox[-1])
    client.post(reverse("account_confirm_login_code"), {"code": code})
    assert client.get("/programmes/")["Location"] == ACTIVATE
    assert _refused_with_second_factor_message(client.get("/api/v1/people/"))


def test_the_django_admin_signs_in_through_the_site_login_only(client):
    administrator = user_with_role(Role.ADMINISTRATOR, is_staff=True)
    secret = give_totp(administrator)
    response = client.get("/admin/login/?next=/admin/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/admin/")
    # The admin's own password-only form is gone: posting the password to it signs nobody in.
    client.post("/admin/login/?next=/admin/", {"username": administrator.email, "password": DEMO_PASSWORD})
    assert not is_signed_in(client, administrator)
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    sign_in(client, administrator, secret)
    assert client.get("/admin/").status_code == 200
