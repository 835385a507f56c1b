"""Settings shared by every environment. Values that differ per deployment come from the environment."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent  # the rozwoj package
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("ROZWOJ_VAR_DIR", PROJECT_DIR / "var"))


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The public address of the site, for links in e-mails and calendar files.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_countries",
    "django_htmx",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "ninja",
    "csp",
    # Rozwój apps, in dependency order: an app may use the apps above it, never those below.
    "rozwoj.core",
    "rozwoj.accounts",
    "rozwoj.notifications",
    "rozwoj.sitepages",
    "rozwoj.organisations",
    "rozwoj.people",
    "rozwoj.experts",
    "rozwoj.programmes",
    "rozwoj.documents",
    "rozwoj.surveys",
    "rozwoj.events",
    "rozwoj.news",
    "rozwoj.advisory",
    "rozwoj.coaching",
    "rozwoj.handbooks",
    "rozwoj.partnerships",
    "rozwoj.search",
    "rozwoj.dashboard",
    "rozwoj.demo",
]

MIDDLEWARE = [
    "rozwoj.core.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # /healthz is answered here, before sessions and authentication: no cookie makes it touch the database
    # beyond its own probe.
    "rozwoj.core.middleware.HealthCheckMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "rozwoj.core.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "rozwoj.core.middleware.RejectUnstorableInputMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "rozwoj.accounts.middleware.RequireMfaMiddleware",
]

# Database sessions whose cookie is checked before the lookup (rozwoj/core/sessions.py).
SESSION_ENGINE = "rozwoj.core.sessions"

ROOT_URLCONF = "rozwoj.urls"
# Every form's labels start with a capital letter and end without a colon (rozwoj.core.forms.BoundField).
FORM_RENDERER = "rozwoj.core.forms.FormRenderer"
WSGI_APPLICATION = "rozwoj.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rozwoj.accounts.context_processors.roles",
            ],
        },
    },
]

# The embedded default is SQLite in WAL mode under var/; production sets DATABASE_URL.
DEFAULT_SQLITE_PATH = VAR_DIR / "rozwoj.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{DEFAULT_SQLITE_PATH}"), conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Polish first; English complete. Translators add a language by adding
# it here and its .po files (source strings are English).
LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LANGUAGE_COOKIE_NAME = "rozwoj_language"
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Our own date formats where Django's are ambiguous (English "09/01/2020"): rozwoj/locale/<language>/formats.py.
FORMAT_MODULE_PATH = ["rozwoj.locale"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# E-mail: console in the embedded default; SMTP when EMAIL_URL-like settings are given.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Rozwój <no-reply@rozwoj.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env("REDIS_URL")}
        if env("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Background work: Celery with a broker in production; without CELERY_BROKER_URL tasks run eagerly.
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
# A task is acknowledged when it has finished, not when a worker takes it: if the worker is killed in the middle
# (kill -9, OOM, a reboot), the broker hands the task to the next worker (RabbitMQ at once, Redis after the
# visibility timeout). The tasks are written to be run again: reminders and attendance lists are claimed in the
# database; an e-mail may at worst leave twice rather than never.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # a killed worker holds back no more tasks than it was running
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True  # they are delivered again anyway
# Redis: unacknowledged tasks of a dead worker come back after this many seconds; longer than any task runs
# (a 5,000-row attendance list takes under a minute) plus the longest retry delay of e-mails.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 15 * 60}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True  # wait for a broker that starts after the worker
# Periodic work: each app registers its jobs in rozwoj.core.periodic (<app>/jobs.py). Production runs
# `celery -A rozwoj beat`, whose schedule is built from that registry; the embedded default runs
# `manage.py run_background`. Beat keeps its own last-run times in this file.
CELERY_BEAT_SCHEDULER = "rozwoj.core.periodic.beat:RegistryScheduler"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# Accounts (django-allauth): e-mail login, verification, password reset, TOTP.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard:home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_ADAPTER = "rozwoj.people.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "rozwoj.people.forms.SignupForm"}
# Failed logins (see rozwoj/accounts/adapters.py): per client address, and per account *and* address, refused
# for a while; per account over all addresses, after ROZWOJ_LOGIN_CODE_AFTER_FAILURES failures within the window
# the right password must be followed by a code e-mailed to the account. Nobody is locked out of their account.
ACCOUNT_RATE_LIMITS = {"login_failed": env("LOGIN_FAILED_RATE_LIMIT", "10/m/ip,5/5m/key")}
ROZWOJ_LOGIN_CODE_AFTER_FAILURES = int(env("LOGIN_CODE_AFTER_FAILURES", "10"))
ROZWOJ_LOGIN_FAILURE_WINDOW = 3600  # seconds
ACCOUNT_LOGIN_BY_CODE_ENABLED = True  # "send me a sign-in code": then TOTP as usual, if it is set up
# The client address that the limits count: behind a proxy, the address it adds to X-Forwarded-For (the
# number of proxies of your own in front of the application), or a header it sets; never what a client sends.
ALLAUTH_TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env("TRUSTED_CLIENT_IP_HEADER") or None
MFA_ADAPTER = "rozwoj.accounts.adapters.MfaAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Rozwój"
# Roles that must use TOTP: no page, API call or token without it (rozwoj/accounts/mfa.py; production sets them).
MFA_REQUIRED_ROLES: set[str] = set()

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy in every configuration: scripts and styles only from our own static files (HTMX is
# vendored; no inline script, no inline event handler, no eval), images from us or data: URIs, never framed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Browser features the site never uses are switched off for it and anything it embeds.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

COUNTRIES_FIRST = ["PL", "LV", "GR"]

ROZWOJ_DEMO_ALLOWED = True
ROZWOJ_PAGE_SIZE = 25
# Fernet keys encrypting coaches' private notes, newest first (docs/coaching.md: key rotation).
ROZWOJ_COACHING_NOTES_KEYS = env_list("COACHING_NOTES_KEYS")
# Above this many organisations, organisation fields offer a search box instead of listing them all.
ROZWOJ_ORGANISATION_SELECT_LIMIT = 300
# Longer attendance lists are prepared in the background (WeasyPrint: about 160 rows a second).
ROZWOJ_ATTENDANCE_LIST_INLINE_ROWS = 300
ROZWOJ_ATTENDANCE_LIST_KEEP_DAYS = 30  # prepared lists hold personal data: deleted after this many days

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "rozwoj.core.logging.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"handlers": [], "propagate": False},
        "django.request": {"level": "ERROR"},
    },
}
