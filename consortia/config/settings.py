"""Settings, all read from the environment (see `.env.example`)."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from consortia.config.env import env_bool, env_int, env_list, env_path, env_str, env_url, load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent.parent
load_dotenv(BASE_DIR / ".env")

DEBUG = env_bool("DEBUG", False)
# A development key is only acceptable while DEBUG is on; the system check `consortia.E001`
# stops a production start without a real one.
SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key" if DEBUG else "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_NAME = env_str("SITE_NAME", "Consortia")
# The address users reach the site at, for links in e-mails sent outside a web request (commands,
# background jobs); the system check `consortia.W002` asks for it in production.
SITE_URL_DEFAULT = "http://127.0.0.1:8000"
SITE_URL = env_url("SITE_URL", SITE_URL_DEFAULT)
# The consortium's own name, printed on the documents it sends out.
CONSORTIUM_NAME = env_str("CONSORTIUM_NAME", "")

DATA_DIR = env_path("DATA_DIR", BASE_DIR / "data")
# SQLite cannot create its file in a folder that does not exist; make the data folder on first
# start (a folder that cannot be made is reported by the system check consortia.E003).
with contextlib.suppress(OSError):
    DATA_DIR.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = env_path("MEDIA_ROOT", DATA_DIR / "media")
# Where `manage.py backup` writes its archives when given no folder.
BACKUP_DIR = env_path("BACKUP_DIR", DATA_DIR / "backups")
MEDIA_URL = "/media/"
STATIC_URL = "/static/"
STATIC_ROOT = env_path("STATIC_ROOT", DATA_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "consortia" / "static"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "template_partials",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "consortia.core",
    "consortia.users",
    "consortia.directory",
    "consortia.hub",
    "consortia.people",
    "consortia.members",
    "consortia.opportunities",
    "consortia.bids",
    "consortia.contracts",
    "consortia.performance",
    "consortia.finance",
    "consortia.governance",
    "consortia.policies",
    "consortia.funding",
    "consortia.relationships",
    "consortia.privacy",
    "consortia.documents",
    "consortia.portal",
    "consortia.demo",
    "consortia.ops",
    "consortia.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "consortia.users.middleware.SessionIdleMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "consortia.users.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "consortia.config.urls"
WSGI_APPLICATION = "consortia.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "consortia" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "consortia.core.context_processors.shell",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]
FORM_RENDERER = "consortia.core.forms.FormRenderer"

# Databases: SQLite in the data folder unless DATABASE_URL names another.
DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(env_path("SQLITE_PATH", DATA_DIR / "consortia.sqlite3")),
            "OPTIONS": {
                # WAL lets readers carry on while one request writes; IMMEDIATE transactions
                # plus a busy timeout turn "database is locked" into a short wait.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "users.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # Django's ModelBackend, reading the user and their permissions more cheaply (users/backends.py).
    "consortia.users.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "users:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "users:login"

# Sessions end after SESSION_IDLE_MINUTES without a request. They are kept in the database, so
# they survive a restart and every process and host shares them (users/sessions.py reads them).
SESSION_ENGINE = "consortia.users.sessions"
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 120) * 60
SESSION_SAVE_EVERY_REQUEST = False  # see consortia.users.middleware.SessionIdleMiddleware
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# Behind a proxy we run (nginx): trust its X-Forwarded-Proto, and its X-Forwarded-For for the
# client's address (rate limits); without one, those headers are the client's own and ignored.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Login attempts: AXES_FAILURE_LIMIT failures lock the account and address for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "users/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)

# Rate limits ("5/hour": a number, then second, minute, hour or day; "off" for none), counted in
# the cache per client address and per e-mail address or user (consortia/core/ratelimit.py).
RATE_LIMIT_PASSWORD_RESET = env_str("RATE_LIMIT_PASSWORD_RESET", "5/hour")
RATE_LIMIT_APPLICATION = env_str("RATE_LIMIT_APPLICATION", "30/hour")
RATE_LIMIT_API_TOKEN = env_str("RATE_LIMIT_API_TOKEN", "10/hour")

# Two-factor authentication: optional for staff unless REQUIRE_STAFF_2FA is on.
REQUIRE_STAFF_2FA = env_bool("REQUIRE_STAFF_2FA", False)
OTP_TOTP_ISSUER = SITE_NAME

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "consortia@localhost")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["consortia.config.formats"]

# Uploaded files: a folder (MEDIA_ROOT; a folder every host mounts when there are several), or with
# FILE_STORAGE=s3 a private bucket of S3-compatible storage. Files are only ever read back through
# views that check who is asking (consortia/core/uploads.py), so objects stay private and no
# public address is ever made; a signed address, if one were made, expires in five minutes.
FILE_STORAGE = env_str("FILE_STORAGE", "filesystem").strip().lower() or "filesystem"
if FILE_STORAGE == "s3":
    DEFAULT_STORAGE: dict[str, Any] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET", ""),
            "location": env_str("S3_PREFIX", ""),
            "endpoint_url": env_str("S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("S3_REGION", "") or None,
            "addressing_style": env_str("S3_ADDRESSING_STYLE", "") or None,
            # Without keys, boto3 looks for them itself (AWS_* variables, an instance role).
            "access_key": env_str("S3_ACCESS_KEY_ID", "") or None,
            "secret_key": env_str("S3_SECRET_ACCESS_KEY", "") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
            "file_overwrite": False,
        },
    }
elif FILE_STORAGE == "filesystem":
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
else:
    raise ImproperlyConfigured(f"FILE_STORAGE must be filesystem or s3; found {FILE_STORAGE!r}.")
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Content Security Policy: everything is served from this host; nothing from a CDN.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so an unauthenticated call is answered 401 with a WWW-Authenticate header.
        # DRF's tokens, refusing a read-only token anything but reading (403).
        "consortia.users.authentication.ScopedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["consortia.core.permissions.RestrictedModelPermissions"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Consortia API",
    "DESCRIPTION": "The REST API of a Consortia hub. Every endpoint returns only the rows the caller may see.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One name for a choice set several fields share (a membership's tier, an application's),
    # and distinct names for the different choice sets of fields that share a name ("stage").
    "ENUM_NAME_OVERRIDES": {
        "TierEnum": "consortia.members.choices.Tier",
        "NoticeStageEnum": "consortia.opportunities.choices.Stage",
        "PipelineStageEnum": "consortia.opportunities.choices.PipelineStage",
        "ApplicationStageEnum": "consortia.people.choices.ApplicationStage",
        "AssessmentStageEnum": "consortia.people.choices.AssessmentStage",
        # One name for each set of values several record types share.
        "ComparisonEnum": "consortia.hub.choices.Comparison",  # a standard's or an indicator's direction
        "UnitEnum": "consortia.hub.choices.Unit",
        "PartnerRoleEnum": "consortia.bids.choices.PartnerRole",  # a bid partner's, or a member's interest
        "OpenClosedEnum": "consortia.policies.choices.RiskStatus",  # a risk, an improvement plan
        "RagEnum": "consortia.hub.choices.Rag",  # red/amber/green, a relationship's health too
    },
}

# Redis, shared by every web host and worker when Consortia runs on several hosts (the cache, and
# the task queue with TASKS_BACKEND=rq). Not needed on one host.
REDIS_URL = env_str("REDIS_URL", "").strip()

# Background work (big imports): by default a queue in the database, worked by
# `manage.py db_worker`; TASKS_BACKEND=rq puts it on Redis (REDIS_URL), worked by
# `manage.py rqworker --job-class django_tasks_rq.Job default`. A dotted path (what this variable
# held before "db" and "rq") still names a backend class directly.
TASK_BACKENDS = {"db": "django_tasks_db.DatabaseBackend", "rq": "django_tasks_rq.RQBackend"}
TASKS_BACKEND = env_str("TASKS_BACKEND", "db").strip() or "db"
if TASKS_BACKEND not in TASK_BACKENDS and "." not in TASKS_BACKEND:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be db or rq; found {TASKS_BACKEND!r}.")
TASKS = {"default": {"BACKEND": TASK_BACKENDS.get(TASKS_BACKEND, TASKS_BACKEND), "QUEUES": ["default"]}}
if TASKS["default"]["BACKEND"] == TASK_BACKENDS["rq"]:
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    # Without REDIS_URL the system check consortia.E004 stops start-up; the fallback only lets
    # that check run. RQ's own limit (3 minutes) would kill a big import half-way.
    RQ_QUEUES = {
        "default": {
            "URL": REDIS_URL or "redis://127.0.0.1:6379/0",
            "DEFAULT_TIMEOUT": env_int("TASK_TIMEOUT_SECONDS", 3600),
        }
    }

# The cache holds login-attempt counts, rate limits and short locks, so every process must see the
# same one: Redis when several hosts share it, else files in the data folder, which every
# process on this host shares (a per-process memory cache would let each process count alone).
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "consortia",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
        }
    }
# An import larger than this runs in the background, with a page that shows its progress.
IMPORT_INLINE_MAX_BYTES = env_int("IMPORT_INLINE_MAX_BYTES", 128 * 1024)

# The tender feeds `manage.py fetch_notices` reads (see consortia/opportunities/feeds.py).
FIND_A_TENDER_URL = env_str("FIND_A_TENDER_URL", "https://www.find-tender.service.gov.uk").rstrip("/")
CONTRACTS_FINDER_URL = env_str("CONTRACTS_FINDER_URL", "https://www.contractsfinder.service.gov.uk").rstrip("/")
# Seconds between two requests to a feed, so we stay well inside its rate limit.
FEED_DELAY_SECONDS = env_int("FEED_DELAY_SECONDS", 1)
# How many days back the first fetch from a feed reaches.
FEED_START = env_int("FEED_START", 7)

FORMS_URLFIELD_ASSUME_HTTPS = True
DJANGO_TABLES2_TEMPLATE = "core/table.html"
LIST_PAGE_SIZE = env_int("LIST_PAGE_SIZE", 50)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
