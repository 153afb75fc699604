"""Parts of public pages kept in the cache until the site's content changes.

The full-page cache (`congso.core.cache`) answers an anonymous reader of a page already
rendered without a query. Every other request still renders: logged-in staff, a page or
query string not seen yet, and every page just after a publication purged the cache.
Most of such a render is the same from page to page or from request to request: the
main menu, the home page and the agency behind the header and footer, the language
links and breadcrumbs of a page, the news asides of an item, the featured news of the
home page. This module keeps those in the cache under the page cache's site-wide
*generation*: whatever purges the pages (a publication, an unpublication, a move, a
deletion, a saved row of the organisation, the portal settings, images…) makes them
stale at the same moment, and nothing is ever stale for longer than a cached page.

Two ways to use it:

- `memo(request, name, *parts, compute=fn)` returns `fn()`, kept under the key made of
  the generation, `name` and `parts`. Values must pickle (lists, tuples, strings, model
  instances).
- `{% load fragment_tags %}{% fragment "name" part … %}…{% endfragment %}` keeps the
  rendered HTML of the enclosed template. What varies inside the block must be among the
  parts (the language is added by the tag) — never something of the request or the
  user (aria-current, CSRF tokens, names).

Nothing is kept when CONGSO_FRAGMENT_CACHE is off (tests and `make run`, where another
process — the task worker — may publish and purge another local-memory cache), nor for a
preview, whose draft must show its own text.
"""

import hashlib

from django.conf import settings

from . import cache as page_cache

TIMEOUT_SETTING = "CONGSO_PAGE_CACHE_TIMEOUT"


def enabled(request=None) -> bool:
    """Whether fragments are kept for this request."""
    if not getattr(settings, "CONGSO_FRAGMENT_CACHE", True):
        return False
    return not getattr(request, "is_preview", False)


def _generation(request) -> str:
    # One cache read per request, however many fragments it uses.
    if request is None:
        return page_cache.generation()
    gen = getattr(request, "_congso_generation", None)
    if gen is None:
        gen = page_cache.generation()
        request._congso_generation = gen
    return gen


def key(request, name: str, *parts) -> str:
    """The cache key of fragment `name` with `parts`, under the current generation."""
    joined = ":".join(str(part) for part in parts)
    if len(joined) > 150:
        # Keys stay short (a path's route may be long; caches warn above 250 characters).
        joined = hashlib.sha256(joined.encode()).hexdigest()
    return f"fragment:{_generation(request)}:{name}:{joined}"


def memo(request, name: str, *parts, compute):
    """`compute()`, kept in the cache until the site's content changes (see above)."""
    if not enabled(request):
        return compute()
    store = page_cache._cache()
    cache_key = key(request, name, *parts)
    value = store.get(cache_key, _MISSING)
    if value is _MISSING:
        value = compute()
        store.set(cache_key, value, getattr(settings, TIMEOUT_SETTING, 600))
    return value


def get(request, name: str, *parts):
    """The stored fragment or None (None too when fragments are off)."""
    if not enabled(request):
        return None
    return page_cache._cache().get(key(request, name, *parts))


def put(request, name: str, *parts, value) -> None:
    if enabled(request):
        page_cache._cache().set(
            key(request, name, *parts), value, getattr(settings, TIMEOUT_SETTING, 600)
        )


_MISSING = object()
