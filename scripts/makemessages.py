"""Regenerate the .po catalogues: one per app (rozwoj/<app>/locale) plus the project's templates (rozwoj/locale)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "rozwoj"
LANGS = ["pl", "en"]


def makemessages(cwd: Path, ignore: list[str]) -> None:
    args = [sys.executable, str(ROOT / "manage.py"), "makemessages", "--no-obsolete", "--no-location"]
    args += [f"--locale={lang}" for lang in LANGS] + [f"--ignore={pattern}" for pattern in ignore]
    (cwd / "locale").mkdir(exist_ok=True)
    subprocess.run(
        args, cwd=cwd, check=True, env={**os.environ, "DJANGO_SETTINGS_MODULE": "rozwoj.settings.dev"}
    )


apps = [p for p in PACKAGE.iterdir() if (p / "apps.py").exists()]
for app in apps:
    makemessages(app, ["tests/*"])
# Project level: templates/, settings and api.py; every app is ignored here because it has its own catalogue.
makemessages(PACKAGE, [f"{app.name}/*" for app in apps] + ["locale/*"])
