import pytest
from allauth.mfa.models import Authenticator

from rozwoj.accounts.models import ApiToken, Role
from rozwoj.accounts.tests.factories import user_with_role
from rozwoj.core.models import AuditLogEntry

pytestmark = pytest.mark.django_db


def test_a_user_creates_an_api_token_sees_it_once_and_only_its_hash_is_stored(client):
    user = user_with_role(Role.EXPERT)
    client.force_login(user)
    response = client.post("/accounts/tokens/", {"name": "raport"})
    assert response.status_code == 200
    raw = response.context["new_token"]
    token = ApiToken.objects.get(user=user)
    assert raw not in token.key_hash
    assert ApiToken.objects.for_raw(raw).get() == token
    assert AuditLogEntry.objects.filter(action="api_token.create").count() == 1
    second_view = client.get("/accounts/tokens/").content.decode()
    assert raw not in second_view


def test_a_token_needs_a_name_and_nothing_is_created_without_one(client):
    client.force_login(user_with_role(Role.EXPERT))
    response = client.post("/accounts/tokens/", {"name": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.exists()


def test_revoked_token_no_longer_authenticates(client):
    user = user_with_role(Role.COORDINATOR)
    token, raw = ApiToken.issue(user, "script")
    assert client.get("/api/v1/organisations/", headers={"Authorization": f"Bearer {raw}"}).status_code == 200
    client.force_login(user)
    client.post(f"/accounts/tokens/{token.pk}/revoke/")
    client.logout()
    assert client.get("/api/v1/organisations/", headers={"Authorization": f"Bearer {raw}"}).status_code == 401


def test_a_user_cannot_revoke_someone_elses_token(client):
    other, _raw = ApiToken.issue(user_with_role(Role.EXPERT), "theirs")
    client.force_login(user_with_role(Role.EXPERT))
    assert client.post(f"/accounts/tokens/{other.pk}/revoke/").status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None


def test_profile_and_tokens_require_login(client):
    for url in ("/accounts/profile/", "/accounts/tokens/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_coordinators_must_set_up_totp_when_production_requires_it(client, settings):
    settings.MFA_REQUIRED_ROLES = {"administrator", "coordinator"}
    coordinator = user_with_role(Role.COORDINATOR)
    client.force_login(coordinator)
    response = client.get("/programmes/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    # TOTP set up elsewhere does not make this password-only session count: it must confirm a code first.
    Authenticator.objects.create(user=coordinator, type=Authenticator.Type.TOTP, data={"secret": "x"})
    response = client.get("/programmes/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/reauthenticate/?next=%2Fprogrammes%2F"


def test_experts_are_not_forced_into_totp(client, settings):
    settings.MFA_REQUIRED_ROLES = {"administrator", "coordinator"}
    client.force_login(user_with_role(Role.EXPERT))
    assert client.get("/programmes/").status_code == 200


def test_signing_up_creates_the_person_and_sends_a_verification_email(client, mailoutbox):
    from rozwoj.people.models import Person

    response = client.post(
        "/accounts/signup/",
        {
            "email": "nowa.osoba@example.org",
            "password1": "bardzo-dlugie-haslo-2026",
            "password2": "bardzo-dlugie-haslo-2026",
            "first_name": "Nowa",
            "last_name": "Osoba",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(email="nowa.osoba@example.org")
    assert person.user is not None
    assert person.full_name == "Nowa Osoba"
    assert len(mailoutbox) == 1
    assert "nowa.osoba@example.org" in mailoutbox[0].to


def test_login_form_rejects_a_wrong_password_with_a_message(client):
    user = user_with_role(Role.EXPERT)
    response = client.post("/accounts/login/", {"login": user.email, "password": "wrong-password"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_token_use_is_recorded_without_a_write_on_every_request(client):
    user = user_with_role(Role.COORDINATOR)
    token, raw = ApiToken.issue(user, "script")
    headers = {"Authorization": f"Bearer {raw}"}
    client.get("/api/v1/organisations/", headers=headers)
    token.refresh_from_db()
    first_use = token.last_used_at
    assert first_use is not None
    client.get("/api/v1/organisations/", headers=headers)
    token.refresh_from_db()
    assert token.last_used_at == first_use
