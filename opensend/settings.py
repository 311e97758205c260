"""Django settings for OpenSEND.

Zero configuration runs the demo on SQLite with DEBUG on. Production behaviour comes from the
environment (see README "Running it for real"): nothing secret is committed, and a production
start without a secret key fails loudly rather than running with a known one.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    try:
        return int(value) if value else default
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from error


DEBUG = env_bool("OPENSEND_DEBUG", default=True)
TESTING = env_bool("OPENSEND_TESTING", default=False)

SECRET_KEY = os.environ.get("OPENSEND_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set OPENSEND_SECRET_KEY when OPENSEND_DEBUG is off.")
    SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = [h for h in os.environ.get("OPENSEND_ALLOWED_HOSTS", "").split(",") if h]
if DEBUG:
    ALLOWED_HOSTS += ["127.0.0.1", "localhost", "[::1]", "testserver"]
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("OPENSEND_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]

# The public address people reach OpenSEND at, used in emails and calendar feeds.
SITE_URL = os.environ.get("OPENSEND_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SERVICE_NAME = os.environ.get("OPENSEND_SERVICE_NAME", "OpenSEND")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_forms_gds",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # serves Swagger UI from our own origin (the CSP forbids CDNs and inline scripts)
    "opensend.core",
    "opensend.accounts",
    "opensend.organisations",
    "opensend.people",
    "opensend.support",
    "opensend.provision",
    "opensend.meetings",
    "opensend.ehc",
    "opensend.reviews",
    "opensend.workforce",
    "opensend.publishing",
    "opensend.reports",
    "opensend.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "opensend.core.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "opensend.accounts.middleware.RequireMultiFactorMiddleware",
]

ROOT_URLCONF = "opensend.urls"
WSGI_APPLICATION = "opensend.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "opensend" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "opensend.core.context_processors.service",
            ],
        },
    },
]

# SQLite by default (zero configuration); PostgreSQL in production via DATABASE_URL.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("OPENSEND_SQLITE_PATH", str(BASE_DIR / "opensend.sqlite3")),
            # WAL and IMMEDIATE transactions let the web process and the task worker write
            # at the same time without "database is locked" (reference/stack.md §9).
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
                ),
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts: email sign-in, no open sign-up (people join by invitation), rate-limited attempts.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
# An invitation link proves the address it was sent to (organisations.services marks it
# verified); any address added later must be verified before it can be used to sign in.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_ADAPTER = "opensend.accounts.adapters.InvitationOnlyAccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "login": "30/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"{SERVICE_NAME}: "
SOCIALACCOUNT_ADAPTER = "opensend.accounts.adapters.NoSignupSocialAccountAdapter"
SOCIALACCOUNT_ONLY = False
MFA_ADAPTER = "opensend.accounts.adapters.StaffMfaAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SERVICE_NAME
# Accept the previous and next 30-second code too: phones drift and people type slowly.
MFA_TOTP_TOLERANCE = 1
MFA_RECOVERY_CODE_COUNT = 10
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "signed_out"

# Sessions end after 30 minutes without activity; the page warns 2 minutes before.
SESSION_COOKIE_AGE = env_int("OPENSEND_SESSION_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_TIMEOUT_WARNING_SECONDS = 120

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "opensend" / "static"]
STATIC_ROOT = Path(os.environ.get("OPENSEND_STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "opensend.core.storage.StaticStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# In development whitenoise serves straight from the app folders, so no collectstatic is needed.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Labels and hints are escaped for every form (crispy-forms-gds prints them with |safe).
FORM_RENDERER = "opensend.core.form_rendering.FormRenderer"
CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# Web hardening (OWASP ASVS level 2): secure cookies and HSTS whenever served over HTTPS.
SECURE_HTTPS = env_bool("OPENSEND_HTTPS", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = 63072000 if SECURE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_SSL_REDIRECT = env_bool("OPENSEND_SSL_REDIRECT", default=False)
if SECURE_HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HSTS preload binds the whole domain (a council's, a school's): its owner's decision, not ours.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "opensend.core.views.csrf_failure"

# Email: GOV.UK Notify when an API key is given, Django's email backends otherwise.
NOTIFY_API_KEY = os.environ.get("GOVUK_NOTIFY_API_KEY", "")
NOTIFY_BASE_URL = os.environ.get("GOVUK_NOTIFY_BASE_URL", "")
# Notify sends only through templates; each OpenSEND message kind maps to a template id.
NOTIFY_TEMPLATE_IDS = {
    kind.strip(): template.strip()
    for kind, _, template in (
        pair.partition("=")
        for pair in os.environ.get("GOVUK_NOTIFY_TEMPLATES", "").split(",")
        if "=" in pair
    )
}
EMAIL_BACKEND = os.environ.get(
    "OPENSEND_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("OPENSEND_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("OPENSEND_EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = os.environ.get("OPENSEND_FROM_EMAIL", "opensend@localhost")

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Logs carry event kinds and record ids, never names or SEN details (special category data).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("OPENSEND_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
    },
}

# Personal API tokens: how long one lasts unless revoked.
API_TOKEN_DAYS = env_int("OPENSEND_API_TOKEN_DAYS", 90)
INVITATION_DAYS = env_int("OPENSEND_INVITATION_DAYS", 14)
