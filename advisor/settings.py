"""Django settings for the Org Design Advisor project.

Every value that differs between machines comes from the environment (see `.env.example`).
The defaults are safe: DEBUG is off and a secret key is required unless DEBUG is on.
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
import xstatic.pkg.bootstrap
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django.utils.csp import CSP
from dotenv import dotenv_values

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean environment variable; reject values that are neither true nor false."""
    value = os.environ.get(name)
    if value is None:
        return default
    value = value.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}.") from exc


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a number, got {value!r}.") from exc
    if not 0 < number < 3600:
        raise ImproperlyConfigured(f"{name} must be between 0 and 3600 seconds.")
    return number


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable into a list, ignoring blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# A local `.env` (written by `make run` and `make test` for development) fills in what the
# real environment does not set; the real environment always wins. Its DJANGO_DEBUG only
# counts for the development commands, which set DJANGO_DEV_SERVER=1: a server started any
# other way in this folder (gunicorn, `make serve`, a bare runserver) never gets debug from
# a development file.
DEV_SERVER = env_bool("DJANGO_DEV_SERVER", default=False)
_dotenv = {key: value for key, value in dotenv_values(BASE_DIR / ".env").items() if value}
_dotenv.pop("DJANGO_DEV_SERVER", None)  # only the real environment can say so
if not DEV_SERVER:
    _dotenv.pop("DJANGO_DEBUG", None)
for _key, _value in _dotenv.items():
    os.environ.setdefault(_key, _value)


# --- Core -------------------------------------------------------------------------------

DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. It is required when DJANGO_DEBUG is off. Generate "
            "one with: python -c 'from django.core.management.utils import "
            "get_random_secret_key; print(get_random_secret_key())'"
        )
    # Debug only: a random key per process (sessions do not survive a restart).
    SECRET_KEY = get_random_secret_key()

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "orgdesign",
]

MIDDLEWARE = [
    # First: one log line per request with its duration, and the X-Request-ID header.
    "orgdesign.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads a form body (sessions, CSRF): a non-UTF-8 charset is a 400.
    "orgdesign.http.FormCharsetMiddleware",
    # HEAD is answered wherever GET is (the view sees GET; the body is dropped).
    "orgdesign.middleware.HeadAsGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Signed-in pages and private files: Cache-Control: private, no-store.
    "orgdesign.middleware.PrivateCacheMiddleware",
    # The database down: the styled 503 page and one log line, not a traceback.
    "orgdesign.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Must stay last: it inspects the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "advisor.urls"
WSGI_APPLICATION = "advisor.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "orgdesign.context_processors.firm",
            ],
        },
    },
]

# --- Database and cache -----------------------------------------------------------------

# Without DATABASE_URL the database is a SQLite file. In development (debug on) it is
# db.sqlite3 next to manage.py; otherwise it lives in DJANGO_DATA_DIR (default
# ~/.local/share/orgdesign), never inside the code folder. Several app servers need
# PostgreSQL (docs/deploy.md).
DATA_DIR = Path(
    os.environ.get("DJANGO_DATA_DIR")
    or Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "orgdesign"
)
DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
if DATABASE_URL:
    _database_url = DATABASE_URL
elif DEBUG:
    _database_url = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    _database_url = f"sqlite:///{DATA_DIR / 'db.sqlite3'}"

# Persistent connections with a health check before each request's first query: opening a
# PostgreSQL connection per request cut the throughput (load test: 151 against 105 requests
# per second; /readyz on 4 workers: 237 against 74), and the health check makes a worker
# reconnect by itself after a database restart.
DATABASES = {
    "default": dj_database_url.parse(
        _database_url,
        conn_max_age=env_int("DJANGO_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    ),
}

# Caches are shared by every app server: in the database by default (tables made by
# `migrate`, see orgdesign/migrations), or in Redis when DJANGO_CACHE_URL names one
# (redis://host:6379/0). Never per process, never per machine.
# - "default": rate limits and other short-lived counters;
# - "reports": rendered PDF reports (see orgdesign/pdf.py).
CACHE_URL = os.environ.get("DJANGO_CACHE_URL", "").strip()
REPORT_CACHE_TIMEOUT = 7 * 24 * 3600
if CACHE_URL:
    if not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured("DJANGO_CACHE_URL must be a redis://, rediss:// or unix:// URL.")
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "orgdesign",
        },
        "reports": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "orgdesign-reports",
            "TIMEOUT": REPORT_CACHE_TIMEOUT,
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "orgdesign_cache",
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        },
        "reports": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "orgdesign_report_cache",
            "TIMEOUT": REPORT_CACHE_TIMEOUT,
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
    }

# SQLite:
# - every transaction takes the write lock at BEGIN, so concurrent saves of one scenario
#   queue up (busy timeout) instead of failing when they upgrade a read lock;
# - write-ahead logging: readers never wait for the writer, and a commit appends to the log
#   instead of rewriting pages; with synchronous=NORMAL the log is flushed to disk at
#   checkpoints, not on every commit (a power cut may lose the last commits, never corrupt
#   the file);
# - a connection is a local file: opening one per request (with Django's set-up of it)
#   costs more than the page's queries, so unless DJANGO_DB_CONN_MAX_AGE says otherwise a
#   worker keeps its connection open.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if not os.environ.get("DJANGO_DB_CONN_MAX_AGE", "").strip():
        DATABASES["default"]["CONN_MAX_AGE"] = None
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE",
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication ---------------------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    # django-axes must come first so that locked-out users are refused before any check.
    "axes.backends.AxesStandaloneBackend",
    # Refuses every sign-in from an address that failed too often (orgdesign/ratelimit.py).
    "orgdesign.ratelimit.SigninThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "orgdesign:login"
LOGIN_REDIRECT_URL = "/clients/"
LOGOUT_REDIRECT_URL = "/"

# Brute-force protection, two layers:
# - django-axes locks a username from one address for 15 minutes after 5 wrong passwords
#   (per username *and* address: a lock per username alone would let anyone lock any
#   consultant out);
# - ORGDESIGN_RATE_LIMITS["signin"] (below) pauses sign-in from an address after 20 failed
#   attempts in 15 minutes across all usernames (one password tried on many accounts), on
#   every sign-in form (SigninThrottleBackend), without reset on success.
# Both read the client's address from orgdesign.http.client_ip.
AXES_CLIENT_IP_CALLABLE = "orgdesign.http.client_ip"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_VERBOSE = False
# The client's address, behind a trusted proxy too (orgdesign/http.py).
AXES_CLIENT_IP_CALLABLE = "orgdesign.http.client_ip"
# The page shown (status 429) while a username+IP pair is locked out.
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"

ORGDESIGN_SIGNUP_ENABLED = env_bool("DJANGO_SIGNUP_ENABLED", default=True)

# Abuse limits per client address (orgdesign/ratelimit.py): scope -> (requests, seconds),
# counted in the "default" cache. Signed-in consultants are not counted, except "signin".
ORGDESIGN_RATE_LIMITS = {
    "signin": (20, 15 * 60),  # failed sign-ins, any usernames
    "signup": (10, 60 * 60),  # sign-up form posts
    "api": (120, 60),  # calls to the JSON API
    "pdf": (30, 10 * 60),  # PDFs of share links and of the founder's result
    "share": (30, 60 * 60),  # share-link requests with a token that opens nothing
    "review": (20, 60 * 60),  # a client's comments and sign-offs, per address
    "review_link": (60, 24 * 60 * 60),  # comments and sign-offs through one share link
}

# --- Reports: time budget (see orgdesign/render_budget.py) -----------------------------
# Each PDF render runs in a child process killed after this many seconds; the user gets a
# 503 page, and the same report is not tried again for ORGDESIGN_REPORT_FAILURE_TTL seconds.
ORGDESIGN_REPORT_TIME_BUDGET = env_float("DJANGO_REPORT_TIME_BUDGET", 10.0)
ORGDESIGN_REPORT_FAILURE_TTL = env_int("DJANGO_REPORT_FAILURE_TTL", 600)
# The address space of one render process, in MB (the warm process is about 100 MB).
ORGDESIGN_RENDER_MEMORY_MB = env_int("DJANGO_REPORT_MEMORY_MB", 1024)
# Checking and converting an uploaded logo gets a budget of its own.
ORGDESIGN_LOGO_TIME_BUDGET = 5.0
# What the render processes import (or call, "module:function") once, up front.
ORGDESIGN_RENDER_PRELOAD = ["orgdesign.render_child:warm_up_reports"]

# Addresses (or networks) of the reverse proxies in front of the app servers. Only a
# request arriving from one of them has its X-Forwarded-For read (orgdesign/http.py);
# empty: the client is the connection's address.
TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES")
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"DJANGO_TRUSTED_PROXIES: {_proxy!r} is not an IP address or network."
        ) from exc

# --- Security headers -------------------------------------------------------------------
# Secure by default: with debug off, http is redirected to https, cookies are sent over
# https only and HSTS is on for a year (with subdomains, without preload, which is hard to
# undo: DJANGO_SECURE_HSTS_PRELOAD=1 asks for it). DJANGO_INSECURE_HTTP=1 is the one
# explicit switch for a plain-http trial on a local machine; each setting can still be
# overridden on its own.

INSECURE_HTTP = env_bool("DJANGO_INSECURE_HTTP", default=False)
_HTTPS = not DEBUG and not INSECURE_HTTP

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=_HTTPS)
# Load balancers probe the app servers directly, over http: the probes answer there too.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", default=False):
    # Only behind a proxy that always sets X-Forwarded-Proto itself.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

SESSION_COOKIE_SECURE = env_bool("DJANGO_SESSION_COOKIE_SECURE", default=_HTTPS)
CSRF_COOKIE_SECURE = env_bool("DJANGO_CSRF_COOKIE_SECURE", default=_HTTPS)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 31_536_000 if _HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool(
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=SECURE_HSTS_SECONDS > 0
)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
# check --deploy warns (security.W021) whenever preload is off; off is our deliberate
# default, so that one warning is silenced while preload is not asked for.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# --- Internationalisation ---------------------------------------------------------------

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", xstatic.pkg.bootstrap.BASE_DIR),
]

# DJANGO_STATIC_PLAIN=1 serves files straight from the source directories without
# collectstatic (used by the tests: hashed names are not found under live_server).
STATIC_PLAIN = env_bool("DJANGO_STATIC_PLAIN", default=False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if STATIC_PLAIN
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}
if STATIC_PLAIN:
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True

# --- Forms ------------------------------------------------------------------------------

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Email ------------------------------------------------------------------------------

# Django 6.1 MAILERS (the EMAIL_* settings are deprecated). In debug mode without an
# EMAIL_HOST, mail is printed to the console; otherwise it goes out over SMTP (by default to
# a local mail server on localhost:25).
if DEBUG and not os.environ.get("EMAIL_HOST"):
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("EMAIL_HOST") or "localhost",
                "port": env_int("EMAIL_PORT", 587 if os.environ.get("EMAIL_HOST") else 25),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", default=bool(os.environ.get("EMAIL_HOST"))),
                "timeout": 10,
            },
        },
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Org Design Advisor <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Logging ----------------------------------------------------------------------------

LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        # The database down is one line per request (orgdesign.database), not a traceback.
        "no_database_down_tracebacks": {"()": "orgdesign.logfilters.DatabaseDownFilter"},
    },
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["no_database_down_tracebacks"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        # One line per request comes from orgdesign.request; Django's own line for every
        # 4xx would repeat it. Errors (5xx, with their traceback) are still logged.
        "django.request": {
            "handlers": ["console"],
            "level": "ERROR",
            "propagate": False,
            "filters": ["no_database_down_tracebacks"],
        },
        # The request log: one JSON object per line (orgdesign/middleware.py).
        "orgdesign.request": {
            "handlers": ["console"],
            "level": os.environ.get("DJANGO_REQUEST_LOG_LEVEL", "INFO").upper(),
            "propagate": False,
        },
    },
}
