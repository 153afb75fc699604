"""Local development: `make run`. Debug on, a throw-away secret key, SQLite by default."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-not-secret-" + "x" * 40)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

# Template edits must show at once while developing: the full-page cache is off unless
# asked for (CONGSO_PAGE_CACHE=true).
CONGSO_PAGE_CACHE = env.bool("CONGSO_PAGE_CACHE", default=False)
# Fragments too: and the task worker of `make run` (which publishes scheduled news) is
# another process with its own local-memory cache, so it could not make them stale.
CONGSO_FRAGMENT_CACHE = env.bool("CONGSO_FRAGMENT_CACHE", default=False)
