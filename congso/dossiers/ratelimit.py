"""A fixed-window rate limit per client address, kept in the cache (locmem in one process,
Redis across a deployment). Used by the public look-ups: the tracking page and the API
(issue 4 §3: "look-ups are rate-limited"), so that codes and secrets cannot be guessed by
trying many; and the licence register's public exports (congso.licensing.views), so that
nobody can keep the server busy building spreadsheets."""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache

from . import conf


def client_address(request) -> str:
    """The client's address as the web server saw it (REMOTE_ADDR). Behind a reverse proxy,
    the proxy must pass the real address on (e.g. nginx's real_ip module), or every client
    shares the proxy's limit."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(request, *, scope: str = "track", rate: tuple[int, int] | None = None) -> bool:
    """Count one request of `scope` from this client; False once it is over the limit for
    the current window: `rate` = (requests, seconds), by default the look-ups' own
    (CONGSO_TRACKING_RATE_LIMIT, 10 per 60 seconds)."""
    limit, window = rate or conf.tracking_rate_limit()
    slot = int(time.time() // window)
    address = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    key = f"congso:ratelimit:{scope}:{address}:{slot}"
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    return count <= limit


def retry_after(rate: tuple[int, int] | None = None) -> int:
    """Seconds until the current window ends."""
    _limit, window = rate or conf.tracking_rate_limit()
    return window - int(time.time()) % window
