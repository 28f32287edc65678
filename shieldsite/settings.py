"""Shield settings: one file, every knob from the environment, safe local defaults.

Local default: `make run` / `make test` start the project's own PostgreSQL (shieldsite/devdb.py)
and RQ jobs run in-process (no Redis).
Production: set DEBUG=0, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and REDIS_URL.
See README.md for the full table.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Only ever used on a developer's machine with DEBUG on.
    SECRET_KEY = "dev-only-insecure-key-shield-local-3f9a1c7e5b2d8f4a6c0e9b1d7a3f5c8e2b4d6f0a"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_htmx",
    "django_rq",
    "import_export",
    "axes",
    "csp",
    "blacklist",
    "reviews",
    "complaints",
    # Last: the job outbox (shieldsite/models.py) used by shieldsite.queues.
    "shieldsite",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "shieldsite.middleware.StripNulFromQuery",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "shieldsite.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "shieldsite.middleware.MethodNotAllowedPage",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "shieldsite.urls"
WSGI_APPLICATION = "shieldsite.wsgi.application"

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
                "reviews.context_processors.shop_context",
            ],
        },
    },
]

# PostgreSQL only. With no DATABASE_URL, `make run` and `make test` start the project's own
# PostgreSQL from a pip wheel and pass its URL to the commands they run (shieldsite/devdb.py);
# a command run by hand without it (`manage.py makemigrations --check`, say) points at that
# server's socket, and one that needs the database says it cannot reach it there: start it with
# `make run`, run the command through `.venv/bin/python -m shieldsite.devdb COMMAND ...`, or set
# DATABASE_URL=postgres://user@host:5432/name.
DATABASE_URL = os.environ.get("DATABASE_URL") or (
    f"postgres://postgres@{quote(str(BASE_DIR / '.pgdata' / 'cluster'), safe='')}/shield"
)
# CONN_MAX_AGE: seconds a process keeps its connection between requests (one per process with
# gunicorn's sync worker; count them against max_connections, docs/deploy.md §9).
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("CONN_MAX_AGE", 60), conn_health_checks=True)
}
# Behind pgbouncer in transaction mode a server-side cursor (QuerySet.iterator()) can be read on
# another server connection than the one that declared it: turn them off there.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env_bool("DB_DISABLE_SERVER_SIDE_CURSORS", False)

# The check API's few hot queries run as prepared statements (shieldsite/db.py); turn off behind
# pgbouncer in transaction mode older than 1.21.
DB_PREPARED_STATEMENTS = env_bool("DB_PREPARED_STATEMENTS", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # First: refuses logins for a username+IP pair locked out after repeated failures.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind a proxy, the client address comes from X-Forwarded-For (set AXES_IPWARE_PROXY_COUNT).
AXES_IPWARE_PROXY_COUNT = env_int("AXES_IPWARE_PROXY_COUNT", 0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "reviews:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
# django-filter's choice filters offer "all" in the user's language instead of "---------".
FILTERS_EMPTY_CHOICE_LABEL = gettext_lazy("全部")
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# Uploaded files go through Django's storage API only: a folder on this host by default, or an
# S3-compatible bucket shared by every web host and worker when AWS_STORAGE_BUCKET_NAME is set
# (credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, as boto3 reads them; docs/deploy.md §10).
S3_BUCKET = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
STORAGES = {
    "default": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "location": os.environ.get("AWS_S3_LOCATION", "shield"),
            # Private objects; downloads go through Shield's permission-checked views, never a bucket URL.
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    if S3_BUCKET
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploaded files (imports, evidence) are never served from a public URL: they live
# under MEDIA_ROOT and go out only through permission-checked download views.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "private"))
MEDIA_URL = "/files/"

# Complaints policy: the platform answers within this many working days (Mon-Fri) of
# submission; evidence uploads are capped per file and per complaint.
SHIELD_COMPLAINT_REPLY_DAYS = env_int("SHIELD_COMPLAINT_REPLY_DAYS", 3)
SHIELD_EVIDENCE_MAX_FILE_MB = env_int("SHIELD_EVIDENCE_MAX_FILE_MB", 10)
SHIELD_EVIDENCE_MAX_COMPLAINT_MB = env_int("SHIELD_EVIDENCE_MAX_COMPLAINT_MB", 50)
# A complaint is about a few buyers, not a way to export the shop: its evidence pack lists every
# order it names, so it names at most this many (split a bigger case into several complaints).
SHIELD_COMPLAINT_MAX_ORDERS = env_int("SHIELD_COMPLAINT_MAX_ORDERS", 200)

# Background jobs. REDIS_URL unset: jobs run in-process when the transaction
# commits (laptop and demo). Set: real RQ queues; run `manage.py rqworker imports scoring default`.
REDIS_URL = os.environ.get("REDIS_URL", "")
RQ_ASYNC = env_bool("RQ_ASYNC", True)
RQ_QUEUE_NAMES = ("default", "imports", "scoring")
RQ_QUEUES = {
    name: {
        "URL": REDIS_URL or "redis://127.0.0.1:6379/0",
        "DEFAULT_TIMEOUT": 3600,
        "ASYNC": bool(REDIS_URL) and RQ_ASYNC,
    }
    for name in RQ_QUEUE_NAMES
}

# Cache: the check API's per-token rate limit and screening's per-SKU figures. With Redis it
# is shared by every web and worker process (keys prefixed "shield"; never call cache.clear(),
# the RQ queues live in the same Redis database); without Redis, per process.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "shield"}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shield"}
}
# Check API requests per token and minute (0: no limit).
API_RATE_LIMIT = env_int("API_RATE_LIMIT", 600)
# Review queue: a reviewer's claim on an order lapses after this many idle minutes.
SHIELD_CLAIM_TTL_MINUTES = env_int("SHIELD_CLAIM_TTL_MINUTES", 15)
# Shipping cut-off when the export gave no 承诺发货时间: paid_at plus this many hours.
SHIELD_SHIP_WITHIN_HOURS = env_int("SHIELD_SHIP_WITHIN_HOURS", 48)

# Staff invitations and password reset links work once, for this many hours.
SHIELD_STAFF_LINK_HOURS = env_int("SHIELD_STAFF_LINK_HOURS", 72)

# Alerts. Links in webhooks and mails are absolute: the address staff open Shield at.
SHIELD_BASE_URL = os.environ.get("SHIELD_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# Seconds a webhook endpoint may take to answer one delivery attempt.
SHIELD_ALERT_TIMEOUT = env_int("SHIELD_ALERT_TIMEOUT", 10)
# Webhooks to loopback / private / link-local addresses are refused unless this is set (a
# receiver on the merchant's own network): otherwise an admin's URL could reach inner services.
SHIELD_ALERT_ALLOW_PRIVATE = env_bool("SHIELD_ALERT_ALLOW_PRIVATE", False)
# Mail alerts go through Django's email backend: the console locally, SMTP in production
# (EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend plus EMAIL_HOST, EMAIL_PORT, ...).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Shield <shield@localhost>")

# Security. With DEBUG off every transport protection is on; behind a TLS-terminating
# proxy set SECURE_PROXY_SSL_HEADER=1.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # A load balancer probes /healthz over plain HTTP on the private network: answer, don't redirect.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy: scripts and styles only from our own static files; no inline code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Order imports: files over these limits are refused before anything is read or written.
SHIELD_IMPORT_MAX_BYTES = env_int("SHIELD_IMPORT_MAX_BYTES", 200 * 1024 * 1024)
SHIELD_IMPORT_MAX_ROWS = env_int("SHIELD_IMPORT_MAX_ROWS", 2_000_000)
# Let an upload of that size through to the import's own size check (it streams to a temp file).
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Spreadsheet exports: django-import-export strips a leading "="; Shield escapes the
# rest of the formula prefixes itself (see reviews/resources.py).
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "filters": {"forbidden_one_line": {"()": "shieldsite.logs.ForbiddenOnOneLine"}},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "django.request": {"filters": ["forbidden_one_line"]},
    },
}
