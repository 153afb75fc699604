"""Settings for `make test`: the real database named by DATABASE_URL (else SQLite), fast
password hashing, a local-memory cache and mail box, and tasks run inline."""

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES

DEBUG = False
SECRET_KEY = "test-only-not-secret-" + "x" * 40
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# The full-page cache is off in tests, except in the tests that turn it on (congso.core
# tests of the cache, congso.search): other tests read pages again after changing rows.
CONGSO_PAGE_CACHE = False
# Likewise the fragments (congso.core.fragments), except in the tests of them.
CONGSO_FRAGMENT_CACHE = False
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
# Tests must not depend on a prior collectstatic run.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Tests on SQLite use a database file so live-server tests and threads share it.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test.sqlite3")}
DATABASES["default"]["CONN_MAX_AGE"] = 0
