"""Full-page cache for anonymous readers of the public site.

`PageCacheMiddleware` (in settings.MIDDLEWARE right after WhiteNoise) answers a GET or
HEAD for a public page (/vi/…, /en/…) from the cache when it can, before sessions,
authentication and the database are touched: a hit costs one or two cache reads and no
query. It stores a response when all of these hold:

- the request has no session cookie and no messages cookie (logged-in staff, and
  visitors in the middle of something, always get a fresh page), and the user is not
  authenticated;
- the answer is a 200 with a body, not streamed, sets no cookie, did not use a CSRF
  token (pages with a form are never stored: the application form, tracking, the log-in
  page), is not `private`, `no-cache` or `no-store` (`never_cache` views such as dossier
  tracking), and is not a preview.

The key is made of the site-wide *generation*, the language, the host and the full path
with its query string. The generation is a random token kept in the cache; `purge()`
replaces it, so every page stored before is never read again (and expires by its
timeout). It is purged — now and again after the transaction commits — when a page is
published, unpublished, moved or deleted (which covers the lists that show it), and
when a row changes in the apps and models whose data the public pages print (settings
CONGSO_PAGE_CACHE_PURGE_APPS and CONGSO_PAGE_CACHE_PURGE_MODELS: the organisation,
procedures, portal settings, the newsroom's snippets, tags, images, documents, sites).
Counters written with a queryset `update()` (view counts) purge nothing. One generation
for the whole site keeps purging exact and simple; news do not go live often enough for
finer keys to pay.

Settings: CONGSO_PAGE_CACHE (on/off), CONGSO_PAGE_CACHE_ALIAS (a CACHES alias; Redis in
production, local memory in development and tests), CONGSO_PAGE_CACHE_TIMEOUT (seconds).
Responses carry `X-Page-Cache: hit` or `miss` (or nothing when not cacheable).
"""

import hashlib
import re
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save

GENERATION_KEY = "pagecache:generation"
_CC_DELIM = re.compile(r"\s*,\s*")
HEADER = "X-Page-Cache"
# Headers a stored page keeps. Set-Cookie never (such responses are not stored); Date,
# Content-Length and the security headers are set again on the way out.
_DROP_HEADERS = {"set-cookie", "date", "content-length"}


def _cache():
    return caches[getattr(settings, "CONGSO_PAGE_CACHE_ALIAS", "default")]


def enabled() -> bool:
    return getattr(settings, "CONGSO_PAGE_CACHE", True)


def generation() -> str:
    """The current generation; one is made when there is none (first use, cache flushed)."""
    cache = _cache()
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = uuid.uuid4().hex
        if not cache.add(GENERATION_KEY, value, None):
            value = cache.get(GENERATION_KEY) or value
    return value


def purge() -> None:
    """Forget every stored page (start a new generation)."""
    _cache().set(GENERATION_KEY, uuid.uuid4().hex, None)


def purge_now_and_on_commit() -> None:
    """Purge now (what this transaction reads next) and again after the commit (a page
    another request stored in between was rendered from the old rows)."""
    purge()
    transaction.on_commit(purge)


def _cache_key(request, gen: str) -> str:
    raw = f"{request.get_host()}|{request.get_full_path()}"
    digest = hashlib.sha256(raw.encode()).hexdigest()
    language = request.path.split("/", 2)[1]
    return f"pagecache:{gen}:{language}:{digest}"


def _public_prefixes() -> tuple[str, ...]:
    return tuple(f"/{code}/" for code, _name in settings.LANGUAGES)


def _request_cacheable(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if not request.path.startswith(_public_prefixes()):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _response_cacheable(request, response) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_USED"):
        return False
    if getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    directives = {
        d.split("=", 1)[0].strip().lower()
        for d in _CC_DELIM.split(response.get("Cache-Control", ""))
        if d.strip()
    }
    return not directives & {"private", "no-cache", "no-store"}


class PageCacheMiddleware:
    """See the module's docstring."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled() or not _request_cacheable(request):
            return self.get_response(request)
        from django.http import HttpResponse

        cache = _cache()
        gen = generation()
        key = _cache_key(request, gen)
        stored = cache.get(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response[HEADER] = "hit"
            if request.method == "HEAD":
                response.content = b""
            return response
        response = self.get_response(request)
        if _response_cacheable(request, response) and request.method == "GET":
            headers = [(k, v) for k, v in response.items() if k.lower() not in _DROP_HEADERS]
            timeout = getattr(settings, "CONGSO_PAGE_CACHE_TIMEOUT", 600)
            cache.set(key, (response.status_code, headers, response.content), timeout)
            response[HEADER] = "miss"
        return response


# --- Purging -----------------------------------------------------------------------------


def _page_changed(sender, instance=None, **kwargs):
    purge_now_and_on_commit()


def _row_changed(sender, instance=None, **kwargs):
    from wagtail.models import Page

    meta = sender._meta
    if issubclass(sender, Page):
        return  # pages: only publishing, unpublishing, moves and deletes (connected below)
    if meta.app_label in getattr(settings, "CONGSO_PAGE_CACHE_PURGE_APPS", ()) or (
        meta.label_lower in getattr(settings, "CONGSO_PAGE_CACHE_PURGE_MODELS", ())
    ):
        purge_now_and_on_commit()


def _page_deleted(sender, instance=None, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page) and instance.live:
        purge_now_and_on_commit()


def connect_signals() -> None:
    """Called from CoreConfig.ready()."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(_page_changed, dispatch_uid="pagecache_published")
    page_unpublished.connect(_page_changed, dispatch_uid="pagecache_unpublished")
    post_page_move.connect(_page_changed, dispatch_uid="pagecache_moved")
    post_delete.connect(_page_deleted, dispatch_uid="pagecache_page_deleted")
    post_save.connect(_row_changed, dispatch_uid="pagecache_row_saved")
    post_delete.connect(_row_changed, dispatch_uid="pagecache_row_deleted")
