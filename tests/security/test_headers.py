"""Every response carries a Content-Security-Policy that allows only our own scripts and styles (no inline script
or style, no eval, never framed) and a Permissions-Policy that switches off the browser features the site never
uses — in every configuration, production included. The templates contain nothing that such a policy would block.
(The browser tests fail on any CSP violation the console reports: tests/e2e/conftest.py.)"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
FEATURES_OFF = ("camera", "microphone", "geolocation", "payment", "usb", "display-capture")


def _directives(header: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


def _assert_headers(headers) -> None:
    assert _directives(headers["Content-Security-Policy"]) == CSP
    policy = headers["Permissions-Policy"]
    for feature in FEATURES_OFF:
        assert f"{feature}=()" in policy.split(", "), feature


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/", "/accounts/login/", "/events/", "/api/v1/programmes/", "/api/v1/docs", "/no-such-page/"]
)
def test_every_kind_of_response_carries_both_policies(client, path):
    response = client.get(path)
    assert response.status_code in {200, 404}, (path, response.status_code)
    _assert_headers(response)


@pytest.mark.django_db
def test_signed_in_pages_and_healthz_carry_both_policies(client):
    from rozwoj.accounts.models import Role
    from rozwoj.accounts.tests.factories import user_with_role

    client.force_login(user_with_role(Role.COORDINATOR))
    for path in ("/", "/people/", "/healthz"):
        response = client.get(path)
        assert response.status_code == 200, path
        _assert_headers(response)


@pytest.mark.django_db
def test_htmx_is_told_to_inject_no_style_and_evaluate_nothing(client):
    body = client.get("/accounts/login/").content.decode()
    config = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", body)
    assert config is not None
    assert json.loads(config.group(1)) == {
        "includeIndicatorStyles": False,
        "allowEval": False,
        "allowScriptTags": False,
    }


PROBE = """
import json
import django
django.setup()
from django.test import Client
from django.test.utils import override_settings

# Static files are not collected here; the policies do not depend on where they come from.
storages = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
with override_settings(STORAGES=storages):
    client = Client(SERVER_NAME="localhost")
    headers = {}
    for path in ("/accounts/login/", "/no-such-page/"):
        response = client.get(path, secure=True, headers={"X-Forwarded-Proto": "https"})
        headers[path] = {"status": response.status_code, **dict(response.headers)}
print(json.dumps(headers))
"""


def test_production_settings_send_both_policies(tmp_path):
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="rozwoj.settings.production",
        SECRET_KEY="p" * 60,
        DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}",  # these two pages read no table
        ROZWOJ_VAR_DIR=str(tmp_path),
        LOG_LEVEL="WARNING",
    )
    result = subprocess.run(  # noqa: S603 — our own interpreter and code
        [sys.executable, "-W", "ignore", "-c", PROBE],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    assert answers["/accounts/login/"]["status"] == 200
    assert answers["/no-such-page/"]["status"] == 404
    for headers in answers.values():
        _assert_headers(headers)


# What the policy blocks, as it would appear in a template: an inline <script> (one without src; JSON data
# blocks are not run and are allowed), an on…= event handler, htmx's hx-on (evaluated code), a javascript: URL,
# an inline style attribute or <style> element.
BLOCKED = {
    "inline script": re.compile(
        r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I
    ),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=", re.I),
    "hx-on attribute": re.compile(r"\shx-on[:-]", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
    "inline style attribute": re.compile(r"\sstyle\s*=", re.I),
    "style element": re.compile(r"<style[\s>]", re.I),
}


def _templates() -> list[Path]:
    """The templates of pages and partials; not e-mails (read in mail programs) nor the HTML that WeasyPrint turns
    into PDF documents (*pdf*), which no browser renders under the site's policy."""
    return [
        path
        for path in (ROOT / "rozwoj").rglob("templates/**/*.html")
        if "emails" not in path.parts and "pdf" not in path.name
    ]


def test_no_template_contains_what_the_policy_blocks():
    templates = _templates()
    assert len(templates) > 50
    found = [
        f"{path.relative_to(ROOT)}:{text[: match.start()].count(chr(10)) + 1}: {kind}"
        for path in templates
        for text in [path.read_text(encoding="utf-8")]
        for kind, pattern in BLOCKED.items()
        for match in pattern.finditer(text)
    ]
    assert not found, "\n".join(found)
