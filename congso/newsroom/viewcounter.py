"""The view counter (Số lượt người đọc): one count per visitor per item per 30 minutes.

The item page never writes: it carries a beacon (static/newsroom/js/view-beacon.js POSTs
to /beacon/news/<id>/ once the page has loaded; without JavaScript a <noscript> image
GETs the same address), so counting goes on while pages come from the full-page cache
and costs the page nothing.

- A visitor is the pair (IP address, User-Agent), hashed; the first beacon of a visitor
  for an item adds a key to the cache (`cache.add`, VIEW_WINDOW seconds); later beacons in
  the window find it and count nothing. With several server processes the cache must be
  shared (Redis in production, settings.CACHES).
- Not counted: user agents that look like bots (BOT_PATTERN), logged-in staff (anyone who
  may enter the admin: their checks and previews are not readers), and previews (the
  beacon is not rendered in a preview).
- The count is one `UPDATE … SET view_count = view_count + 1` (an F() expression): no
  read-modify-write, so concurrent views are never lost.
- The script's POST is answered with the item's count, `{"views": N}`, which the script
  writes into the page: a reader of a cached copy sees the count as it is now, not as it
  was when the copy was stored.
"""

import base64
import hashlib
import re

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .models import NewsPage

VIEW_WINDOW = 30 * 60  # seconds
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|monitor|"
    r"curl|wget|python-requests|python-urllib|httpclient|okhttp|go-http-client|"
    r"libwww|scrapy|headless|phantomjs|lighthouse|pingdom|uptime|zgrab|masscan",
    re.IGNORECASE,
)
# A transparent 1×1 GIF for the <noscript> image.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def is_bot(user_agent: str) -> bool:
    """True for an empty user agent or one that names a crawler, a monitor or a script."""
    return not user_agent.strip() or bool(BOT_PATTERN.search(user_agent))


def visitor_key(page_id: int, ip: str, user_agent: str) -> str:
    digest = hashlib.sha256(f"{ip}|{user_agent}".encode()).hexdigest()[:32]
    return f"newsroom:viewed:{page_id}:{digest}"


def view_record(page_id: int, *, ip: str, user_agent: str) -> bool:
    """Count one view of a live news item unless this visitor was counted for it in the
    last VIEW_WINDOW seconds or is a bot. Returns whether a view was counted."""
    if is_bot(user_agent):
        return False
    if not cache.add(visitor_key(page_id, ip, user_agent), 1, VIEW_WINDOW):
        return False
    with transaction.atomic():
        updated = NewsPage.objects.filter(pk=page_id, live=True).update(
            view_count=F("view_count") + 1
        )
    return bool(updated)


def _is_staff(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


@csrf_exempt  # sent from cached pages, which carry no CSRF token; it only counts
@never_cache
@require_http_methods(["GET", "POST"])
def news_view_beacon(request, page_id: int):
    """POST (the script) → `{"views": N}`, the live item's count (204 for anything else);
    GET (the <noscript> image) → a 1×1 GIF. Either counts one view (see view_record); the
    answer does not say whether this request counted."""
    if not _is_staff(request):
        view_record(
            page_id,
            ip=request.META.get("REMOTE_ADDR", ""),
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:512],
        )
    if request.method == "POST":
        count = (
            NewsPage.objects.filter(pk=page_id, live=True)
            .values_list("view_count", flat=True)
            .first()
        )
        if count is None:
            return HttpResponse(status=204)
        return JsonResponse({"views": count})
    return HttpResponse(PIXEL, content_type="image/gif")
