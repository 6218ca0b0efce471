"""Settings read from the environment, with safe production defaults.

DEBUG is off unless asked for; without DEBUG a SECRET_KEY must be given. SQLite is used
when DATABASE_URL is unset (the quick start); CI and production use PostgreSQL.
"""

import base64
import hashlib
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from cryptography.fernet import Fernet
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG-on"
# Keyed hash of identity numbers (issued certificates); separate from SECRET_KEY so that
# rotating one does not invalidate the other.
IDENTITY_HMAC_KEY = env_str("IDENTITY_HMAC_KEY", SECRET_KEY)

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
    "django.contrib.syndication",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "django_prometheus",
    "notices",
    "catalogue",
    "enforcement",
    "certificates",
    "adverts",
    # Last: its post_migrate handler assigns the permissions of every app above to roles.
    "authorities",
]

MIDDLEWARE = [
    # Request rates and latencies for Prometheus (portal/metrics.py); its twin is last.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    # First: drops forwarding headers that did not come from a trusted proxy, and answers
    # 400 to query strings with NUL bytes, before anything reads them.
    "portal.middleware.TrustedProxyMiddleware",
    "portal.middleware.RejectNulMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Public reads from a replica, the rest from the primary (no-op without replicas).
    "portal.dbrouting.ReplicaRoutingMiddleware",
    # Anonymous public answers marked cacheable by the proxy; ETags for its revalidation.
    "portal.edgecache.EdgeCacheMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # django-csp's, the site's policy built once (portal/middleware.py).
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    "portal.middleware.NoStoreMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Turns django-ratelimit's Ratelimited into RATELIMIT_VIEW's 429.
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last: refuses logins for a locked-out address or username (django-axes).
    "axes.middleware.AxesMiddleware",
    "portal.dberrors.DatabaseUnavailableMiddleware",
    "portal.metrics.QueryMetricsMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
AUTH_USER_MODEL = "authorities.User"

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
                "portal.context_processors.site",
            ],
            # {{ value|zh }} (portal/templatetags/language.py) in every template.
            "builtins": ["portal.templatetags.language"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# Streaming replicas for public reads (portal/dbrouting.py): comma-separated URLs, e.g.
# postgres://postgres@127.0.0.1:6432/portal_replica. Tests mirror them onto the primary.
DATABASE_REPLICA_URLS = env_list("DATABASE_REPLICA_URLS")
for _number, _url in enumerate(DATABASE_REPLICA_URLS, start=1):
    DATABASES[f"replica{_number}"] = {
        **dj_database_url.parse(_url, conn_max_age=env_int("CONN_MAX_AGE", 60)),
        "OPTIONS": {"connect_timeout": env_int("DATABASE_REPLICA_CONNECT_TIMEOUT", 2)},
        "TEST": {"MIRROR": "default"},
        # No `SELECT 1` before each request's first replica read (a round trip per public
        # read): a broken replica connection fails the read, and ReplicaRoutingMiddleware
        # then asks the replica again (closing the connection) and repeats it on the primary.
        "CONN_HEALTH_CHECKS": False,
    }
DATABASE_ROUTERS = ["portal.dbrouting.ReplicaRouter"]
# Who may read /metrics (portal/metrics.py): the proxy's and the scraper's addresses.
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS", "127.0.0.1,::1")
# Seconds the proxy may serve an anonymous public answer from its cache (portal/edgecache.py).
EDGE_CACHE_SECONDS = env_int("EDGE_CACHE_SECONDS", 0)
# A replica whose replay lags more than this many seconds leaves the read pool.
DATABASE_REPLICA_MAX_LAG = env_int("DATABASE_REPLICA_MAX_LAG", 5)
# After a write, the same browser reads from the primary for this many seconds.
DATABASE_PRIMARY_PIN_SECONDS = env_int("DATABASE_PRIMARY_PIN_SECONDS", 10)
# Behind PgBouncer in transaction pooling mode server-side cursors cannot be used.
if env_bool("DATABASE_POOLED", False):
    for _database in DATABASES.values():
        _database["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Certificate loads on PostgreSQL COPY a plain file and check it in SQL (certificates/staging.py);
# off: every file takes the Python reader, as files PostgreSQL cannot read alike always do.
CERTIFICATES_LOAD_COPY = env_bool("CERTIFICATES_LOAD_COPY", True)

# A shared cache when REDIS_URL is given (several app servers), else per-process memory.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
    # Sessions are read from the shared cache and written through to the database too, so a
    # Redis restart logs no one out and every app server sees the same session.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", True)
# Rate limits count in the cache: per-process memory multiplies every rate by the number of
# processes, so production needs Redis unless the operator says it runs one process only.
SINGLE_PROCESS = env_bool("SINGLE_PROCESS", False)
if not DEBUG and RATELIMIT_ENABLE and not REDIS_URL and not SINGLE_PROCESS:
    raise ImproperlyConfigured(
        "REDIS_URL must be set when DEBUG is off: rate limits need a cache shared by all "
        "processes (set SINGLE_PROCESS=1 only for a one-process install)"
    )
# Public catalogue pages and API responses (catalogue/caching.py); 0 turns that cache off.
CATALOGUE_CACHE_SECONDS = env_int("CATALOGUE_CACHE_SECONDS", 600)
# How long a warm certificate check trusts its in-memory snapshot without a version query
# (certificates/snapshot.py); writes through the services are seen at once regardless.
CERTIFICATE_CHECK_STALE_SECONDS = env_int("CERTIFICATE_CHECK_STALE_SECONDS", 30)
# /bench/hello, the baseline of bench/catalogue_speed.py; never on in production.
BENCH_HELLO = env_bool("BENCH_HELLO", False)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
# Failed logins per client address and, separately, per username (django-axes, in the
# database, shared by every process); a success clears them, and a lockout lifts after the
# cool-off however often it is hammered meanwhile.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = RATELIMIT_ENABLE
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "portal.clientip.client_ip"
AXES_LOCKOUT_CALLABLE = "portal.views.login_locked"
AXES_VERBOSE = False
# Staff sessions: 8 hours at most, and 30 minutes without a request ends them
# (portal.middleware.StaffSessionMiddleware).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
STAFF_SESSION_IDLE_SECONDS = env_int("STAFF_SESSION_IDLE_SECONDS", 30 * 60)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Evidence and other private uploads: outside STATIC_ROOT and never served by URL.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# A JSON body larger than this, or nested deeper, is refused (413/400) by portal.parsers.
JSON_BODY_MAX_BYTES = env_int("JSON_BODY_MAX_BYTES", 256 * 1024)
JSON_MAX_DEPTH = env_int("JSON_MAX_DEPTH", 32)

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "portal.schema.AutoSchema",
    # Session only, never HTTP Basic: passwords go through the admin login and its limits.
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PARSER_CLASSES": [
        "portal.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    # DRF's anon and user rates, counted in one Redis round trip per request.
    "DEFAULT_THROTTLE_CLASSES": ["portal.throttling.OneTripRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        # An empty value turns the limit off (the bench loads the API from one address).
        "anon": env_str("API_ANON_RATE", "120/min") or None,
        "user": env_str("API_USER_RATE", "600/min") or None,
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "National Occupational Qualification Catalogue API",
    "DESCRIPTION": "Read-only public API of the 国家职业资格目录 portal.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Two fields are called "category": a qualification's and an advert finding's.
    "ENUM_NAME_OVERRIDES": {
        "QualificationCategoryEnum": "catalogue.models.choices.Category",
        "AdvertFindingCategoryEnum": "adverts.findings.Category",
    },
    # Error answers and anonymous operations (portal/schema.py), after the enum names.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "portal.schema.document_errors",
    ],
}

RATELIMIT_VIEW = "portal.views.ratelimited"
RATELIMIT_IP_META_KEY = "portal.clientip.client_ip"
# Certificate verification per client IP: low enough that numbers cannot be enumerated.
CERTIFICATE_VERIFY_RATE = env_str("CERTIFICATE_VERIFY_RATE", "20/m")
# …and per certificate number, from any address, so holders' names cannot be guessed.
CERTIFICATE_VERIFY_NUMBER_RATE = env_str("CERTIFICATE_VERIFY_NUMBER_RATE", "10/h")
CERTIFICATE_CHECK_RATE = env_str("CERTIFICATE_CHECK_RATE", "60/m")
CERTIFICATE_CHECK_BULK_RATE = env_str("CERTIFICATE_CHECK_BULK_RATE", "10/m")
CERTIFICATE_UPLOAD_MAX_BYTES = env_int("CERTIFICATE_UPLOAD_MAX_BYTES", 200 * 1024 * 1024)

# Addresses (or networks) of the reverse proxies in front, e.g. "127.0.0.1" for the nginx of
# deploy/nginx/. Only their X-Forwarded-For and X-Forwarded-Proto are believed; from any
# other peer those headers are dropped (portal.middleware.TrustedProxyMiddleware).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
if TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Production hardening; every one can be relaxed by environment for local HTTP use.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts, styles, images and fonts from this site
# only; no inline script or style, no plugins, no framing, forms post here only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Pages and API answers that show a report or a case: never stored by any cache.
NO_STORE_PATHS = ["/report/", "/track/", "/cases/", "/api/v1/reports/track/", "/api/v1/cases/"]
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Enforcement cases: days allowed in each state before a case is flagged overdue.
ENFORCEMENT_DEADLINE_DAYS = {
    "received": env_int("ENFORCEMENT_DAYS_TO_ACCEPT", 15),
    "assigned": env_int("ENFORCEMENT_DAYS_TO_START", 15),
    "investigating": env_int("ENFORCEMENT_DAYS_TO_CONCLUDE", 60),
    "concluded": env_int("ENFORCEMENT_DAYS_TO_CLOSE", 15),
}
# Per client address (django-ratelimit; RATELIMIT_ENABLE=0 turns them off for the bench).
ENFORCEMENT_REPORT_RATE = env_str("ENFORCEMENT_REPORT_RATE", "10/h")
ENFORCEMENT_TRACK_RATE = env_str("ENFORCEMENT_TRACK_RATE", "30/h")
# Keyed hash of receipt codes; separate from SECRET_KEY so rotating that keeps codes valid.
RECEIPT_HMAC_KEY = env_str("RECEIPT_HMAC_KEY", SECRET_KEY)

# Reporter contact details are encrypted at rest (enforcement/contact.py): comma-separated
# Fernet keys (`python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key()
# .decode())"`), newest first; older ones only decrypt until `contact_keys_rotate` has run.
# Unset, one key is derived from SECRET_KEY (still outside the database); set it in production.
CONTACT_ENCRYPTION_KEYS = env_list("CONTACT_ENCRYPTION_KEYS") or [
    base64.urlsafe_b64encode(hashlib.sha256(f"contact:{SECRET_KEY}".encode()).digest()).decode()
]
for _key in CONTACT_ENCRYPTION_KEYS:
    try:
        Fernet(_key)
    except ValueError:
        raise ImproperlyConfigured(
            "CONTACT_ENCRYPTION_KEYS: each key must be 32 url-safe base64-encoded bytes"
        ) from None
# Who runs this install, shown in every page's footer and on /about/ (portal/site.py).
# The defaults are honest for a self-hosted copy: no operator, contact or record number is
# claimed until the operator sets them. SITE_URL makes the absolute links of QR codes.
SITE_OPERATOR_NAME = env_str("SITE_OPERATOR_NAME")
SITE_CONTACT_EMAIL = env_str("SITE_CONTACT_EMAIL")
SITE_CONTACT_PHONE = env_str("SITE_CONTACT_PHONE")
SITE_CONTACT_ADDRESS = env_str("SITE_CONTACT_ADDRESS")
# The ministry's national hotline for HR and social-security questions and complaints.
SITE_HOTLINE = env_str("SITE_HOTLINE", "12333")
SITE_ICP_RECORD = env_str("SITE_ICP_RECORD")  # e.g. 京ICP备12345678号
SITE_PSB_RECORD = env_str("SITE_PSB_RECORD")  # e.g. 京公网安备11010102000001号
SITE_IDENTIFIER_CODE = env_str("SITE_IDENTIFIER_CODE")  # 网站标识码 of a government site
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
if SITE_URL and not re.fullmatch(r"https?://[^/\s?#]+(/[^\s?#]*)?", SITE_URL):
    raise ImproperlyConfigured(f"SITE_URL={SITE_URL!r} is not an absolute http(s) URL")
