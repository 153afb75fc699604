import logging

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("healthz: database check failed")
        return False


def _cache_ok() -> bool:
    try:
        cache.set("healthz", "ok", 10)
        return cache.get("healthz") == "ok"
    except Exception:
        logger.exception("healthz: cache check failed")
        return False


@never_cache
def healthz(request):
    """200 `{"db": "ok", "cache": "ok"}` when both answer; otherwise 503 naming what failed."""
    checks = {
        "db": "ok" if _database_ok() else "error",
        "cache": "ok" if _cache_ok() else "error",
    }
    status = 200 if all(v == "ok" for v in checks.values()) else 503
    return JsonResponse(checks, status=status)
