"""Snapshot tests of e-mails: every app keeps the expected subject and body of each of its e-mails, per language,
in `<app>/tests/snapshots/emails/<name>.<language>.txt`.

An app's test sends each e-mail through its real service and calls `assert_email_matches_snapshot(mail, kind,
language)`. After changing an e-mail on purpose, regenerate the files and read their diff before committing:

    ROZWOJ_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest rozwoj/events/tests/test_emails.py

`test_email_templates.py` fails when an e-mail template has no snapshot in some language.
"""

import os
import re
from pathlib import Path

from django.apps import AppConfig, apps
from django.conf import settings

from rozwoj.notifications.emails import template_names

UPDATE = os.environ.get("ROZWOJ_UPDATE_SNAPSHOTS", "") not in ("", "0")
SNAPSHOTS = Path("tests/snapshots/emails")
_URL = re.compile(r"https?://\S+")
_ID = re.compile(r"/\d+(?=[/.?#]|$)")


def project_apps() -> list[AppConfig]:
    return [config for config in apps.get_app_configs() if config.name.startswith("rozwoj.")]


def email_kinds(config: AppConfig) -> list[str]:
    """The kinds ("<app>.<name>") of the e-mail templates an app ships."""
    folder = Path(config.path) / "templates" / config.label / "emails"
    return sorted(
        f"{config.label}.{path.name.removesuffix('.subject.txt')}" for path in folder.glob("*.subject.txt")
    )


def template_path(kind: str, which: int) -> Path:
    """The file of the subject (0) or body (1) template of `kind`."""
    config = apps.get_app_config(kind.partition(".")[0])
    return Path(config.path) / "templates" / template_names(kind)[which]


def snapshot_path(kind: str, language: str) -> Path:
    label, _dot, name = kind.partition(".")
    return Path(apps.get_app_config(label).path) / SNAPSHOTS / f"{name}.{language}.txt"


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def rendered(mail) -> str:
    """What a snapshot holds: the subject and body as sent, with the ids in links replaced (they differ per run)."""
    body = _URL.sub(lambda link: _ID.sub("/<id>", link.group()), mail.body)
    return f"Subject: {mail.subject}\n\n{body}\n"


def assert_email_matches_snapshot(mail, kind: str, language: str) -> None:
    path = snapshot_path(kind, language)
    actual = rendered(mail)
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"No snapshot {path}; write it with ROZWOJ_UPDATE_SNAPSHOTS=1 and check it."
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, (
        f"The e-mail {kind} ({language}) differs from {path}. If the change is intended, regenerate it with "
        f"ROZWOJ_UPDATE_SNAPSHOTS=1 and review the diff."
    )
