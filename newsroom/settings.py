"""Newsroom settings: one module, driven by the environment.

Every setting an operator may need to change is read from an environment variable; the
defaults give the embedded set-up (SQLite, local-memory cache, DEBUG off). The README's
"Settings" table lists them.
"""

import datetime as dt
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")


def local_secret_key(path: Path) -> str:
    """Return the key kept in ``path``, creating it on first use.

    Production sets DJANGO_SECRET_KEY. A checkout without it (``make run``, the test suite)
    gets a random key of its own, kept out of git, instead of a key shared by every clone.
    """
    if not path.exists():
        # Written aside and hard-linked into place: the link either creates the whole file
        # or fails because a concurrent process (a parallel test worker) got there first.
        temp = path.with_name(f"{path.name}.{os.getpid()}")
        temp.write_text(secrets.token_urlsafe(50))
        temp.chmod(0o600)
        try:
            os.link(temp, path)
        except FileExistsError:
            pass
        finally:
            temp.unlink()
    return path.read_text().strip()


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or local_secret_key(BASE_DIR / ".secret_key")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# A refused form in the admin answers inside the admin, with the way back to it.
CSRF_FAILURE_VIEW = "briefings.admin.errors.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_filters",
    "taggit",
    "simple_history",
    "csp",
    "axes",
    "rest_framework",
    "drf_spectacular_sidecar",
    "briefings",
    "api",
    "django_tasks",
    "django_tasks_db",
    "alerts",
    "embeds",
    "imagekit",
    "images",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag from the content and 304 for a matching If-None-Match, on every page that does
    # not forbid storing it (the admin's never_cache pages keep none).
    "django.middleware.http.ConditionalGetMiddleware",
    "csp.middleware.CSPMiddleware",
    "briefings.cache.PublicCacheControlMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Innermost, so that its process_exception sees a view's database error first: a 503.
    "briefings.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it turns a lockout flagged during the login into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "briefings.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

# Databases -------------------------------------------------------------------------------
# SQLite is the embedded default. WAL lets readers work while one writer writes; IMMEDIATE
# transactions take the write lock up front, so two writers queue on the busy timeout
# instead of failing with "database is locked" when a read transaction tries to upgrade.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA foreign_keys=ON;"
        "PRAGMA busy_timeout=20000;"
    ),
}

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60"))
        )
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    elif env_bool("DJANGO_DB_POOL"):
        # psycopg's connection pool (Django 5.1+), shared by a process's threads; it replaces
        # persistent connections, which Django refuses to combine with it.
        DATABASES["default"]["OPTIONS"] = {
            **DATABASES["default"].get("OPTIONS", {}),
            "pool": {
                "min_size": int(os.environ.get("DJANGO_DB_POOL_MIN", "2")),
                "max_size": int(os.environ.get("DJANGO_DB_POOL_MAX", "10")),
            },
        }
        DATABASES["default"]["CONN_MAX_AGE"] = 0
    else:
        # Persistent connections, checked before reuse so a restarted server is not an error.
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("NEWSROOM_SQLITE_PATH", BASE_DIR / "db.sqlite3"),
            "OPTIONS": SQLITE_OPTIONS,
            # Kept open between requests, as on PostgreSQL: opening a SQLite connection and
            # running its PRAGMAs took 1.8–2.1 ms of a cold page's 6.4–6.9 ms in gunicorn.
            "CONN_MAX_AGE": int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
            "CONN_HEALTH_CHECKS": True,
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache -----------------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # Redis down or slow is a cache miss, not an error page (briefings.cache): within
    # NEWSROOM_REDIS_TIMEOUT seconds, which these socket options bound.
    REDIS_TIMEOUT = float(os.environ.get("NEWSROOM_REDIS_TIMEOUT", "0.25"))
    CACHES = {
        "default": {
            "BACKEND": "briefings.cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("NEWSROOM_CACHE_PREFIX", "newsroom"),
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Auth ------------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"
# Where signing in leads when the form's `next` is missing or points off the site (Django's
# default, /accounts/profile/, is no page here).
LOGIN_REDIRECT_URL = "admin:index"

# Login throttling (django-axes): five failed sign-ins for one user name from one address
# lock that pair out for 15 minutes. The pair, not the address alone, so one editor's typos
# do not lock out a whole newsroom behind one NAT address.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# In the database, never the cache: a Redis outage must not forget failed sign-ins.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# Behind N reverse proxies (a CDN, a load balancer) every request comes from the last proxy
# (REMOTE_ADDR), and each proxy appends the address it was reached from to X-Forwarded-For:
# the client's address is the Nth entry from the right, and anything left of it is what the
# client typed. django-axes reads it with django-ipware (its documented way; without ipware
# axes silently keys on REMOTE_ADDR, so one address would throttle every sign-in). ipware
# counts the proxies listed in the header, N - 1, and with strict=False takes that entry
# from the right instead of giving up when a client adds entries of its own.
# Unset, X-Forwarded-For is ignored: anyone can write it.
PROXY_COUNT = os.environ.get("DJANGO_PROXY_COUNT", "").strip() or "0"
if not PROXY_COUNT.isdigit():
    raise ImproperlyConfigured("DJANGO_PROXY_COUNT must be a whole number, 0 or more.")
PROXY_COUNT = int(PROXY_COUNT)
if PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT - 1
    AXES_IPWARE_PROXY_ORDER = "left-most"
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    IPWARE_STRICT = False

# Internationalisation ----------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# Static files ------------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("NEWSROOM_PLAIN_STATIC")
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Media: uploaded images (images/) ---------------------------------------------------------
# On the filesystem under NEWSROOM_MEDIA_ROOT by default, served by images.views with
# long-lived cache headers (every stored name is unique and never reused). With
# NEWSROOM_MEDIA_BUCKET set, in S3-compatible object storage (django-storages) for several
# app servers: NEWSROOM_MEDIA_URL is where readers fetch the files (a CDN or the bucket's
# public address), NEWSROOM_S3_ENDPOINT_URL the server for anything but AWS; credentials
# come from boto3's usual places (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY …).
MEDIA_ROOT = Path(os.environ.get("NEWSROOM_MEDIA_ROOT") or BASE_DIR / "media")
NEWSROOM_MEDIA_BUCKET = os.environ.get("NEWSROOM_MEDIA_BUCKET", "")
MEDIA_URL = os.environ.get("NEWSROOM_MEDIA_URL") or "/media/"
MEDIA_URL = MEDIA_URL if MEDIA_URL.endswith("/") else MEDIA_URL + "/"
# "https://cdn.example.org" when the files are on another origin (the CSP must allow it).
MEDIA_ORIGIN = "/".join(MEDIA_URL.split("/", 3)[:3]) if "://" in MEDIA_URL else ""
if NEWSROOM_MEDIA_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": NEWSROOM_MEDIA_BUCKET,
            "endpoint_url": os.environ.get("NEWSROOM_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("NEWSROOM_S3_REGION") or None,
            "location": os.environ.get("NEWSROOM_S3_PREFIX", ""),
            # Public, unsigned URLs under NEWSROOM_MEDIA_URL: a signed URL would expire in a
            # page a CDN keeps. Names are unique, so a file may be kept for a year.
            "querystring_auth": False,
            "custom_domain": MEDIA_URL.split("://", 1)[1].rstrip("/") if MEDIA_ORIGIN else None,
            "url_protocol": MEDIA_URL.split("://", 1)[0] + ":" if MEDIA_ORIGIN else "https:",
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
# The largest image file accepted, in bytes, and the most pixels (Pillow's own limit against
# decompression bombs by default); the widths of the renditions made of every image.
NEWSROOM_IMAGE_MAX_BYTES = int(os.environ.get("NEWSROOM_IMAGE_MAX_BYTES", 15 * 1024 * 1024))
NEWSROOM_IMAGE_MAX_PIXELS = int(os.environ.get("NEWSROOM_IMAGE_MAX_PIXELS", 89_478_485))
NEWSROOM_IMAGE_WIDTHS = sorted(
    int(w) for w in env_list("NEWSROOM_IMAGE_WIDTHS", "480,800,1200,1600") if w.isdigit()
)
# django-imagekit: renditions named after their source and a hash of how they are made,
# generated when the image is stored; their URLs are built without asking the storage.
IMAGEKIT_CACHEFILE_DIR = "renditions"
IMAGEKIT_SPEC_CACHEFILE_NAMER = "imagekit.cachefiles.namers.source_name_dot_hash"
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.Optimistic"
# django-imagekit imports django_rq when it is installed (django-tasks-rq brings it) and
# names a queue as it loads, which needs RQ_QUEUES even when tasks run from the database.
# No connection is made; the task queue's own setting below replaces this one.
RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0"}}

# Uploads: the admin importer accepts text documents; anything larger is refused with a
# message rather than read into memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Site ------------------------------------------------------------------------------------
NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "Newsroom")
NEWSROOM_SITE_URL = os.environ.get("NEWSROOM_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# How often a live briefing's page polls for new updates, in seconds (±25 % jitter).
NEWSROOM_POLL_SECONDS = float(os.environ.get("NEWSROOM_POLL_SECONDS", "12"))
# The importer: the largest document it reads, and its list of junk lines to drop.
NEWSROOM_IMPORT_MAX_BYTES = int(os.environ.get("NEWSROOM_IMPORT_MAX_BYTES", 5 * 1024 * 1024))
NEWSROOM_IMPORT_JUNK_FILE = os.environ.get("NEWSROOM_IMPORT_JUNK_FILE") or None

# Security --------------------------------------------------------------------------------
# A site served over HTTPS (NEWSROOM_SITE_URL says so) gets HTTPS-only cookies, HSTS and a
# redirect from http://; `make run` and `make serve` on http://127.0.0.1 get none of them.
HTTPS = NEWSROOM_SITE_URL.startswith("https://")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", HTTPS)
# Behind a proxy that ends TLS: the header it sets on https requests, "X-Forwarded-Proto: https".
# Only set it when the proxy always sets (or strips) that header, or clients can forge it.
if os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER"):
    _header, _, _value = os.environ["DJANGO_SECURE_PROXY_SSL_HEADER"].partition(":")
    if not _header.strip() or not _value.strip():
        raise ImproperlyConfigured(
            "DJANGO_SECURE_PROXY_SSL_HEADER must look like 'X-Forwarded-Proto: https'."
        )
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + _header.strip().upper().replace("-", "_"),
        _value.strip(),
    )
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 365 * 24 * 3600 if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading is a promise to browser vendors that is slow to take back: an operator opts in.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD")
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Embedded posts and videos (embeds/) ---------------------------------------------------------
# Mastodon servers whose posts become cards (each is in the CSP's frame-src), comma-separated.
NEWSROOM_EMBED_MASTODON_HOSTS = env_list(
    "NEWSROOM_EMBED_MASTODON_HOSTS", "mastodon.social,mastodon.online,mstdn.social"
)
# Seconds the background fetch of a card's words waits for a provider's oEmbed answer.
NEWSROOM_EMBED_FETCH_TIMEOUT = float(os.environ.get("NEWSROOM_EMBED_FETCH_TIMEOUT", "4"))
# Provider key → oEmbed endpoint, replacing the provider's own (tests; a proxy). Empty here.
NEWSROOM_EMBED_OEMBED_ENDPOINTS: dict[str, str] = {}


def _embed_frame_hosts() -> list[str]:
    from embeds.providers import PROVIDERS

    hosts = [p.frame_host for p in PROVIDERS.values() if p.frame_host]
    return [f"https://{host}" for host in [*hosts, *NEWSROOM_EMBED_MASTODON_HOSTS]]


# Content-Security-Policy (django-csp 4): scripts, styles and fonts from this site only, no
# inline script anywhere (the public templates and Django's admin load every script from a
# file), no framing, forms post only here. Images may be data: URLs (the admin's icons).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # Embedded posts and videos (embeds/), each framed only when a reader asks, from
        # its provider's embed host only (embeds.providers.frame_hosts()).
        "frame-src": ["'self'", *_embed_frame_hosts()],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        **({"upgrade-insecure-requests": True} if HTTPS else {}),
    },
}
# The live widget (/embed/briefings/<slug>/) is the one page other sites may frame: the
# origins allowed to, space- or comma-separated ("https://partner.example"), "*" for any.
NEWSROOM_EMBED_FRAME_ANCESTORS = (
    os.environ.get("NEWSROOM_EMBED_FRAME_ANCESTORS", "*").replace(",", " ").split()
)
# Reads of /api/v1/ without an API key, per client address ("60/min"; s, min, hour, day).
NEWSROOM_API_ANON_RATE = os.environ.get("NEWSROOM_API_ANON_RATE", "60/min")

# Caching of public pages ---------------------------------------------------------------------
# Browsers and CDNs may keep a public page this long, and serve it stale this much longer
# while they fetch a fresh copy. The origin's own cache (briefings.cache) is keyed by each
# briefing's latest change, so an edit shows at the origin at once, whatever these say.
NEWSROOM_PAGE_MAX_AGE = int(os.environ.get("NEWSROOM_PAGE_MAX_AGE", "30"))
NEWSROOM_PAGE_STALE = int(os.environ.get("NEWSROOM_PAGE_STALE", "30"))
# How long the origin keeps a rendered briefing page or poll answer (its key changes with
# every edit; this bounds what the key does not cover, such as renaming an actor).
NEWSROOM_SERVER_CACHE_SECONDS = int(os.environ.get("NEWSROOM_SERVER_CACHE_SECONDS", "60"))
# How long the origin keeps an update's rendered HTML (briefings/templatetags/fragments.py:
# its key changes with everything it shows); 0 renders every update every time.
NEWSROOM_FRAGMENT_CACHE_SECONDS = int(os.environ.get("NEWSROOM_FRAGMENT_CACHE_SECONDS", "86400"))

# Background tasks, email and webhooks (alerts/) ----------------------------------------------
# Django 6's tasks framework (the django-tasks backport). The embedded default keeps the
# queue in the database, run by `manage.py worker`; NEWSROOM_TASK_QUEUE=redis puts it in
# Redis (REDIS_URL) and runs it with RQ, for several app servers.
if os.environ.get("NEWSROOM_TASK_QUEUE", "database") == "redis":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS")
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "Newsroom <alerts@localhost>")
# At most one key-event alert per subscriber this often; events in between are batched.
NEWSROOM_ALERT_MINUTES = float(os.environ.get("NEWSROOM_ALERT_MINUTES", "15"))
# How long a confirmation link works; unconfirmed addresses are erased after it.
NEWSROOM_CONFIRM_HOURS = float(os.environ.get("NEWSROOM_CONFIRM_HOURS", "48"))
# Confirmation emails one address may be sent per hour (the subscribe form).
NEWSROOM_SUBSCRIBE_PER_HOUR = int(os.environ.get("NEWSROOM_SUBSCRIBE_PER_HOUR", "5"))
# Retries of an email or webhook: attempts in all, and the first wait (doubling each time).
NEWSROOM_DELIVERY_ATTEMPTS = int(os.environ.get("NEWSROOM_DELIVERY_ATTEMPTS", "8"))
NEWSROOM_RETRY_SECONDS = float(os.environ.get("NEWSROOM_RETRY_SECONDS", "30"))
# How long a worker's claim on an email or webhook holds; a killed worker's claims are
# taken again after it. Longer than any send (SMTP and HTTP time out within 30 s).
NEWSROOM_DELIVERY_LEASE_SECONDS = float(os.environ.get("NEWSROOM_DELIVERY_LEASE_SECONDS", "90"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
