"""Base settings. Everything comes from the environment, with defaults that are safe to run locally."""

import datetime as dt
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from twinning.config.env import BASE_DIR, VAR_DIR, env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DEBUG", False)
# A development key only; production settings refuse to start without SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY", "twinning-insecure-development-key-change-me")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "axes",
    "django_ratelimit",
    "corsheaders",
    "twinning.core",
    "twinning.places",
    "twinning.topics",
    "twinning.directory",
    "twinning.partnerships",
    "twinning.activities",
    "twinning.press",
    "twinning.review",
    "twinning.demo",
    "twinning.extraction",
    "twinning.portal",
    "twinning.api",
    "twinning.imports",
    "twinning.network",
    "twinning.networkpages",
    "twinning.search",
    "twinning.offices",
    "twinning.exchanges",
    "twinning.workbench",
    "twinning.ops",
    "twinning.jobs",
    "twinning.exports",
    "twinning.reconcile",
    "twinning.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before CommonMiddleware, so a preflight (OPTIONS) is answered before anything redirects it.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "twinning.api.middleware.ApiHeadMiddleware",  # HEAD on /api/ answered as GET without a body
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Login throttling; must stay last (it answers locked-out logins itself).
    "axes.middleware.AxesMiddleware",
]

# CORS (django-cors-headers): any origin may read the JSON API, without credentials (no cookies, so
# a page elsewhere never acts as a logged-in visitor); writes are not offered to other origins (a
# preflight for POST/PATCH finds them missing), they are for servers holding an office's token.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_HEADERS = ("accept", "accept-language", "if-none-match", "if-modified-since")
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified")
CORS_PREFLIGHT_MAX_AGE = 86400

# django-axes first, so every login through authenticate() (the admin's and any later login view)
# is counted and refused once locked out.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "twinning.config.urls"
WSGI_APPLICATION = "twinning.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "twinning.portal.context.branding",
            ],
        },
    },
]

VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'twinning.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the portal read while an import writes; a timeout instead of "database is locked".
    # Every transaction takes the write lock when it begins (BEGIN IMMEDIATE): two editors deciding
    # the same suggestion queue up instead of one failing halfway with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# German first: the first users are German municipalities.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# WhiteNoise warns (an error under pytest) when STATIC_ROOT is missing before `collectstatic`; with
# finders it serves the app and npm static files straight away, so `make run` needs no collectstatic.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
# Front-end libraries come pinned from npm (package.json); only their dist folders are served.
NODE_MODULES = BASE_DIR / "node_modules"
_NPM_STATIC = {
    "leaflet": "leaflet/dist",
    "cytoscape": "cytoscape/dist",
    "htmx": "htmx.org/dist",
    "topojson": "topojson-client/dist",
    "kern": "@kern-ux/native/dist",  # KERN UX, the design system of German public administrations (CSS, fonts)
    "swagger-ui": "swagger-ui-dist",  # the API's interactive documentation
    "world-atlas": "world-atlas",  # Natural Earth country outlines, for maps without a tile server
}
STATICFILES_DIRS = [
    (prefix, NODE_MODULES / folder) for prefix, folder in _NPM_STATIC.items() if (NODE_MODULES / folder).is_dir()
]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workbench:home"
LOGOUT_REDIRECT_URL = "portal:home"
# Sessions expire: after SESSION_COOKIE_AGE seconds (8 hours by default) and when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Invitations and password resets are e-mailed; printed to the console unless a backend is configured.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "twinning@localhost")
PASSWORD_RESET_TIMEOUT = 3 * 24 * 60 * 60

# Background work: Celery with Redis when CELERY_BROKER_URL is set; otherwise jobs run inline in a
# thread of the web process ("thread") or, with TWINNING_JOBS_INLINE=sync, before the response.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TRACK_STARTED = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False  # the worker logs through LOGGING (JSON in production)
TWINNING_JOBS_INLINE = env_str("TWINNING_JOBS_INLINE", "thread")

# Caches: Redis when CACHE_URL (or a broker) is given, so every web process and worker share job
# progress and page caches; otherwise memory for pages and a folder for job progress.
CACHE_URL = env_str("CACHE_URL", CELERY_BROKER_URL)
if CACHE_URL:
    CACHES = {
        alias: {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL, "KEY_PREFIX": alias}
        for alias in ("default", "jobs", "derived")
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "jobs": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache/jobs"),
        },
        # The data generation (twinning.core.invalidation): shared by every process of the host, so
        # a write committed by one (an import on the command line) invalidates what the others cached.
        "derived": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache/derived"),
        },
    }

# The installation: a municipality's name, colours and logo for the public pages, its own place and country
# (partnership titles name the own side first). Colours are CSS colour values; the logo a static file path or URL.
TWINNING_SITE_NAME = env_str("TWINNING_SITE_NAME", "")
TWINNING_PLACE_GEONAMEID = env_int("TWINNING_PLACE_GEONAMEID", 0) or None
TWINNING_COUNTRY = env_str("TWINNING_COUNTRY", "DE")
# Absolute URLs in the dumps (`twinning export`, /data/): the @id of every record in the JSON-LD.
TWINNING_BASE_URL = env_str("TWINNING_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# Where the downloadable dumps (/data/) are built, one folder per data generation.
TWINNING_EXPORTS_DIR = Path(env_str("TWINNING_EXPORTS_DIR", str(VAR_DIR / "exports")))
TWINNING_BRAND_COLOUR = env_str("TWINNING_BRAND_COLOUR", "")  # e.g. "#00529f"
TWINNING_BRAND_COLOUR_DARK = env_str("TWINNING_BRAND_COLOUR_DARK", "")  # header bar; the colour above by default
TWINNING_BRAND_LOGO = env_str("TWINNING_BRAND_LOGO", "")

# GeoNames' names per language as gettext catalogues (Debian package libgeonames-common), see twinning.places.names.
TWINNING_GEONAMES_LOCALE_DIR = env_str("TWINNING_GEONAMES_LOCALE_DIR", "/usr/share/locale")

# Map tiles: offline country outlines by default; a tile server only when configured.
TWINNING_TILE_URL = env_str("TWINNING_TILE_URL", "")
TWINNING_TILE_ATTRIBUTION = env_str("TWINNING_TILE_ATTRIBUTION", "")

# The largest file any command reads (import_twins, demo --file, extract, ingest), in bytes: one
# setting for every reader (twinning.core.files). Imports stream their rows, so the limit bounds
# the work, not the memory.
TWINNING_MAX_INPUT_BYTES = env_int("TWINNING_MAX_INPUT_BYTES", 64 * 1024 * 1024)

# Content-Security-Policy (django-csp): scripts, styles, images, fonts and requests only from this
# site; no inline script, no inline style, no style= attributes, no on*= handlers. JSON for scripts
# travels in <script type="application/json"> blocks (json_script), which are data, not script.
# A configured tile server is the one other host, for images only.
_TILE_HOST = ""
if TWINNING_TILE_URL:
    _tile = urlsplit(TWINNING_TILE_URL.replace("{s}", "*"))
    _TILE_HOST = f"{_tile.scheme}://{_tile.netloc}" if _tile.scheme in {"http", "https"} else ""
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([_TILE_HOST] if _TILE_HOST else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one user name from
# one client address, that pair is locked out for AXES_COOLOFF_HOURS; the answer is a 429 page in
# German or English. Unlock in the admin ("Axes" > "Access attempts": delete the entry) or with
# `twinning axes_reset_username NAME` / `twinning axes_reset`. Behind a proxy set
# AXES_IPWARE_PROXY_COUNT so the client's address (X-Forwarded-For) is used.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = dt.timedelta(hours=env_int("AXES_COOLOFF_HOURS", 1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "twinning.portal.views.locked_out"
AXES_IPWARE_PROXY_COUNT = env_int("AXES_IPWARE_PROXY_COUNT", 0) or None
# X-Forwarded-For only when a proxy is declared (otherwise a client could name any address).
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)
AXES_VERBOSE = False

# Throttling of the public registration pages (django-ratelimit, exchanges.throttle): POSTs counted
# per client address (the one django-axes uses, so AXES_IPWARE_PROXY_COUNT applies here too), per
# client address and activity, and per activity; over a limit the answer is a 429 page and nothing
# is written. Rates as "count/period" (s, m, h, d); a school or town hall behind one address may
# register a dozen people one by one, hence 20 per hour for one client and activity.
RATELIMIT_USE_CACHE = "default"
RATELIMIT_IP_META_KEY = "twinning.exchanges.throttle.client_ip"
EXCHANGES_RATE_PER_CLIENT = env_str("EXCHANGES_RATE_PER_CLIENT", "30/h")
EXCHANGES_RATE_PER_CLIENT_AND_ACTIVITY = env_str("EXCHANGES_RATE_PER_CLIENT_AND_ACTIVITY", "20/h")
EXCHANGES_RATE_PER_ACTIVITY = env_str("EXCHANGES_RATE_PER_ACTIVITY", "300/h")
EXCHANGES_RATE_CANCEL_PER_CLIENT = env_str("EXCHANGES_RATE_CANCEL_PER_CLIENT", "20/h")
# django-ratelimit's list of supported caches predates Django's own RedisCache, whose incr() is
# Redis' atomic INCR (W001). Without CACHE_URL the default cache is per-process memory (E003): fine
# for one process; with several web processes set CACHE_URL so they share the counters.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"] + ([] if CACHE_URL else ["django_ratelimit.E003"])


def logging_config(fmt: str, level: str) -> dict[str, object]:
    """Log to stderr, as plain lines or (LOG_FORMAT=json, the production default) one JSON object per
    line for a log collector."""
    formatters: dict[str, dict[str, object]] = {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}}
    if fmt == "json":
        formatters["json"] = {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": formatters,
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": fmt if fmt == "json" else "plain"}},
        "root": {"handlers": ["console"], "level": level},
    }


LOGGING = logging_config(env_str("LOG_FORMAT", "plain"), env_str("LOG_LEVEL", "WARNING"))
# The place index persisted for fast start-up (twinning.places.persisted); empty: build in memory.
TWINNING_PLACE_INDEX_DIR = env_str("TWINNING_PLACE_INDEX_DIR", str(VAR_DIR / "place-index"))
