import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _run_with_production_settings(**env):
    full_env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in {"SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        },
        "DJANGO_SETTINGS_MODULE": "rozwoj.settings.production",
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
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


def test_production_settings_pass_the_deployment_checks():
    result = _run_with_production_settings(
        SECRET_KEY="x" * 20 + "-production-secret-key-for-the-check-" + "y" * 20
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_demo_data_is_refused_under_production_settings(settings):
    from django.core.management import CommandError, call_command

    settings.ROZWOJ_DEMO_ALLOWED = False
    with pytest.raises(CommandError, match="production"):
        call_command("load_demo")
