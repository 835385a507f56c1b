import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


SECRET = "x" * 20 + "-production-secret-key-for-the-check-" + "y" * 20


def _run_with_production_settings(*command, **env):
    full_env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in {"SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        },
        "DJANGO_SETTINGS_MODULE": "rozwoj.settings.production",
        **env,
    }
    return subprocess.run(  # noqa: S603 — manage.py of this project
        [sys.executable, "manage.py", *(command or ("check", "--deploy", "--fail-level", "WARNING"))],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_refuse_to_start_without_a_real_secret_key():
    result = _run_with_production_settings()
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


NOTES_KEY = "cHJvZHVjdGlvbi1jb2FjaGluZy1ub3Rlcy1rZXktMzI="  # a valid Fernet key, for the check only


def test_production_settings_pass_the_deployment_checks():
    result = _run_with_production_settings(SECRET_KEY=SECRET, COACHING_NOTES_KEYS=NOTES_KEY)
    assert result.returncode == 0, result.stderr


def test_production_settings_refuse_to_start_without_keys_for_coaches_notes():
    result = _run_with_production_settings(SECRET_KEY=SECRET, COACHING_NOTES_KEYS="")
    assert result.returncode != 0
    assert "coaching.E001" in result.stderr


CLIENT_ADDRESS = """
from allauth.account.adapter import get_adapter
from django.test import RequestFactory
request = RequestFactory().post(
    "/accounts/login/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="{forwarded}"
)
print(get_adapter().get_client_ip(request))
"""


@pytest.mark.parametrize(
    ("forwarded", "client"),
    [
        ("203.0.113.5", "203.0.113.5"),
        # A client cannot pass for another: nginx appends the address it saw, and that one counts.
        ("198.51.100.1, 203.0.113.5", "203.0.113.5"),
    ],
)
def test_behind_the_proxy_login_limits_count_the_client_address_not_the_proxy(forwarded, client):
    result = _run_with_production_settings(
        "shell", "-c", CLIENT_ADDRESS.format(forwarded=forwarded), SECRET_KEY=SECRET
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == client


@pytest.mark.django_db
def test_demo_data_is_refused_under_production_settings(settings):
    from django.core.management import CommandError, call_command

    settings.ROZWOJ_DEMO_ALLOWED = False
    with pytest.raises(CommandError, match="production"):
        call_command("load_demo")
