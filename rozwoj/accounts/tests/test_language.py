"""The language a user chooses is remembered on the account: e-mails use it and the next login restores it."""

import pytest
from django.urls import reverse

from rozwoj.accounts.tests.factories import DEMO_PASSWORD, user_with_role

pytestmark = pytest.mark.django_db
SWITCH = reverse("set_language")


def test_the_switch_remembers_the_language_on_the_account(client):
    user = user_with_role("expert")
    client.force_login(user)
    response = client.post(SWITCH, {"language": "en", "next": "/events/"})
    assert response.status_code == 302
    assert response["Location"] == "/events/"
    assert response.cookies["rozwoj_language"].value == "en"
    user.refresh_from_db()
    assert user.preferred_language == "en"
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Language of e-mails and certificates" in page
    assert "English" in page


@pytest.mark.parametrize("language", ["xx", "", "en-GB" * 30, "<script>"])
def test_an_unknown_language_changes_nothing(client, language):
    user = user_with_role("expert", preferred_language="pl")
    client.force_login(user)
    response = client.post(SWITCH, {"language": language, "next": "/"})
    assert response.status_code == 302
    assert "rozwoj_language" not in response.cookies
    user.refresh_from_db()
    assert user.preferred_language == "pl"


def test_a_foreign_next_address_is_not_followed(client):
    response = client.post(SWITCH, {"language": "xx", "next": "https://evil.example.com/"})
    assert response["Location"] == "/"


def test_visitors_switch_with_a_cookie_only(client):
    response = client.post(SWITCH, {"language": "en", "next": "/"})
    assert response.cookies["rozwoj_language"].value == "en"


def test_logging_in_brings_back_the_chosen_language(client):
    user = user_with_role("expert", preferred_language="en")
    response = client.post(reverse("account_login"), {"login": user.email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert response.cookies["rozwoj_language"].value == "en"
    assert "Your account" in client.get(reverse("accounts:profile")).content.decode()


def test_logging_in_without_a_choice_keeps_polish(client):
    user = user_with_role("expert")
    response = client.post(reverse("account_login"), {"login": user.email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert "rozwoj_language" not in response.cookies
    assert "Twoje konto" in client.get(reverse("accounts:profile")).content.decode()


def test_the_message_after_login_is_in_the_language_the_user_is_switched_to(client):
    user = user_with_role("expert", preferred_language="en")
    client.cookies["rozwoj_language"] = "pl"  # the page of the login form was Polish
    client.post(reverse("account_login"), {"login": user.email, "password": DEMO_PASSWORD})
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Successfully signed in as" in page
    assert "Pomyślnie zalogowano" not in page


def test_without_a_preferred_language_the_message_follows_the_page(client):
    user = user_with_role("expert")
    client.cookies["rozwoj_language"] = "en"
    client.post(reverse("account_login"), {"login": user.email, "password": DEMO_PASSWORD})
    assert "Successfully signed in as" in client.get(reverse("accounts:profile")).content.decode()
