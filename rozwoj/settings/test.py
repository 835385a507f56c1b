"""Test settings. DATABASE_URL selects PostgreSQL; otherwise SQLite."""

import os

from .base import *  # noqa: F403
from .base import DATABASES, ROZWOJ_COACHING_NOTES_KEYS, VAR_DIR

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CELERY_TASK_ALWAYS_EAGER = True
ACCOUNT_RATE_LIMITS = {"login_failed": "1000/m/ip"}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so that live-server threads and parallel-request tests share it.
    # One file per test process, so that several runs on one machine do not collide.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# Static files straight from the apps (no collectstatic needed for tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# A published key for the embedded default and tests only: production reads COACHING_NOTES_KEYS (no fallback).
ROZWOJ_COACHING_NOTES_KEYS = ROZWOJ_COACHING_NOTES_KEYS or ["dGVzdC1vbmx5LWNvYWNoaW5nLW5vdGVzLWtleS0zMmI="]
