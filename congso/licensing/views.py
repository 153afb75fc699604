"""The public licence registry (vi/en): search, export, a licence's page, and the
verification page the QR code opens. See urls.py for the addresses and verification.py
for the token.

The verification page always shows the live status, never what the paper says. A wrong
or missing token shows no status at all: it says the link cannot be verified and offers
the registry search (HTTP 404, the same page as an unknown licence)."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache

from congso.core.i18n import current_language
from congso.dossiers import ratelimit

from . import exports, selectors
from .choices import LicenceStatus
from .models import Licence
from .verification import licence_path, token_matches

PAGE_SIZE = 20


def _translation_urls(name: str, *args, query: str = "") -> dict[str, str]:
    urls = {}
    for language in ("vi", "en"):
        with translation.override(language):
            urls[language] = reverse(name, args=args) + (f"?{query}" if query else "")
    return urls


def _years() -> list[int]:
    return list(Licence.objects.order_by("-year").values_list("year", flat=True).distinct())


def registry(request):
    """Search the registry: number, holder or tax code (accent-insensitive), type, status,
    year; 20 a page."""
    query = selectors.LicenceQuery.from_params(request.GET)
    results = selectors.licences_search(query)
    paginator = Paginator(results, PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    query_string = urlencode(query.as_params())
    return render(
        request,
        "licensing/registry.html",
        {
            "query": query,
            "page_obj": page_obj,
            "paginator": paginator,
            "licences": list(page_obj.object_list),
            "types": list(selectors.licence_types()),
            "statuses": LicenceStatus.choices,
            "years": _years(),
            "query_string": query_string,
            "searched": bool(query.as_params()),
            "translation_urls": _translation_urls("licensing:registry", query=query_string),
        },
    )


def export_rate_limit() -> tuple[int, int]:
    """(exports, seconds) allowed per client address to anyone but staff
    (CONGSO_LICENCE_EXPORT_RATE_LIMIT, default 10 per 5 minutes)."""
    value = getattr(settings, "CONGSO_LICENCE_EXPORT_RATE_LIMIT", (10, 300))
    return int(value[0]), int(value[1])


def registry_export(request, fmt: str):
    """The search's results (all pages, at most exports.MAX_ROWS) as CSV or XLSX; staff
    with `licensing.view_licence` get every field. Others are rate-limited per address
    (export_rate_limit): over the limit, 429 with a page saying how long to wait."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    staff = request.user.is_authenticated and request.user.has_perm("licensing.view_licence")
    rate = export_rate_limit()
    if not staff and not ratelimit.hit(request, scope="licence-export", rate=rate):
        wait = ratelimit.retry_after(rate)
        response = render(
            request,
            "licensing/export_limited.html",
            {
                "minutes": max(1, round(wait / 60)),
                "translation_urls": _translation_urls("licensing:registry"),
            },
            status=429,
        )
        response["Retry-After"] = str(wait)
        return response
    query = selectors.LicenceQuery.from_params(request.GET)
    licences = selectors.licences_search(query)
    if fmt == "csv":
        body, content_type = exports.export_csv(licences, staff=staff), exports.CSV_TYPE
    else:
        body, content_type = exports.export_xlsx(licences, staff=staff), exports.XLSX_TYPE
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{exports.export_filename(fmt)}"'
    if staff:
        response["Cache-Control"] = "private, no-store"
    return response


def _licence_context(licence: Licence) -> dict:
    return {
        "licence": licence,
        "events": selectors.public_events(licence),
        "lineage": licence.lineage(),
        "rows": licence.field_rows(current_language()),
        "successor": getattr(licence, "superseded_by", None),
    }


def licence_detail(request, year: int, number: str):
    """A licence's page: its status in large words, what it licenses, its history and
    every version."""
    licence = selectors.licence_get(year, number)
    if licence is None:
        raise Http404
    context = _licence_context(licence)
    context["translation_urls"] = _translation_urls("licensing:licence", year, licence.number)
    return render(request, "licensing/licence.html", context)


@never_cache
def verify(request, year: int, number: str):
    """The QR target: the live status, if the token is that of this licence."""
    token = request.GET.get("t", "")
    licence = selectors.licence_get(year, number) if token_matches(year, number, token) else None
    query = urlencode({"t": token}) if token else ""
    urls = _translation_urls("licensing:verify", year, number, query=query)
    if licence is None:
        return render(
            request,
            "licensing/unverified.html",
            {
                "number": number,
                "year": year,
                "registry_url": reverse("licensing:registry") + "?" + urlencode({"q": number}),
                "translation_urls": urls,
            },
            status=404,
        )
    context = _licence_context(licence)
    context["verified"] = True
    context["licence_url"] = licence_path(licence)
    context["translation_urls"] = urls
    return render(request, "licensing/verify.html", context)
