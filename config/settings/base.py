"""Settings shared by every environment.

Everything lives here; `dev`, `test` and `production` only adjust. Values come from the
environment through `config.env.env`; `.env.example` lists every variable.
"""

import datetime

from config.env import BASE_DIR, env

VAR_DIR = BASE_DIR / "var"

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # First-party apps come first so their templates and translations win.
    "congso.core",
    "congso.accounts",
    "congso.organization",
    "congso.portal",
    "congso.newsroom",
    "congso.procedures",
    "congso.dossiers",
    "congso.licensing",
    "congso.search",
    "congso.api",
    "ninja",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    # Background tasks (database queue by default)
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.humanize",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous public pages from the cache, before sessions and the database.
    "congso.core.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "congso.core.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "congso.core.middleware.AdminContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "congso" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "congso.portal.context_processors.portal",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
# PostgreSQL when DATABASE_URL is set; otherwise an embedded SQLite file in WAL mode so
# the demo runs on a bare machine.
if env("DATABASE_URL", default=""):
    DATABASES = {"default": env.db("DATABASE_URL")}
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
else:
    VAR_DIR.mkdir(exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "congso.sqlite3",
            "OPTIONS": {
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
                ),
                # Writers take the lock at BEGIN, so concurrent writers queue instead of
                # failing with "database is locked" half-way through a transaction.
                "transaction_mode": "IMMEDIATE",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# --- Cache ----------------------------------------------------------------------------
if env("CACHE_URL", default=""):
    CACHES = {"default": env.cache("CACHE_URL")}
    if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        # The same backend, reusing its Redis client (see congso.core.redis_cache).
        CACHES["default"]["BACKEND"] = "congso.core.redis_cache.RedisCache"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "congso",
        }
    }

# --- Full-page cache (congso.core.cache) ------------------------------------------------
CONGSO_PAGE_CACHE = env.bool("CONGSO_PAGE_CACHE", default=True)
CONGSO_PAGE_CACHE_ALIAS = "default"
CONGSO_PAGE_CACHE_TIMEOUT = env.int("CONGSO_PAGE_CACHE_TIMEOUT", default=600)
# Parts of pages (menu, breadcrumbs, news asides…) kept under the same generation
# (congso.core.fragments): on even when the full-page cache is off.
CONGSO_FRAGMENT_CACHE = env.bool("CONGSO_FRAGMENT_CACHE", default=True)
# A saved or deleted row of these apps / models purges every cached page.
# (licensing: the public registry and verification pages must show a revocation at once.)
CONGSO_PAGE_CACHE_PURGE_APPS = (
    "organization",
    "procedures",
    "portal",
    "licensing",
    "wagtaildocs",
    "taggit",
)
CONGSO_PAGE_CACHE_PURGE_MODELS = (
    "wagtailcore.site",
    "wagtailcore.locale",
    "wagtailimages.image",
    "newsroom.articletype",
    "newsroom.contributor",
    "newsroom.newstag",
)

# Uploaded audio of a news item (congso.newsroom.audio): largest accepted file.
CONGSO_NEWS_AUDIO_MAX_SIZE = env.int("CONGSO_NEWS_AUDIO_MAX_SIZE", default=50 * 1024 * 1024)

# --- Background tasks -----------------------------------------------------------------
# Django's tasks API and Wagtail's `django_tasks` backport both read this one setting.
_TASK_BACKENDS = {
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    "rq": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
    "immediate": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
}
TASKS_BACKEND = env("TASKS_BACKEND", default="database")
TASKS = {"default": _TASK_BACKENDS[TASKS_BACKEND]}
if TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": env("RQ_URL", default="redis://127.0.0.1:6379/0")}}

# --- Authentication -------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# locale_admin completes Wagtail's incomplete Vietnamese admin catalogue.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_admin"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "congso_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Staff screens are in Vietnamese; a staff member may switch to English in their profile.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Static and media files -----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "congso" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
# Uploaded files live under var/, outside the code and the static root.
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# --- Email ----------------------------------------------------------------------------
# Django 6.1's MAILERS (EMAIL_BACKEND and EMAIL_HOST… are deprecated). EMAIL_URL is
# parsed by django-environ, e.g. smtp+tls://user:password@smtp.example.gov.vn:587.
if env("EMAIL_URL", default=""):
    _email = env.email_url("EMAIL_URL")
    MAILERS = {
        "default": {
            "BACKEND": _email["EMAIL_BACKEND"],
            "OPTIONS": {
                "host": _email.get("EMAIL_HOST", "localhost"),
                "port": _email.get("EMAIL_PORT", 25),
                "username": _email.get("EMAIL_HOST_USER", ""),
                "password": _email.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": bool(_email.get("EMAIL_USE_TLS", False)),
                "use_ssl": bool(_email.get("EMAIL_USE_SSL", False)),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="congso <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security (hardened further in production.py) -------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Public pages: everything from our own origin, no inline script, no third parties.
_SELF = "'self'"
SECURE_CSP = {
    "default-src": [_SELF],
    "script-src": [_SELF],
    "style-src": [_SELF],
    "img-src": [_SELF, "data:"],
    "font-src": [_SELF],
    "connect-src": [_SELF],
    "media-src": [_SELF],
    "object-src": ["'none'"],
    "base-uri": [_SELF],
    "form-action": [_SELF],
    "frame-ancestors": ["'none'"],
}
# The Wagtail admin still ships inline scripts and styles; it gets its own, looser policy
# (see congso.core.middleware.AdminContentSecurityPolicyMiddleware).
CONGSO_ADMIN_CSP = {
    "default-src": [_SELF],
    "script-src": [_SELF, "'unsafe-inline'"],
    "style-src": [_SELF, "'unsafe-inline'"],
    "img-src": [_SELF, "data:", "blob:"],
    "font-src": [_SELF, "data:"],
    "connect-src": [_SELF],
    "media-src": [_SELF, "blob:"],
    "frame-src": [_SELF],
    "object-src": ["'none'"],
    "base-uri": [_SELF],
    "form-action": [_SELF],
    "frame-ancestors": [_SELF],
}
CONGSO_ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")
# Paths outside the bilingual public site (no /vi/ or /en/ prefix, no language redirect).
CONGSO_UNPREFIXED_PATHS = (
    "/admin/",
    "/api/",
    "/beacon/",
    "/documents/",
    "/healthz",
    "/language/",
    "/media/",
    "/sitemap.xml",
    "/static/",
)

# --- Wagtail --------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "congso"
WAGTAILADMIN_BASE_URL = env("CONGSO_BASE_URL", default="http://127.0.0.1:8000")
CONGSO_BASE_URL = WAGTAILADMIN_BASE_URL
# No calls to the internet at run time.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_COMMENTS_ENABLED = True
# Wagtail's login form leaves the password field without a (translated) label.
WAGTAILADMIN_USER_LOGIN_FORM = "congso.accounts.forms.LoginForm"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILEMBEDS_FINDERS = []  # oEmbed would call third parties; none configured.
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# --- Working-day calendar (congso.core.calendar) --------------------------------------
# Decree 61/2018/NĐ-CP (as amended by 107/2021): a dossier received after 15:00 counts from
# the next working day (verify; LEGAL.md §4). A deadline falls at the end of its working day.
CONGSO_WORKING_DAY_CUTOFF = datetime.time(15, 0)
CONGSO_WORKING_DAY_END = datetime.time(17, 0)

# --- Dossiers (congso.dossiers) -------------------------------------------------------
# Applicants' files and issued papers: outside the web root and MEDIA_ROOT, never served by
# URL, only through permission-checked views (docs/data-protection.md).
CONGSO_PRIVATE_MEDIA_ROOT = env.path("CONGSO_PRIVATE_MEDIA_ROOT", default=VAR_DIR / "private")
CONGSO_DOSSIER_MAX_FILE_SIZE = env.int("CONGSO_DOSSIER_MAX_FILE_SIZE", default=10 * 1024 * 1024)
CONGSO_DOSSIER_MAX_TOTAL_SIZE = env.int("CONGSO_DOSSIER_MAX_TOTAL_SIZE", default=50 * 1024 * 1024)
# Public look-ups (tracking page and API) per client address: (count, seconds).
CONGSO_TRACKING_RATE_LIMIT = (env.int("CONGSO_TRACKING_RATE_LIMIT", default=10), 60)

# --- Licences (congso.licensing) -----------------------------------------------------
# PAdES signing of licence certificates: PEM key and certificate paths; unset = unsigned.
CONGSO_LICENCE_SIGNING_KEY = env("CONGSO_LICENCE_SIGNING_KEY", default="")
CONGSO_LICENCE_SIGNING_CERT = env("CONGSO_LICENCE_SIGNING_CERT", default="")
CONGSO_LICENCE_SIGNING_KEY_PASSPHRASE = env("CONGSO_LICENCE_SIGNING_KEY_PASSPHRASE", default="")

# --- Logging --------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Chatty libraries: WeasyPrint logs every rendering step, fontTools every font it
        # reads; the task worker prints each task itself, so its logger needs no echo.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}
